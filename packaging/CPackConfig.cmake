# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Packages, all from `cpack` in the build folder: a .deb and a .tar.gz on Linux, an NSIS
# installer on Windows, a .dmg (DragNDrop) on macOS. docs/PACKAGING.md tells each step. The
# version everywhere is project(VERSION) in the top CMakeLists.txt.
include(${PROJECT_SOURCE_DIR}/cmake/HeraldInstall.cmake)

set(CPACK_PACKAGE_NAME "herald")
set(CPACK_PACKAGE_VENDOR "The Herald authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${HERALD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/heraldconsole/herald")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Herald")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0) # compress on every core

if(APPLE)
    include(${CMAKE_CURRENT_LIST_DIR}/macos/HeraldMacBundle.cmake)
elseif(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/HeraldNsis.cmake)
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    # Both packages unpack to /usr (the .tar.gz as herald-VERSION-Linux/usr/…).
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
    set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
        OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # herald_VERSION-RELEASE_ARCH.deb
    set(CPACK_DEBIAN_PACKAGE_RELEASE "${HERALD_DEB_RELEASE}")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${HERALD_PACKAGE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_SECTION "net")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CPACK_PACKAGE_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    # CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line; this is the extended part.
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Herald imports CSV contact files, maps their columns to an approved WhatsApp
message template, and sends campaigns through the WhatsApp Business Cloud API
while showing sent and failed messages live. Counters and completion change in
one transaction with each message's status, so they always equal a recount.
.
This package holds the console (herald) and the command line program
(herald-cli), which work on an embedded SQLite database or a shared PostgreSQL
database. A built-in Cloud API simulator runs a demo without a Meta account.")
    # dpkg-shlibdeps finds the libraries the programs link. What Qt loads at run time it cannot
    # see, so it is declared here: the SQL drivers, the SVG image and icon engines (in
    # libqt6svg6 on Debian), the platform plugins (xcb and offscreen in libqt6gui6, the others in
    # qt6-qpa-plugins), Qt's own translations, and the time zone data quiet hours need.
    # packaging/linux/check-runtime-deps.sh proves the list against what the programs load.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(HERALD_DEB_RUNTIME_DEPENDS
        "libqt6sql6-sqlite (>= 6.4)"
        "libqt6sql6-psql (>= 6.4)"
        "libqt6svg6 (>= 6.4)"
        "libqt6gui6 (>= 6.4)"
        "qt6-qpa-plugins (>= 6.4)"
        "qt6-translations-l10n (>= 6.4)"
        "libphonenumber8"
        "libqt6keychain1"
        "tzdata")
    list(JOIN HERALD_DEB_RUNTIME_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
    # The keychain needs a Secret Service (GNOME Keyring, KWallet); Wayland sessions want the plugin.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, gnome-keyring | kwalletmanager")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
endif()
include(CPack)
