#pragma once

#include "data/CampaignSnapshot.h"
#include "views/CampaignView.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace herald::ui {

class DataService;
class PoolNumbersModel;

// The Numbers tab of a campaign sent from a pool of phone numbers: each number's sent, failed
// and waiting recipients, which numbers left the pool and why, and "Move recipients…", which
// moves those waiting for numbers out of the pool to the others once the user confirms
// (NumberPool::reassign, recorded). Read by DataService jobs when the campaign's figures move,
// one read at a time.
class PoolNumbersView : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit PoolNumbersView(DataService &data, QWidget *parent = nullptr);

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

    PoolNumbersModel &model() const { return *m_model; }
    bool isPool() const { return m_pool; }
    QString summary() const;
    // Asks, then moves the recipients waiting for numbers out of the pool.
    void reassign();

Q_SIGNALS:
    void poolKnown(bool pool); // the selected campaign has a pool of numbers, or not
    void loaded();
    void reassigned(); // recipients were moved: resume the campaign to send them

private:
    void load();
    void updateSummary(const QString &message = {});

    DataService &m_data;
    PoolNumbersModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QPushButton *m_reassign;
    QString m_campaignId;
    QString m_notice;   // the last move's result or a read's error, until another campaign
    qint64 m_done = -1; // sent + failed when last read
    CampaignStatus m_status = CampaignStatus::Draft;
    quint64 m_generation = 0;
    bool m_pool = false;
    bool m_loading = false;
    bool m_stale = false; // the figures moved while a read was running
    bool m_busy = false;  // a move is being written
};

} // namespace herald::ui
