# Unschedule from the console: a scheduled campaign back to a draft through the real window.
herald_add_ui_test(NAME test_unschedule SOURCES test_unschedule.cpp PG TIMEOUT 300)
