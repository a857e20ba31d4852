# Managing campaigns from the console: Duplicate and Change mapping (campaigns made from another)
# and Edit draft, Delete draft and Add contacts (a campaign changed in place) through the real
# window; the wizard's preset from a campaign's settings on its own.
herald_add_ui_test(NAME test_wizardpreset SOURCES test_wizardpreset.cpp)
foreach(theme copies changes)
    herald_add_ui_test(NAME test_campaignmanagement_${theme}
        SOURCES test_campaignmanagement_${theme}.cpp CampaignManagementSteps.h ConsoleFixture.h PG TIMEOUT 600)
    target_compile_definitions(test_campaignmanagement_${theme} PRIVATE
        HERALD_WIZARD_DATA="${CMAKE_CURRENT_SOURCE_DIR}/../data/wizard")
endforeach()
