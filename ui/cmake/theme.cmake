# Look and feel: Herald's own icons (resources/icons, embedded under :/icons), the light and dark
# themes with View › Theme, the status colours and the charts' colours that follow the theme.
find_package(Qt6 6.4 REQUIRED COMPONENTS Svg)

target_sources(herald_ui PRIVATE
    theme/StatusColors.h theme/StatusColors.cpp
    theme/Theme.h theme/Theme.cpp
    theme/ThemeMenu.h theme/ThemeMenu.cpp
    theme/Icons.h theme/Icons.cpp
    theme/TintedSvgIconEngine.h theme/TintedSvgIconEngine.cpp
    theme/ChartThemer.h theme/ChartThemer.cpp
    theme/ToneText.h theme/ToneText.cpp)
target_link_libraries(herald_ui PUBLIC Qt6::Svg)

file(GLOB _herald_icon_files CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/resources/icons/app/*.svg
    ${PROJECT_SOURCE_DIR}/resources/icons/actions/*.svg
    ${PROJECT_SOURCE_DIR}/resources/icons/status/*.svg)
qt_add_resources(herald_ui "herald_icons"
    PREFIX /icons
    BASE ${PROJECT_SOURCE_DIR}/resources/icons
    FILES ${_herald_icon_files})
