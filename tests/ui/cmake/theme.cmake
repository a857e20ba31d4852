# Look and feel: the themes, their colours' contrast, charts and banners following a theme change,
# and the icons (sharp at every device pixel ratio, on every action). No database is involved
# beyond opening the main window, so SQLite suffices.
herald_add_ui_test(NAME test_theme SOURCES test_theme.cpp)
herald_add_ui_test(NAME test_icons SOURCES test_icons.cpp)
