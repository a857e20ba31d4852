# The campaign's quiet hours on its Overview: the window, who waits and when it opens.
target_sources(herald_ui PRIVATE
    views/QuietHoursPanel.h views/QuietHoursPanel.cpp)
