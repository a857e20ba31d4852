# The selected campaign's failures and recipients: the models on the data thread, and the views.
herald_add_ui_test(NAME test_recipientsmodel SOURCES test_recipientsmodel.cpp RecipientsTestUtil.h PG)
herald_add_ui_test(NAME test_recipientsview SOURCES test_recipientsview.cpp RecipientsTestUtil.h PG)
# A campaign sent from a pool of numbers: its Numbers tab and moving recipients from a number
# taken out of the pool, through the real window.
herald_add_ui_test(NAME test_poolnumbersview SOURCES test_poolnumbersview.cpp PG)
