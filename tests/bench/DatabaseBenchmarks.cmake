# Database benchmarks (plain programs, not tests): see docs/BENCHMARKS.md.
foreach(_bench bench_record bench_repair)
    add_executable(${_bench} ${CMAKE_CURRENT_LIST_DIR}/${_bench}.cpp ${CMAKE_CURRENT_LIST_DIR}/BenchUtil.h)
    target_link_libraries(${_bench} PRIVATE herald_core)
endforeach()
