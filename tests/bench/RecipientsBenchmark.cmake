# bench_recipients: opening a 1,000,000-row campaign's recipients and jumping to its end, offscreen
# with the real view (docs/BENCHMARKS.md, "Recipients of a million-row campaign").
if(TARGET herald_ui)
    add_executable(bench_recipients ${CMAKE_CURRENT_LIST_DIR}/bench_recipients.cpp ${CMAKE_CURRENT_LIST_DIR}/BenchUtil.h)
    target_link_libraries(bench_recipients PRIVATE herald_ui)
endif()
