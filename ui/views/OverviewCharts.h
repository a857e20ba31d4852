#pragma once

#include "data/CampaignSnapshot.h"
#include "models/MinuteHistory.h"
#include "views/CampaignView.h"

#include <QWidget>

class QBoxLayout;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

namespace herald::ui {

class DataService;

// The campaign's overview: cumulative sent and failed over time, and throughput in messages
// per second, from the database's per-minute history (CampaignHistory), so a campaign sent
// yesterday or before a restart is drawn right and a live one grows smoothly.
//
// Reads go to the data thread, one at a time. A new campaign (or figures that went backwards:
// a resend, a repair) reads the whole history; a live campaign's next snapshot reads only the
// minutes from the last one held on, which was still growing. When the figures the snapshot
// shows equal the history's sums, nothing is read at all.
class OverviewCharts : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit OverviewCharts(DataService &data, QWidget *parent = nullptr);
    ~OverviewCharts() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

    // What is drawn, for tests and screenshots.
    qint64 lastSent() const;   // the cumulative lines' last values
    qint64 lastFailed() const; //
    QLineSeries *sentSeries() const { return m_sent; }
    QLineSeries *failedSeries() const { return m_failed; }
    QLineSeries *rateSeries() const { return m_rate; }
    QChartView *totalsView() const { return m_totalsView; }
    QChartView *rateView() const { return m_rateView; }
    const MinuteHistory &history() const { return m_history; }
    bool showsCharts() const;
    QString emptyText() const;
    QString summaryText() const;
    bool isReading() const { return m_reading; }
    int fullReads() const { return m_fullReads; }
    int partialReads() const { return m_partialReads; }

Q_SIGNALS:
    void historyShown(); // a read arrived and the charts show it

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    bool caughtUp() const;
    void read();
    void redraw();
    void layoutCharts();
    void showEmpty(const QString &text);

    DataService &m_data;
    QLabel *m_summary;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QWidget *m_chartsPane;
    QBoxLayout *m_chartsLayout;
    QChart *m_totalsChart;
    QChart *m_rateChart;
    QChartView *m_totalsView;
    QChartView *m_rateView;
    QLineSeries *m_sent;
    QLineSeries *m_failed;
    QLineSeries *m_rate;
    QDateTimeAxis *m_totalsTime;
    QDateTimeAxis *m_rateTime;
    QValueAxis *m_counts;
    QValueAxis *m_rates;

    CampaignRow m_row;
    MinuteHistory m_history;
    MinuteHistory::Points m_points;
    bool m_loaded = false;    // m_history holds a read of m_row's campaign
    bool m_needFull = true;   // the next read must read everything
    bool m_reading = false;   // a read is on the data thread
    bool m_readAgain = false; // figures moved while it was
    int m_generation = 0;     // bumped when the campaign changes: older answers are dropped
    int m_fullReads = 0;
    int m_partialReads = 0;
};

} // namespace herald::ui
