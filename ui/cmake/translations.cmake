# The console's translations: translations/herald_<lang>.ts, compiled by lrelease at build time
# and embedded into herald_ui under :/i18n, where LanguageChoice finds them.
#
# The .ts files are committed, so a build never runs lupdate. After changing texts, refresh them
# with `cmake --build build --target update_translations` (herald_ui_lupdate), translate, commit.
#
# Sources: everything the console shows — ui/, the GUI's main.cpp, the keychain's messages and
# core's texts the console displays (error meanings and advice, statuses, import summaries,
# setting checks …). herald-cli (app/cli) and the simulator stay out: their output is English
# because scripts read it.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)

set(_herald_tr_root ${PROJECT_SOURCE_DIR})
file(GLOB_RECURSE _herald_tr_sources CONFIGURE_DEPENDS
    ${_herald_tr_root}/ui/*.cpp ${_herald_tr_root}/ui/*.h
    ${_herald_tr_root}/core/*.cpp ${_herald_tr_root}/core/*.h
    ${_herald_tr_root}/secrets/*.cpp ${_herald_tr_root}/secrets/*.h)
list(FILTER _herald_tr_sources EXCLUDE REGEX "/core/simulator/")
list(APPEND _herald_tr_sources ${_herald_tr_root}/app/gui/main.cpp)
list(SORT _herald_tr_sources)

# The languages besides English (built in). Adding one: see translations/README.md.
set(HERALD_LANGUAGES de es id pt_BR)
set(_herald_ts_files)
foreach(_lang IN LISTS HERALD_LANGUAGES)
    list(APPEND _herald_ts_files ${_herald_tr_root}/translations/herald_${_lang}.ts)
endforeach()

qt_add_translations(herald_ui
    TS_FILES ${_herald_ts_files}
    RESOURCE_PREFIX /i18n
    SOURCES ${_herald_tr_sources}
    INCLUDE_DIRECTORIES ${_herald_tr_root}/ui ${_herald_tr_root}/core ${_herald_tr_root}/secrets
    # Locations and line numbers change with every edit; leaving them out keeps the diffs of
    # the .ts files to real text changes.
    LUPDATE_OPTIONS -locations none -no-obsolete
    LRELEASE_OPTIONS -silent)

# English is the source language, but its plural forms are not: "%n recipient(s)" needs
# "1 recipient" and "2 recipients". translations/herald_en.ts holds only the texts with %n
# (lupdate -pluralonly), their English singular and plural, and is installed for English.
# update_translations refreshes it too; tools/english-plurals.py fills the "(s)" forms of new
# texts, the rest are written by hand.
set(_herald_en_ts ${_herald_tr_root}/translations/herald_en.ts)
set(_herald_en_list ${CMAKE_CURRENT_BINARY_DIR}/herald_en_sources.lst)
list(TRANSFORM _herald_tr_sources PREPEND "" OUTPUT_VARIABLE _herald_en_lines)
list(JOIN _herald_en_lines "\n" _herald_en_text)
file(WRITE ${_herald_en_list}
     "-I${_herald_tr_root}/ui\n-I${_herald_tr_root}/core\n-I${_herald_tr_root}/secrets\n${_herald_en_text}\n")
add_custom_target(herald_en_lupdate
    COMMAND Qt6::lupdate -pluralonly -locations none -no-obsolete -silent @${_herald_en_list}
            -ts ${_herald_en_ts}
    COMMENT "Refreshing the English plural forms (translations/herald_en.ts)"
    VERBATIM)
if(TARGET update_translations)
    add_dependencies(update_translations herald_en_lupdate)
endif()

set(_herald_en_qm ${CMAKE_CURRENT_BINARY_DIR}/i18n/herald_en.qm)
add_custom_command(OUTPUT ${_herald_en_qm}
    COMMAND Qt6::lrelease -silent ${_herald_en_ts} -qm ${_herald_en_qm}
    DEPENDS ${_herald_en_ts}
    VERBATIM)
qt_add_resources(herald_ui "herald_en_plurals"
    PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR}/i18n
    FILES ${_herald_en_qm})
