# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows: an NSIS installer (Herald-VERSION-win64.exe) with the licence page, a Start menu
# shortcut, an optional PATH entry for herald-cli, and an uninstaller. windeployqt copies Qt's
# DLLs, plugins (platforms, styles, sqldrivers, imageformats, iconengines, tls) and translations
# beside the programs at install time, so `cpack` packs a folder that runs on a clean machine.
# Step by step: docs/PACKAGING.md, "Windows".
set(CPACK_GENERATOR "NSIS")
set(CPACK_PACKAGE_FILE_NAME "Herald-${PROJECT_VERSION}-win64")
set(CPACK_NSIS_PACKAGE_NAME "Herald")
set(CPACK_NSIS_DISPLAY_NAME "Herald ${PROJECT_VERSION}")
set(CPACK_NSIS_UNINSTALL_NAME "Uninstall Herald")
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON) # a page offers to put bin\ (herald-cli) on the PATH
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_PACKAGE_EXECUTABLES "herald;Herald") # Start menu shortcut
set(CPACK_CREATE_DESKTOP_LINKS "herald")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "herald.exe")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\herald.exe") # Apps & features shows this icon
if(TARGET herald AND TARGET herald_icons)
    set(_herald_ico "${HERALD_ICON_DIR}/${HERALD_APP_ID}.ico")
    set(CPACK_NSIS_MUI_ICON "${_herald_ico}")
    set(CPACK_NSIS_MUI_UNIICON "${_herald_ico}")
    # The icon of herald.exe itself, from the same .ico.
    file(WRITE ${PROJECT_BINARY_DIR}/packaging/herald.rc "IDI_ICON1 ICON \"${_herald_ico}\"\n")
    target_sources(herald PRIVATE ${PROJECT_BINARY_DIR}/packaging/herald.rc)
    set_source_files_properties(${PROJECT_BINARY_DIR}/packaging/herald.rc TARGET_DIRECTORY herald
                                PROPERTIES OBJECT_DEPENDS "${_herald_ico}")
    add_dependencies(herald herald_icons)
endif()

# windeployqt sits beside qmake in the Qt installation's bin folder.
get_target_property(_herald_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_herald_qt_bin "${_herald_qmake}" DIRECTORY)
find_program(HERALD_WINDEPLOYQT windeployqt HINTS "${_herald_qt_bin}")
if(HERALD_WINDEPLOYQT)
    # DLLs of the other libraries (libphonenumber, protobuf, QtKeychain, libpq and OpenSSL from
    # vcpkg) are copied beside the programs by vcpkg's applocal step; they are installed from there.
    install(CODE "
        file(GLOB dlls \"$<TARGET_FILE_DIR:herald-cli>/*.dll\")
        if(dlls)
            file(INSTALL \${dlls} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
        endif()")
    # Runs after app/'s rules (CMP0082), on the installed programs.
    install(CODE "
        execute_process(COMMAND \"${HERALD_WINDEPLOYQT}\" --release --compiler-runtime
                                --no-system-d3d-compiler --no-opengl-sw
                                \"\${CMAKE_INSTALL_PREFIX}/bin/herald.exe\"
                                \"\${CMAKE_INSTALL_PREFIX}/bin/herald-cli.exe\"
                        COMMAND_ERROR_IS_FATAL ANY)")
else()
    message(WARNING "windeployqt not found beside ${_herald_qmake}: the installer would lack Qt's DLLs")
endif()
