# The console under fault: started against a PostgreSQL server that is not there
# (docs/RELIABILITY.md, "Databases under fault").
herald_add_ui_test(NAME test_unreachabledb SOURCES test_unreachabledb.cpp)
