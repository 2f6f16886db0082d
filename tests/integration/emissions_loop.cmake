# Issue 4's end-to-end emissions loop on an in-process solo devnet: a topic, five workers and
# three staked reputers for 25 epochs through signed, fee-paying txs, a consumer's FundTopic, the
# mint running; rewards paid, tokens conserved, the network inference beating its parts.
allora_add_test(test_emissions_loop SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_emissions_loop.cpp
                LIBS allora_participants allora_node allora_wallet allora_core Qt6::Core
                LABELS integration)
