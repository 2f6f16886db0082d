# bench_synthesis: one epoch's full inference synthesis (PROTOCOL.md §6: combined, naive,
# forecast-implied, one-out, one-in, band, weights) for 32/256/1,024 inferers x 8/32/128
# forecasters, synthetic inputs from a fixed seed: "bench: synthesis epoch ... ms (median of R)".
add_executable(bench_synthesis ${CMAKE_CURRENT_LIST_DIR}/bench_synthesis.cpp)
target_link_libraries(bench_synthesis PRIVATE allora_node allora_core)
set_target_properties(bench_synthesis PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
# The suite runs the combinations that take well under a second (about 3 s in all, at least one
# run each). With every forecaster covering every inferer the one-out-inferer outputs cost
# N²·K exps, so 1,024 inferers take tens of seconds a run: all nine by hand, e.g.
# `bin/bench_synthesis 1` (or `bin/bench_synthesis 5 1024x128` for one of them).
add_test(NAME bench_synthesis COMMAND bench_synthesis 0.1 32x8 32x32 32x128 256x8 256x32)
set_tests_properties(bench_synthesis PROPERTIES LABELS bench TIMEOUT 120)
