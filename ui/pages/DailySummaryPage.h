#pragma once

#include "AppContext.h"
#include "queue/DailySummary.h"

#include <QWidget>

class QCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QStackedBarSeries;
class QTableView;
class QValueAxis;

namespace herald::ui {

class DailySummaryModel;
class DataService;

// Messages sent and failed per day, as a chart and a table, for one campaign or all.
// DailySummary rebuilds the days of the chosen range from the messages on the data thread
// (the seed's refresh_daily_summary on PostgreSQL), then the page shows what it stored.
class DailySummaryPage : public QWidget
{
    Q_OBJECT

public:
    DailySummaryPage(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~DailySummaryPage() override;

    // The page became visible (and on F5): read what it shows again.
    void refresh();

    // For tests and screenshots.
    DailySummaryModel &model() const { return *m_model; }
    QChartView *chartView() const { return m_view; }
    QBarSet *sentBars() const { return m_sentSet; }
    QBarSet *failedBars() const { return m_failedSet; }
    QStringList barLabels() const;
    void selectCampaign(const QString &campaignId); // empty: all
    void setDays(int days);                         // 0: all history
    QString totalsText() const;

Q_SIGNALS:
    void shown(); // a refresh arrived and is shown

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void apply();
    void labelBars();
    void fillCampaigns();
    int days() const;
    QString campaignId() const;

    DataService &m_data;
    AppContext m_context;
    QComboBox *m_campaign;
    QComboBox *m_range;
    QLabel *m_totals;
    QChart *m_chart;
    QChartView *m_view;
    QStackedBarSeries *m_series;
    QBarSet *m_sentSet;
    QBarSet *m_failedSet;
    QCategoryAxis *m_days;
    QValueAxis *m_counts;
    QStringList m_labels; // one per bar
    DailySummaryModel *m_model;
    QTableView *m_table;
    QList<DailySummaryRow> m_rows; // the last refresh's, for every campaign
    QDate m_today;                 // UTC, when they were read
    int m_readDays = -1;           // the range they cover
    bool m_reading = false;
    bool m_readAgain = false;
};

} // namespace herald::ui
