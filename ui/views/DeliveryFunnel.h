#pragma once

#include "data/CampaignSnapshot.h"
#include "views/CampaignView.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QValueAxis;

namespace herald::ui {

// What became of the campaign's messages after WhatsApp accepted them: a bar per stage — sent,
// delivered, read, failed (refused when sent) and failed later (a late failure Meta
// reported by webhook) — each labelled with its count and share of sent. Drawn from the
// snapshot's counters alone (Counters keeps them exact), so it moves with every snapshot and
// reads nothing itself. Above it, whether delivery is tracked for the campaign's number: while
// no webhook receiver has reported a callback for it, "Delivery not tracked", with how to set
// one up.
class DeliveryFunnel : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    enum Stage { Sent, Delivered, Read, Failed, FailedAfterSend, StageCount };

    explicit DeliveryFunnel(QWidget *parent = nullptr);
    ~DeliveryFunnel() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

    // What is drawn, for tests and screenshots.
    qint64 value(Stage stage) const;
    QString stageText(Stage stage) const; // the stage's label on the chart
    QString trackingText() const;
    QString trackingTip() const;
    QChartView *view() const { return m_view; }
    QBarSet *barSet(Stage stage) const { return m_sets[stage]; }

private:
    QString stageLabel(Stage stage, const CampaignRow &row) const;
    void showTracking(const CampaignRow &row);

    QLabel *m_tracking;
    QChart *m_chart;
    QChartView *m_view;
    QBarCategoryAxis *m_stages;
    QValueAxis *m_counts;
    QBarSet *m_sets[StageCount];
    QStringList m_labels; // by Stage
};

} // namespace herald::ui
