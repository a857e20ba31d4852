# The wizard's review page: when to send, quiet hours, the cost estimate and the frequency cap,
# and Finish writing them, through the real window.
herald_add_ui_test(NAME test_wizard_review SOURCES test_wizard_review.cpp PG TIMEOUT 600)
target_compile_definitions(test_wizard_review PRIVATE HERALD_WIZARD_DATA="${CMAKE_CURRENT_SOURCE_DIR}/../data/wizard")
