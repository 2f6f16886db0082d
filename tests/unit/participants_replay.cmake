# Issue 5's bar checked offline and deterministically: the demo topics replayed through the
# reference models and forecasters, the chain's synthesis, losses and regrets
# (tests/unit/participants_replay.h; tests/bench/replay_participants prints the same tables for
# other parameters). About a second.
allora_add_test(test_participants_replay
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_participants_replay.cpp
                LIBS allora_participants allora_node allora_core Qt6::Core LABELS unit)
target_include_directories(test_participants_replay PRIVATE ${PROJECT_SOURCE_DIR})
