# Issue 5's self-improvement under change on an in-process solo devnet: a worker that is the best
# for 50 epochs and then degrades loses most of its weight within 10 epochs; the network recovers.
allora_add_test(test_weight_shift SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_weight_shift.cpp
                LIBS allora_participants allora_node allora_wallet allora_core Qt6::Core
                LABELS integration)
