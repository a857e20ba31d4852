# Build speed. A cold build compiles about 500 files and links about 150 programs, and CI does
# it several times (the main build, ASan+UBSan, TSan), so both halves matter. Figures:
# docs/BENCHMARKS.md, "Build".
#
# Linking: GNU ld takes about 10 s to link one console test (100 MB with debug information);
# lld takes 2 s. HERALD_LLD uses lld when the compiler accepts it and falls back to the default
# linker, so a machine without lld still builds.
option(HERALD_LLD "Link with lld when it is available" ON)
if(HERALD_LLD AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT APPLE)
    include(CheckLinkerFlag)
    check_linker_flag(CXX "-fuse-ld=lld" HERALD_HAVE_LLD)
    if(HERALD_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()

# Precompiled headers: most of the time a small file of Herald takes to compile is Qt's
# headers (4.6 of 7.8 s for a console model test at -O0). Each kind of header (core: Qt Core, Sql and
# Network; ui: also Gui and Widgets) is made once, by a carrier target that links only those Qt
# modules and Herald's options, and reused by every target of that kind. GCC uses a
# precompiled header only if every macro defined on the command line when it was made is
# defined alike where it is used, hence the bare carriers: each user's defines are a superset
# (a test's QT_TESTCASE_BUILDDIR differs per folder; QtTest, which reads it, stays out).
#
# A precompiled header is included into every file, so a missing #include goes unnoticed until
# someone builds with -DHERALD_PCH=OFF (tests/bench/run-build-benchmark.sh main-plain does).
# With ccache, set CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# (herald-dev.sh does), or ccache compiles these files every time.
option(HERALD_PCH "Precompile Qt's headers for core, the console and the tests" ON)

# herald_pch_carrier(<kind: core|ui> <Qt targets…>): the target herald_pch_<kind>.
function(herald_pch_carrier kind)
    if(HERALD_PCH)
        add_library(herald_pch_${kind} OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/carrier.cpp)
        target_link_libraries(herald_pch_${kind} PRIVATE ${ARGN} herald_options)
        # The headers listed in cmake/pch/<kind>.h, named as <QtCore/QtCore> rather than by that
        # file's path: CMake's generated header then holds no absolute path, so ccache (with
        # CCACHE_BASEDIR) can reuse what another checkout of Herald compiled.
        set(_pch_file ${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h)
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_pch_file})
        file(STRINGS ${_pch_file} _includes REGEX "^#include <[^>]+>")
        list(TRANSFORM _includes REPLACE "^#include (<[^>]+>).*" "\\1")
        target_precompile_headers(herald_pch_${kind} PRIVATE ${_includes})
    endif()
endfunction()

# herald_precompiled(<target> <kind>): <target> reuses the precompiled header of that kind.
function(herald_precompiled target kind)
    if(HERALD_PCH AND TARGET herald_pch_${kind})
        target_precompile_headers(${target} REUSE_FROM herald_pch_${kind})
    endif()
endfunction()
