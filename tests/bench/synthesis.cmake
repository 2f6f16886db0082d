# bench_synthesis: one epoch's full inference synthesis (PROTOCOL.md §6: combined, naive,
# forecast-implied, one-out, one-in, band, weights) for 32/256/1,024 inferers x 8/32/128
# forecasters, synthetic inputs from a fixed seed, each "on-chain" (12 elements per forecast, the
# chain's max_elements_per_forecast) and with "all elements" (every forecaster forecasting every
# inferer): "bench: synthesis epoch ... ms CPU (median of R)  outputs <digest of the result bits>".
# The on-chain 1,024 x 128 line is issue 4's target (< 50 ms): on-chain is what a real epoch
# computes. The regret tables are passed by index, as epoch close passes them; the test fails if the
# same epoch with the tables as maps gives different output bits (timings are printed, not asserted).
add_executable(bench_synthesis ${CMAKE_CURRENT_LIST_DIR}/bench_synthesis.cpp)
target_link_libraries(bench_synthesis PRIVATE allora_node allora_core)
set_target_properties(bench_synthesis PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
# The suite runs every on-chain combination and the all-elements ones up to 1,024 x 8 (a few
# seconds in all, most of it building the inputs). With every forecaster covering every inferer the
# one-out-inferer outputs cost N²·K weights, so 1,024 x 128 takes seconds a run: all eighteen by
# hand, `bin/bench_synthesis 1` (or `bin/bench_synthesis 5 1024x128/all` for one of them).
add_test(NAME bench_synthesis
         COMMAND bench_synthesis 0.1 32x8 32x32 32x128 256x8 256x32 256x128 1024x8
                 1024x32/chain 1024x128/chain)
set_tests_properties(bench_synthesis PROPERTIES LABELS bench TIMEOUT 180)
