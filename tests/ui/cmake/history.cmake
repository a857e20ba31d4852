# The campaign's charts, the daily summary, the templates and the opt-out list.
herald_add_ui_test(NAME test_minutehistory SOURCES test_minutehistory.cpp)
herald_add_ui_test(NAME test_overviewcharts SOURCES test_overviewcharts.cpp PG)
herald_add_ui_test(NAME test_templatespage SOURCES test_templatespage.cpp PG)
herald_add_ui_test(NAME test_dailysummarypage SOURCES test_dailysummarypage.cpp PG)
herald_add_ui_test(NAME test_optoutspage SOURCES test_optoutspage.cpp PG)
herald_add_ui_test(NAME test_senderspage SOURCES test_senderspage.cpp PG)
