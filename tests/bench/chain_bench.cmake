# bench_chain: signed MsgSend txs checked (checkTx), applied (finalizeBlock) and committed per
# second, blocks of 1k and 10k txs, on real SQLite. About 5 to 15 s (signing 11k txs first).
add_executable(bench_chain ${CMAKE_CURRENT_LIST_DIR}/bench_chain.cpp)
target_link_libraries(bench_chain PRIVATE allora_node allora_wallet allora_core)
set_target_properties(bench_chain PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
add_test(NAME bench_chain COMMAND bench_chain)
set_tests_properties(bench_chain PROPERTIES LABELS bench TIMEOUT 120)
