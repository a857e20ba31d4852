# What happened over time and what the account holds: the campaign's charts, the daily
# summary, the templates and the opt-out list.
target_sources(herald_ui PRIVATE
    views/OverviewCharts.h views/OverviewCharts.cpp
    pages/TemplatesPage.h pages/TemplatesPage.cpp
    pages/DailySummaryPage.h pages/DailySummaryPage.cpp
    pages/OptOutsPage.h pages/OptOutsPage.cpp)
