# One INTERFACE target carries the language level, warnings and strict Qt defines.
# Every Herald target links it, so no target can quietly build with weaker settings.
add_library(herald_options INTERFACE)
add_library(Herald::options ALIAS herald_options)

target_compile_features(herald_options INTERFACE cxx_std_20)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(herald_options INTERFACE
        -Wall -Wextra -Wpedantic -Wold-style-cast -Wshadow=local -Wnon-virtual-dtor
        -Wcast-qual -Wimplicit-fallthrough)
    if(HERALD_WERROR)
        target_compile_options(herald_options INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(herald_options INTERFACE /W4 /permissive- /utf-8)
    if(HERALD_WERROR)
        target_compile_options(herald_options INTERFACE /WX)
    endif()
endif()

target_compile_definitions(herald_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
