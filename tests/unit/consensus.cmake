# Consensus and mempool (issue 3 items 5 and 6): the block format and CometBFT's vote sign bytes,
# the mempool, and the solo engine driving an application block after block.
allora_add_test(test_block_format SOURCES test_block_format.cpp
                LIBS allora_node allora_core Qt6::Core LABELS unit)
allora_add_test(test_mempool SOURCES test_mempool.cpp consensus_test_app.h
                LIBS allora_node allora_core Qt6::Core LABELS unit)
allora_add_test(test_solo_engine SOURCES test_solo_engine.cpp
                LIBS allora_node allora_wallet allora_core Qt6::Core LABELS unit)
allora_add_test(test_mempool_chain SOURCES test_mempool_chain.cpp
                LIBS allora_node allora_wallet allora_core Qt6::Core LABELS unit)
