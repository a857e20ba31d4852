# The console's translations: the compiled catalogues and the class that loads them live in
# herald_translations (core/i18n/CMakeLists.txt: Qt Core only, so that herald-cli links them
# too). LanguageChoice (settings/) adds the choice stored in Settings on top.
target_link_libraries(herald_ui PUBLIC herald_translations)
