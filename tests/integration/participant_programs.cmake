# allora-worker and allora-reputer (run your own model) against a real allorad on loopback: a
# python3 model's inference submitted and on chain, failing / garbage / slow commands submitting
# nothing, a reputer's value bundle accepted, submissions resuming after a node restart.
allora_add_test(test_participant_programs
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_participant_programs.cpp
                LIBS allora_node allora_wallet allora_core Qt6::Core LABELS integration)
add_dependencies(test_participant_programs allorad allora-cli allora-worker allora-reputer)
# How they run a command (real /bin/sh children: stdin, output limit, timeout and stop killing the
# whole process group) and read its output; no node.
allora_add_test(test_participant_commands
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_participant_commands.cpp
                LIBS allora_participant_app Qt6::Core LABELS integration)
