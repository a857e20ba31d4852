#pragma once

#include "pricing/CostEstimate.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableView;

namespace herald {
class Clock;
}

namespace herald::ui {

class CostCountryModel;
class DataService;

// The cost estimate on the review page: the draft's recipients by country × the template's
// category, priced from the current rate card on the data thread. Says which card and date it
// used, warns when that is Herald's example card, and says plainly why there is no estimate
// (no category, no card) instead of showing a number. Its table and money are the campaign
// Overview's (CostCountryModel, MoneyText), so the same estimate reads the same in both.
class CostSection : public QWidget
{
    Q_OBJECT

public:
    CostSection(DataService &data, const Clock &clock, QWidget *parent = nullptr);

    // Estimates the draft's remaining recipients; empty: nothing to estimate (yet).
    void setCampaign(const QString &campaignId);

    const std::optional<CostEstimate> &estimate() const { return m_estimate; }
    bool busy() const { return m_busy; }
    CostCountryModel *model() const { return m_model; }

private:
    void present(const CostEstimate &e);

    DataService &m_data;
    const Clock &m_clock;
    int m_generation = 0;
    bool m_busy = false;
    std::optional<CostEstimate> m_estimate;
    CostCountryModel *m_model;
    QLabel *m_total;
    QLabel *m_card;
    QLabel *m_example;
    QLabel *m_problem;
    QTableView *m_table;
};

} // namespace herald::ui
