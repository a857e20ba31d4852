# Settings, credentials and the database choice. The dialog test runs with no keychain
# reachable (CI's situation); the keychain tests run inside with-keyring.sh (tests/secrets).
herald_add_ui_test(NAME test_settingsdialog SOURCES test_settingsdialog.cpp ../secrets/SecretSearch.h PG)
herald_add_keyring_test(NAME test_databasechoice SOURCES test_databasechoice.cpp UiTestUtil.h
    ../secrets/SecretSearch.h LIBS herald_ui herald_simulator PG)
# A campaign sent from the window with the token from the keychain, then every file searched.
herald_add_keyring_test(NAME test_consoletoken SOURCES test_consoletoken.cpp UiTestUtil.h
    ../secrets/SecretSearch.h LIBS herald_ui herald_simulator)
# Settings → Phone numbers: the rows herald-cli numbers edits, driven through the dialog.
herald_add_ui_test(NAME test_phonenumberssection SOURCES test_phonenumberssection.cpp PG)
