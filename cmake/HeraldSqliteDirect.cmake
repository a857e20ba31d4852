# Decides whether contact imports may write to SQLite through its C API on the connection Qt
# opened (core/db/SqliteStatement.h). That is only sound when Qt's QSQLITE driver links the
# same shared libsqlite3 that herald_core links, as the Qt of Linux distributions does; Qt builds
# that bundle SQLite keep the Qt SQL path. AUTO turns it on when the driver's ELF dynamic section
# names libsqlite3; ON makes a failed detection an error. Sets HERALD_SQLITE_DIRECT_ENABLED and,
# when ON, finds SQLite::SQLite3 here, at the top, so that every directory sees the target.
set(HERALD_SQLITE_DIRECT AUTO CACHE STRING "Bulk SQLite inserts through the C API: AUTO, ON or OFF")
set_property(CACHE HERALD_SQLITE_DIRECT PROPERTY STRINGS AUTO ON OFF)
set(HERALD_SQLITE_DIRECT_ENABLED OFF)
if(NOT HERALD_SQLITE_DIRECT STREQUAL "OFF")
    set(_why "")
    find_package(SQLite3 QUIET)
    # Some distributions (Debian) do not load the plugin targets with Qt6Sql.
    if(NOT TARGET Qt6::QSQLiteDriverPlugin)
        find_package(Qt6QSQLiteDriverPlugin CONFIG QUIET PATHS "${Qt6Sql_DIR}" NO_DEFAULT_PATH)
    endif()
    if(NOT SQLite3_FOUND)
        set(_why "the SQLite development files (sqlite3.h, libsqlite3) were not found")
    elseif(NOT TARGET Qt6::QSQLiteDriverPlugin)
        set(_why "Qt's SQLite driver plugin was not found")
    elseif(NOT CMAKE_OBJDUMP)
        set(_why "objdump, needed to read the driver's dependencies, was not found")
    else()
        get_target_property(_qsqlite Qt6::QSQLiteDriverPlugin LOCATION)
        set(_dyn "")
        if(_qsqlite AND EXISTS "${_qsqlite}")
            execute_process(COMMAND "${CMAKE_OBJDUMP}" -p "${_qsqlite}"
                            OUTPUT_VARIABLE _dyn ERROR_QUIET RESULT_VARIABLE _rc)
        endif()
        if(NOT _dyn MATCHES "NEEDED[ \t]+libsqlite3\\.so")
            set(_why "Qt's SQLite driver (${_qsqlite}) does not link the shared libsqlite3")
        else()
            set(HERALD_SQLITE_DIRECT_ENABLED ON)
        endif()
    endif()
    if(NOT HERALD_SQLITE_DIRECT_ENABLED AND HERALD_SQLITE_DIRECT STREQUAL "ON")
        message(FATAL_ERROR "HERALD_SQLITE_DIRECT=ON, but ${_why}")
    endif()
endif()
message(STATUS "Herald: contact imports write to SQLite through its C API: ${HERALD_SQLITE_DIRECT_ENABLED}")
