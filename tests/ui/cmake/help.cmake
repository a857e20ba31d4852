# The Help menu: guide window, shortcuts, About, log folder. The secrets test sends a campaign
# and connects with a password at the most verbose logging, then searches every log file.
herald_add_ui_test(NAME test_helpmenu SOURCES test_helpmenu.cpp PG)
target_compile_definitions(test_helpmenu PRIVATE HERALD_VERSION="${PROJECT_VERSION}")
herald_add_ui_test(NAME test_logsecrets SOURCES test_logsecrets.cpp ../secrets/SecretSearch.h PG)
set_property(TEST test_logsecrets APPEND PROPERTY ENVIRONMENT "QT_LOGGING_RULES=*.debug=true")
