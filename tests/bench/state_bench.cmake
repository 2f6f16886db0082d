# bench_state: state store commits (1k and 10k-update blocks on a 100k-key state) and Merkle proofs
# per second.
add_executable(bench_state ${CMAKE_CURRENT_LIST_DIR}/bench_state.cpp)
target_link_libraries(bench_state PRIVATE allora_node allora_core)
set_target_properties(bench_state PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
# About 5 to 10 s: a 100k-key state is built first, then measured.
add_test(NAME bench_state COMMAND bench_state)
set_tests_properties(bench_state PROPERTIES LABELS bench TIMEOUT 120)
