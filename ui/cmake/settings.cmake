# Settings, where the access token comes from, and which database the console opens. The
# keychain is herald_secrets (QtKeychain), a library of its own beside herald_core.
target_sources(herald_ui PRIVATE
    sending/Credentials.h sending/Credentials.cpp
    settings/DatabaseChoice.h settings/DatabaseChoice.cpp
    settings/ConnectionTester.h settings/ConnectionTester.cpp
    settings/LanguageChoice.h settings/LanguageChoice.cpp
    settings/SettingField.h settings/SettingField.cpp
    settings/TokenSection.h settings/TokenSection.cpp
    settings/DatabaseSection.h settings/DatabaseSection.cpp
    settings/PhoneNumbersModel.h settings/PhoneNumbersModel.cpp
    settings/PhoneNumbersSection.h settings/PhoneNumbersSection.cpp
    settings/SectionParts.h settings/SectionParts.cpp
    dialogs/SettingsDialog.h dialogs/SettingsDialog.cpp)
target_link_libraries(herald_ui PUBLIC herald_secrets)
