#pragma once

#include <QWidget>

namespace herald::ui {

class DataService;
struct AppContext;

// Messages sent and failed per day, as a chart and a table, for one campaign or all.
class DailySummaryPage : public QWidget
{
    Q_OBJECT

public:
    DailySummaryPage(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~DailySummaryPage() override;

    // The page became visible (and on F5): read what it shows again.
    void refresh();

private:
    DataService &m_data;
};

} // namespace herald::ui
