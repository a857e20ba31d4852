# The campaign's quiet hours on its Overview, with an injected clock.
herald_add_ui_test(NAME test_quiethourspanel SOURCES test_quiethourspanel.cpp PG)
