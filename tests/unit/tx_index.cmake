# The block store's index of txs by address (a wallet's history) and its query path: written with
# the block, paged newest first, rebuilt for a home created before the index existed.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/test_tx_index.cpp)
  allora_add_test(test_tx_index SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tx_index.cpp
                  LIBS allora_node allora_wallet allora_core Qt6::Core LABELS unit)
endif()
