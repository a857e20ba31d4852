# Personal data in the console: Tools ▸ Erase a Person's Data… and the retention setting applied
# after start and daily, through the real window on both databases.
herald_add_ui_test(NAME test_personaldata SOURCES test_personaldata.cpp PG)
