# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# What a Linux installation holds besides the two programs (their install() rules are in
# app/CMakeLists.txt): the desktop entry, AppStream metainfo, the icon in the hicolor sizes and
# as SVG, the man pages, and the Debian copyright file and changelog. Also renders the icon
# containers macOS and Windows packages use (packaging/CPackConfig.cmake). Translations are
# compiled into the programs as Qt resources, so there are no .qm files to install.
include(GNUInstallDirs)

# One id names the desktop file, the metainfo, the icon and QGuiApplication::desktopFileName.
set(HERALD_APP_ID io.github.heraldconsole.Herald)
if(TARGET herald)
    target_compile_definitions(herald PRIVATE HERALD_APP_ID="${HERALD_APP_ID}")
endif()
# The day PROJECT_VERSION was released: the metainfo's <release> and the Debian changelog.
set(HERALD_RELEASE_DATE 2026-12-02)
set(HERALD_PACKAGE_MAINTAINER "The Herald authors <herald@heraldconsole.github.io>"
    CACHE STRING "Maintainer of the Debian package, as 'Name <address>'")
set(HERALD_DEB_RELEASE 1)
set(HERALD_DEB_VERSION "${PROJECT_VERSION}-${HERALD_DEB_RELEASE}")
# `cpack` and `cmake --install` must not build the whole tree (tests, benchmarks) first: they
# need only what herald_installables builds.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(_herald_pkg ${PROJECT_SOURCE_DIR}/packaging/linux)
set(_herald_gen ${PROJECT_BINARY_DIR}/packaging)
set(HERALD_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/app/herald.svg)
set(HERALD_ICON_DIR ${PROJECT_BINARY_DIR}/icons)
set(HERALD_ICON_SIZES 16 22 24 32 48 64 128 256 512)

# The icon's bitmaps come from the SVG at build time (tools/iconrender), never from hand exports.
if(TARGET herald AND EXISTS ${HERALD_ICON_SVG})
    add_subdirectory(${PROJECT_SOURCE_DIR}/tools/iconrender ${PROJECT_BINARY_DIR}/tools/iconrender)
    set(_herald_icon_outputs ${HERALD_ICON_DIR}/${HERALD_APP_ID}.icns ${HERALD_ICON_DIR}/${HERALD_APP_ID}.ico)
    foreach(size IN LISTS HERALD_ICON_SIZES)
        list(APPEND _herald_icon_outputs ${HERALD_ICON_DIR}/hicolor/${size}x${size}/apps/${HERALD_APP_ID}.png)
    endforeach()
    add_custom_command(OUTPUT ${_herald_icon_outputs}
        COMMAND herald-iconrender ${HERALD_ICON_SVG} ${HERALD_ICON_DIR} ${HERALD_APP_ID}
        DEPENDS herald-iconrender ${HERALD_ICON_SVG}
        COMMENT "Rendering the application icon from ${HERALD_ICON_SVG}"
        VERBATIM)
    add_custom_target(herald_icons ALL DEPENDS ${_herald_icon_outputs})
elseif(TARGET herald)
    message(WARNING "No application icon at ${HERALD_ICON_SVG}: packages will have none")
endif()

if(UNIX AND NOT APPLE)
    set(_herald_docdir ${CMAKE_INSTALL_DOCDIR}) # share/doc/herald, set in the top CMakeLists.txt
    find_program(HERALD_GZIP gzip REQUIRED)

    # Man pages and the changelog, gzipped without a time stamp (reproducible, and lintian's rule).
    function(herald_gzip_configured in out)
        configure_file(${in} ${_herald_gen}/${out} @ONLY)
        add_custom_command(OUTPUT ${_herald_gen}/${out}.gz
            COMMAND ${HERALD_GZIP} -9 -n -f -k ${_herald_gen}/${out}
            DEPENDS ${_herald_gen}/${out} ${in}
            VERBATIM)
        set_property(GLOBAL APPEND PROPERTY HERALD_GZIPPED ${_herald_gen}/${out}.gz)
    endfunction()

    # Resolve every symbol at start so the GOT can be read-only (lintian: hardening-no-bindnow).
    foreach(target IN ITEMS herald herald-cli)
        if(TARGET ${target})
            target_link_options(${target} PRIVATE LINKER:-z,relro,-z,now)
        endif()
    endforeach()

    execute_process(COMMAND date -u -R -d "${HERALD_RELEASE_DATE} 12:00"
        OUTPUT_VARIABLE HERALD_RELEASE_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE)
    herald_gzip_configured(${_herald_pkg}/herald-cli.1 herald-cli.1)
    herald_gzip_configured(${_herald_pkg}/changelog.in changelog.Debian)
    install(FILES ${_herald_gen}/herald-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    install(FILES ${_herald_gen}/changelog.Debian.gz ${_herald_pkg}/copyright DESTINATION ${_herald_docdir})
    # The webhook receiver's and the worker's systemd units and environment files, as examples an
    # administrator copies and fills in (docs/DELIVERY.md, docs/TEAMS.md): the package starts no
    # service by itself.
    install(FILES ${_herald_pkg}/herald-webhooks.service ${_herald_pkg}/herald-webhooks.env
                  ${_herald_pkg}/herald-worker@.service ${_herald_pkg}/herald-worker.env
            DESTINATION ${_herald_docdir}/examples)

    if(TARGET herald)
        herald_gzip_configured(${_herald_pkg}/herald.1 herald.1)
        install(FILES ${_herald_gen}/herald.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        install(FILES ${_herald_pkg}/${HERALD_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
        configure_file(${_herald_pkg}/${HERALD_APP_ID}.metainfo.xml.in
                       ${_herald_gen}/${HERALD_APP_ID}.metainfo.xml @ONLY)
        install(FILES ${_herald_gen}/${HERALD_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
        if(TARGET herald_icons)
            foreach(size IN LISTS HERALD_ICON_SIZES)
                install(FILES ${HERALD_ICON_DIR}/hicolor/${size}x${size}/apps/${HERALD_APP_ID}.png
                        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
            endforeach()
            install(FILES ${HERALD_ICON_SVG} RENAME ${HERALD_APP_ID}.svg
                    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
        endif()
    endif()
    # cpack strips the programs with a bare `strip`, which keeps the compiler's .comment section
    # (lintian: binary-has-unneeded-section). This runs after app/'s rules (CMP0082).
    if(CMAKE_OBJCOPY)
        install(CODE "
            if(CMAKE_INSTALL_DO_STRIP)
                foreach(program IN ITEMS herald herald-cli)
                    set(path \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/\${program}\")
                    if(EXISTS \"\${path}\")
                        execute_process(COMMAND \"${CMAKE_OBJCOPY}\" --remove-section=.comment \"\${path}\"
                                        COMMAND_ERROR_IS_FATAL ANY)
                    endif()
                endforeach()
            endif()")
    endif()
    get_property(_herald_gzipped GLOBAL PROPERTY HERALD_GZIPPED)
    add_custom_target(herald_packaging_docs ALL DEPENDS ${_herald_gzipped})
endif()

# Everything the install rules above and in app/ take files from.
add_custom_target(herald_installables)
add_dependencies(herald_installables herald-cli)
foreach(target IN ITEMS herald herald_icons herald_packaging_docs)
    if(TARGET ${target})
        add_dependencies(herald_installables ${target})
    endif()
endforeach()

if(HERALD_BUILD_TESTS)
    add_test(NAME test_manpage_covers_every_cli_command_and_option
             COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/linux/check-manpage.sh
                     $<TARGET_FILE:herald-cli> ${PROJECT_SOURCE_DIR}/packaging/linux/herald-cli.1)
    if(TARGET herald)
        add_test(NAME test_manpage_covers_every_herald_option
                 COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/linux/check-manpage.sh --options-only
                         $<TARGET_FILE:herald> ${PROJECT_SOURCE_DIR}/packaging/linux/herald.1)
    endif()
    if(TARGET herald_icons)
        find_package(Python3 COMPONENTS Interpreter)
        if(Python3_FOUND)
            add_test(NAME test_icon_files_hold_every_size_as_png
                     COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/packaging/check-icons.py
                             ${HERALD_ICON_DIR} ${HERALD_APP_ID})
        endif()
    endif()
endif()
