# bench_wizard_import: the new-campaign wizard's import of the 1,000,000-row benchmark file
# through WizardImport, with a lag probe on the GUI thread; run-wizard-import-benchmark.sh
# compares it with herald-cli import (docs/BENCHMARKS.md, "Wizard import").
if(TARGET herald_ui)
    add_executable(bench_wizard_import ${CMAKE_CURRENT_LIST_DIR}/bench_wizard_import.cpp
        ${CMAKE_CURRENT_LIST_DIR}/BenchUtil.h)
    target_link_libraries(bench_wizard_import PRIVATE herald_ui)
endif()
