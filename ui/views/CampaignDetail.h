#pragma once

#include "data/CampaignSnapshot.h"

#include <QWidget>

class QLabel;
class QTabWidget;

namespace herald::ui {

class CostEstimatePanel;
class DataService;
class DeliveryFunnel;
class FailuresView;
class NumberHealthLine;
class OverviewCharts;
class PoolNumbersView;
class QuietHoursPanel;
class RecipientsView;
class StatusBanner;

// The selected campaign: a header (template, category, started; the number it sends from and its
// health), a banner for a paused,
// stopped or completed campaign, and its tabs — Overview (charts, the delivery funnel), Failures,
// Recipients, and Numbers for a campaign sent from a pool of numbers.
class CampaignDetail : public QWidget
{
    Q_OBJECT

public:
    explicit CampaignDetail(DataService &data, QWidget *parent = nullptr);

    // Called on selection and with every snapshot that moved the campaign's figures.
    void showCampaign(const CampaignRow &row, bool sendingHere);
    void clear();
    const QString &campaignId() const { return m_id; }

    StatusBanner *banner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    CostEstimatePanel *costEstimate() const { return m_estimate; }
    QuietHoursPanel *quietHours() const { return m_quietHours; }
    DeliveryFunnel *funnel() const { return m_funnel; }
    NumberHealthLine *numberHealth() const { return m_number; }
    PoolNumbersView *poolNumbers() const { return m_pool; }
    // Reads the number's health again (after a health check).
    void refreshNumberHealth();
    // The number campaigns without one of their own send from, when not the settings' (the demo).
    void setDefaultNumber(const QString &phoneNumberId);

Q_SIGNALS:
    void resumeRequested(const QString &campaignId);
    void settingsRequested();
    void templatesRequested();
    void resendRequested(const QString &campaignId, const QStringList &reasons);

private:
    void showBanner(const CampaignRow &row);

    QString m_id;
    QLabel *m_title;
    NumberHealthLine *m_number;
    StatusBanner *m_banner;
    QTabWidget *m_tabs;
    OverviewCharts *m_overview;
    CostEstimatePanel *m_estimate;
    QuietHoursPanel *m_quietHours;
    FailuresView *m_failures;
    RecipientsView *m_recipients;
    PoolNumbersView *m_pool;  // its tab only for a campaign sent from a pool of numbers
    DeliveryFunnel *m_funnel; // made last: it comes last in the Overview's tab order
};

} // namespace herald::ui
