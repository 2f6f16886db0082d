# The devnet's reference workers and reputers (node/participants) on a real in-process node:
# 100 epochs of each demo topic, the network inference against its parts, a restart midway.
allora_add_test(test_participants SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_participants.cpp
                LIBS allora_participants allora_node allora_wallet allora_core Qt6::Core
                LABELS integration)
