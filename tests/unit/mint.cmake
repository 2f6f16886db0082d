# Tokenomics of the mint module and merit sortition of the emissions module (PROTOCOL.md §7),
# against allora-chain's simulator vectors; the mint module on a real chain (begin-block minting,
# monthly recalculation, max-supply cap, genesis, queries, restarts).
allora_add_test(test_tokenomics SOURCES test_tokenomics.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
allora_add_test(test_sortition SOURCES test_sortition.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
foreach(mint_test test_mint_block test_mint_genesis)
  allora_add_test(${mint_test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${mint_test}.cpp
                  LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
endforeach()
