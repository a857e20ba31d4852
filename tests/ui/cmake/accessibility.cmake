# Accessibility and the keyboard: accessible names and tab order on every screen of the console
# (ConsoleTour.h walks them), shortcuts in tooltips, menu accelerators in English and German.
herald_add_ui_test(NAME test_accessibility SOURCES test_accessibility.cpp ConsoleTour.h TIMEOUT 600)
# German (and the others, listed in HERALD_FIT_LANGUAGES, once complete) fits the main window, the
# dialogs and the wizard at their default sizes: no label, button, tab or header cut off.
herald_add_ui_test(NAME test_germanfit SOURCES test_germanfit.cpp ConsoleTour.h TIMEOUT 600)
target_compile_definitions(test_germanfit PRIVATE
    HERALD_TRANSLATIONS_DIR="${PROJECT_SOURCE_DIR}/translations")
