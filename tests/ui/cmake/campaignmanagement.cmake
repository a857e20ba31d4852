# Managing campaigns from the console: Duplicate, Edit draft (and Change mapping), Delete
# draft and Add contacts through the real window; the wizard's preset from a campaign's
# settings on its own.
herald_add_ui_test(NAME test_wizardpreset SOURCES test_wizardpreset.cpp)
herald_add_ui_test(NAME test_campaignmanagement SOURCES test_campaignmanagement.cpp PG TIMEOUT 600)
target_compile_definitions(test_campaignmanagement PRIVATE
    HERALD_WIZARD_DATA="${CMAKE_CURRENT_SOURCE_DIR}/../data/wizard")
