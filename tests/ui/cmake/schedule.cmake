# Scheduled campaigns and quiet hours in a running console.
herald_add_ui_test(NAME test_scheduledstart SOURCES test_scheduledstart.cpp PG TIMEOUT 300)
