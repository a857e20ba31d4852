# What happened over time and what the account holds: the campaign's charts, the daily
# summary, the templates, the opt-out list, and who sends (consoles, runs, workers).
target_sources(herald_ui PRIVATE
    widgets/ChartStyle.h widgets/ChartStyle.cpp
    widgets/PageMessage.h widgets/PageMessage.cpp
    data/TemplateSyncRunner.h data/TemplateSyncRunner.cpp
    models/TemplateTableModel.h models/TemplateTableModel.cpp
    models/DailySummaryModel.h models/DailySummaryModel.cpp
    models/DailyBuckets.h models/DailyBuckets.cpp
    models/OptOutTableModel.h models/OptOutTableModel.cpp
    widgets/OptOutImportText.h widgets/OptOutImportText.cpp
    models/MinuteHistory.h models/MinuteHistory.cpp
    views/OverviewCharts.h views/OverviewCharts.cpp
    pages/TemplatesPage.h pages/TemplatesPage.cpp
    pages/DailySummaryPage.h pages/DailySummaryPage.cpp
    pages/OptOutsPage.h pages/OptOutsPage.cpp
    models/SendersModel.h models/SendersModel.cpp
    pages/SendersPage.h pages/SendersPage.cpp)
