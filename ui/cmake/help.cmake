# Help: the user guide window, keyboard shortcuts, About and the log folder. The guide and its
# screenshots are installed as documentation; the window looks for that copy relative to the
# executable, and for the source tree's in a development build.
include(GNUInstallDirs)
target_sources(herald_ui PRIVATE
    help/HelpMenu.h help/HelpMenu.cpp
    help/UserGuideWindow.h help/UserGuideWindow.cpp
    help/ShortcutTableModel.h help/ShortcutTableModel.cpp
    help/ShortcutsDialog.h help/ShortcutsDialog.cpp
    help/AboutDialog.h help/AboutDialog.cpp)
file(RELATIVE_PATH HERALD_DOC_FROM_BIN /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_DOCDIR})
set_source_files_properties(help/UserGuideWindow.cpp PROPERTIES COMPILE_DEFINITIONS
    "HERALD_DOC_FROM_BIN=\"${HERALD_DOC_FROM_BIN}\";HERALD_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\"")
set_source_files_properties(help/AboutDialog.cpp PROPERTIES COMPILE_DEFINITIONS
    "HERALD_VERSION=\"${PROJECT_VERSION}\"")

install(FILES ${PROJECT_SOURCE_DIR}/docs/USER_GUIDE.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/screenshots DESTINATION ${CMAKE_INSTALL_DOCDIR}
    FILES_MATCHING PATTERN "*.png")
