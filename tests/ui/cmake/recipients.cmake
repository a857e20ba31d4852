# The selected campaign's failures and recipients: the models on the data thread, and the views.
herald_add_ui_test(NAME test_recipientsmodel SOURCES test_recipientsmodel.cpp RecipientsTestUtil.h PG)
herald_add_ui_test(NAME test_recipientsview SOURCES test_recipientsview.cpp RecipientsTestUtil.h PG)
