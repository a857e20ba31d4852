# The console in German and in English: LanguageChoice installs the compiled translation, the real
# window shows it; and the committed .ts files are complete and keep every placeholder.
herald_add_ui_test(NAME test_language SOURCES test_language.cpp)
target_compile_definitions(test_language PRIVATE
    HERALD_TRANSLATIONS_DIR="${PROJECT_SOURCE_DIR}/translations")
