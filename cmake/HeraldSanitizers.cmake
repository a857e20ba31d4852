# HERALD_SANITIZE=address,undefined (or address, undefined, thread) builds every target of the
# project - core, secrets, ui, app, the simulator, the tests and the tools - with the sanitizers.
# The flags go on the directory, not on Herald::options, so that no target (a test-support or
# tool library that forgot to link the options target) is left uninstrumented.
#
# UndefinedBehaviorSanitizer stops at the first finding (-fno-sanitize-recover), so undefined
# behaviour fails the test that hit it instead of printing a line nobody reads. The runtime
# options and the suppressions for Debian's uninstrumented libraries are in
# tests/sanitizers/sanitizer-env.sh; docs/RELIABILITY.md ("Sanitizers") says what CI runs.
set(HERALD_SANITIZE "" CACHE STRING
    "Sanitizers to build with: empty, address, undefined, address,undefined or thread")

if(HERALD_SANITIZE)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        message(FATAL_ERROR "HERALD_SANITIZE needs GCC or Clang")
    endif()
    string(REPLACE "," ";" _herald_sanitizers "${HERALD_SANITIZE}")
    foreach(_s IN LISTS _herald_sanitizers)
        if(NOT _s MATCHES "^(address|undefined|thread)$")
            message(FATAL_ERROR
                "HERALD_SANITIZE: unknown sanitizer '${_s}' (use address, undefined or thread)")
        endif()
    endforeach()
    if("thread" IN_LIST _herald_sanitizers AND "address" IN_LIST _herald_sanitizers)
        message(FATAL_ERROR "HERALD_SANITIZE: thread and address cannot be combined")
    endif()

    set(_herald_san_flags -fsanitize=${HERALD_SANITIZE} -fno-omit-frame-pointer)
    if("undefined" IN_LIST _herald_sanitizers)
        list(APPEND _herald_san_flags -fno-sanitize-recover=undefined)
    endif()
    add_compile_options(${_herald_san_flags})
    add_link_options(-fsanitize=${HERALD_SANITIZE})
    message(STATUS "Herald: building with -fsanitize=${HERALD_SANITIZE}")
endif()

# HERALD_SANITIZE_TEST_OPTIMIZATION (e.g. -O0) compiles the test programs - not the code they
# test - at another optimisation level. CI uses -O0: a Qt Test file is the most expensive thing
# to compile under ASan+UBSan (QtTest's templates; about 30 % less CPU than at -O1), while the
# tests spend their time waiting on timers, sockets and Herald's code, which stays at -O1.
set(HERALD_SANITIZE_TEST_OPTIMIZATION "" CACHE STRING
    "Optimisation flag for the programs under tests/ in a sanitizer build (empty: the build type's)")

function(herald_sanitize_test_optimization dir)
    get_property(_targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(_t IN LISTS _targets)
        get_target_property(_type ${_t} TYPE)
        if(_type MATCHES "EXECUTABLE|LIBRARY" AND NOT _type STREQUAL "INTERFACE_LIBRARY")
            # After the build type's flags on the command line, so this one wins.
            target_compile_options(${_t} PRIVATE ${HERALD_SANITIZE_TEST_OPTIMIZATION})
        endif()
    endforeach()
    get_property(_subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(_d IN LISTS _subdirs)
        herald_sanitize_test_optimization(${_d})
    endforeach()
endfunction()

if(HERALD_SANITIZE AND HERALD_SANITIZE_TEST_OPTIMIZATION AND HERALD_BUILD_TESTS AND NOT HERALD_FUZZ)
    # Deferred to the end of the top-level CMakeLists.txt, when tests/ has defined its targets.
    cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL
        herald_sanitize_test_optimization ${CMAKE_SOURCE_DIR}/tests)
endif()
