# The new-campaign wizard, driven through the real window with the fixtures in tests/data/wizard.
herald_add_ui_test(NAME test_wizard SOURCES test_wizard.cpp PG TIMEOUT 600)
target_compile_definitions(test_wizard PRIVATE HERALD_WIZARD_DATA="${CMAKE_CURRENT_SOURCE_DIR}/../data/wizard")
