# Rate cards in Settings and the cost estimate on the campaign's Overview.
herald_add_ui_test(NAME test_costestimateui SOURCES test_costestimateui.cpp PG)
