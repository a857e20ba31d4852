# Hostile campaign and contact names (tests/security/HostileStrings.h) in the console's models:
# shown exactly as stored, on both backends.
herald_add_ui_test(NAME test_hostilenames SOURCES test_hostilenames.cpp ../security/HostileStrings.h PG)
target_include_directories(test_hostilenames PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/../security)
