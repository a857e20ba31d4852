# The wizard's import on its own thread: the console's data thread answers meanwhile, cancel and
# destruction leave nothing, contacts added to an existing campaign and taken away again.
herald_add_ui_test(NAME test_wizardimport SOURCES test_wizardimport.cpp PG TIMEOUT 600)
