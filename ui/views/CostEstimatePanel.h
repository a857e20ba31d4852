#pragma once

#include "data/CampaignSnapshot.h"
#include "pricing/CostEstimate.h"
#include "views/CampaignView.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace herald {
class Clock;
}

namespace herald::ui {

class CostCountryModel;
class DataService;
class StatusBanner;

// The campaign's cost estimate on its Overview: the total in the card's currency, when it was
// made and with which card (and that the example card's prices are not Meta's), the countries
// on demand, and Re-estimate.
//
// The estimate is checked (CostEstimator::checked) on the data thread when the campaign is
// selected — not with every snapshot: a campaign without one gets one, and one whose template
// Meta re-categorised since is re-estimated, with a warning that says from what to what, when,
// and the totals before and after. Re-estimate counts only the rows still to send while the
// campaign is running or paused.
class CostEstimatePanel : public QFrame, public CampaignView
{
    Q_OBJECT

public:
    CostEstimatePanel(DataService &data, const Clock &clock, QWidget *parent = nullptr);
    ~CostEstimatePanel() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;
    void reestimate();

    // What is shown, for tests and screenshots.
    const std::optional<CostEstimate> &estimate() const { return m_estimate; }
    QString totalText() const;
    QString detailText() const;
    QString noteText() const;
    QString warningText() const;
    CostCountryModel *countries() const { return m_model; }
    QTableView *countryTable() const { return m_table; }
    bool isBusy() const { return m_busy; }
    int checks() const { return m_checks; } // estimates read or made since construction

Q_SIGNALS:
    void estimateShown(); // an answer from the data thread is shown (estimate or why not)

private:
    void request(bool refresh);
    void showEstimate(const CostEstimate &estimate);
    void showProblem(const QString &text);
    void setCountriesVisible(bool visible);

    DataService &m_data;
    const Clock &m_clock;
    StatusBanner *m_warning;
    QLabel *m_total;
    QLabel *m_detail;
    QLabel *m_note;
    QToolButton *m_toggle;
    QPushButton *m_reestimate;
    QTableView *m_table;
    CostCountryModel *m_model;

    QString m_id;
    CampaignStatus m_status = CampaignStatus::Draft;
    std::optional<CostEstimate> m_estimate;
    int m_generation = 0; // bumped when the campaign changes: older answers are dropped
    bool m_busy = false;
    int m_checks = 0;
};

} // namespace herald::ui
