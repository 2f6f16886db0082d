# The chain state machine (node/chain, node/modules): genesis and vesting, ante checks, and the
# application end to end (blocks, block store, determinism, restart, crash), on real SQLite files
# with real signed transactions (wallet/tx_builder.h).
foreach(chain_test test_genesis test_ante test_chain_app)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${chain_test}.cpp)
    allora_add_test(${chain_test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${chain_test}.cpp
                    LIBS allora_node allora_wallet allora_core Qt6::Core LABELS unit)
  endif()
endforeach()
