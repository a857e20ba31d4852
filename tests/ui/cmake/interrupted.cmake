# After a crash or a killed sender: herald-cli run is SIGKILLed mid-campaign, then a console
# starts on its database and names what was interrupted; a clean exit shows nothing.
herald_add_ui_test(NAME test_interrupted SOURCES test_interrupted.cpp PG TIMEOUT 600)
add_dependencies(test_interrupted herald-cli)
target_compile_definitions(test_interrupted PRIVATE HERALD_CLI_PATH="$<TARGET_FILE:herald-cli>")
