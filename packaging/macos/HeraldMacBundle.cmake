# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# macOS: Herald.app (bundle id, version, icon and high-resolution flag from Info.plist.in) in a
# drag-and-drop .dmg. herald-cli travels inside the bundle (Herald.app/Contents/MacOS/herald-cli),
# and macdeployqt copies Qt's frameworks and plugins and the other libraries into the bundle at
# install time, for both programs. Step by step: docs/PACKAGING.md, "macOS".
set(CPACK_GENERATOR "DragNDrop")
set(CPACK_PACKAGE_FILE_NAME "Herald-${PROJECT_VERSION}-macOS")
set(CPACK_DMG_VOLUME_NAME "Herald ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF) # the licence is in the bundle; no click-through

if(NOT TARGET herald)
    return() # a GUI-less build has no bundle to make
endif()
set_target_properties(herald PROPERTIES
    OUTPUT_NAME "Herald"
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_GUI_IDENTIFIER "${HERALD_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME "Herald"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE "${HERALD_APP_ID}.icns"
    MACOSX_BUNDLE_COPYRIGHT "2026 The Herald authors, GPL-3.0-or-later")
if(TARGET herald_icons)
    set(_herald_icns "${HERALD_ICON_DIR}/${HERALD_APP_ID}.icns")
    set(CPACK_PACKAGE_ICON "${_herald_icns}") # the volume's icon
    target_sources(herald PRIVATE ${_herald_icns})
    set_source_files_properties(${_herald_icns} TARGET_DIRECTORY herald PROPERTIES
                                MACOSX_PACKAGE_LOCATION Resources GENERATED TRUE)
    add_dependencies(herald herald_icons)
endif()

get_target_property(_herald_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_herald_qt_bin "${_herald_qmake}" DIRECTORY)
find_program(HERALD_MACDEPLOYQT macdeployqt HINTS "${_herald_qt_bin}")
if(HERALD_MACDEPLOYQT)
    # Runs after app/'s rules (CMP0082): moves herald-cli from bin/ into the bundle, so the .dmg
    # holds just Herald.app, then deploys both programs' libraries into the bundle.
    install(CODE "
        set(app \"\${CMAKE_INSTALL_PREFIX}/Herald.app\")
        file(RENAME \"\${CMAKE_INSTALL_PREFIX}/bin/herald-cli\" \"\${app}/Contents/MacOS/herald-cli\")
        file(REMOVE_RECURSE \"\${CMAKE_INSTALL_PREFIX}/bin\")
        execute_process(COMMAND \"${HERALD_MACDEPLOYQT}\" \"\${app}\"
                                \"-executable=\${app}/Contents/MacOS/herald-cli\" -verbose=1
                        COMMAND_ERROR_IS_FATAL ANY)")
else()
    message(WARNING "macdeployqt not found beside ${_herald_qmake}: the bundle would lack Qt")
endif()
