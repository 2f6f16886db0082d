# A wallet's history rows (ui/txrecord): sends and the emissions messages a wallet sends, read
# from stored txs and their results as the node's address index returns them.
allora_add_test(test_tx_record SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tx_record.cpp
                LIBS allora_ui Qt6::Core LABELS unit)
