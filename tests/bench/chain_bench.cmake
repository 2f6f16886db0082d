# bench_chain: signed MsgSend txs checked (checkTx), applied (finalizeBlock) and committed per
# second, blocks of 1k and 10k txs, on real SQLite. About 10 to 25 s (signing 22k txs first).
add_executable(bench_chain ${CMAKE_CURRENT_LIST_DIR}/bench_chain.cpp)
target_link_libraries(bench_chain PRIVATE allora_node allora_wallet allora_core)
set_target_properties(bench_chain PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
# N = 2: 6 rounds of 1k and 2 of 10k, so that one round slowed by the VM host's other tenants
# does not decide a median.
add_test(NAME bench_chain COMMAND bench_chain 2)
set_tests_properties(bench_chain PROPERTIES LABELS bench TIMEOUT 120)
