# Settings, where the access token comes from, and which database the console opens.
target_sources(herald_ui PRIVATE
    sending/Credentials.h sending/Credentials.cpp
    dialogs/SettingsDialog.h dialogs/SettingsDialog.cpp)
