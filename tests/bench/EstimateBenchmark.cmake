# bench_estimate: the cost estimate and the frequency cap's read on a 1,000,000-row campaign
# (docs/BENCHMARKS.md, "Cost estimate and frequency cap").
add_executable(bench_estimate ${CMAKE_CURRENT_LIST_DIR}/bench_estimate.cpp ${CMAKE_CURRENT_LIST_DIR}/BenchUtil.h)
target_link_libraries(bench_estimate PRIVATE herald_core)
