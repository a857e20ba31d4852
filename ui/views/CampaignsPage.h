#pragma once

#include "data/CampaignSnapshot.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace herald::ui {

class CampaignDetail;
class CampaignTableModel;
class DataService;
class ProgressDelegate;
class StatusBanner;

// The campaign table (filterable, sortable, progress painted by a delegate) above the selected
// campaign's detail.
class CampaignsPage : public QWidget
{
    Q_OBJECT

public:
    CampaignsPage(DataService &data, CampaignTableModel &model, QWidget *parent = nullptr);

    QString currentCampaignId() const;
    const CampaignRow *currentCampaign() const;
    void selectCampaign(const QString &id);
    void setSendingHere(std::function<bool(const QString &)> sendingHere);
    // The model has a new snapshot: refresh the detail of the selected campaign if it moved
    // (or, forced, in any case: its rows changed without its figures, as an erasure does).
    void refreshDetail(bool force = false);

    QTableView *table() const { return m_table; }
    StatusBanner *welcome() const { return m_welcome; }
    QSplitter *splitter() const { return m_splitter; }
    CampaignDetail *detail() const { return m_detail; }
    ProgressDelegate *progressDelegate() const { return m_progress; }

Q_SIGNALS:
    void currentChanged(const QString &campaignId);
    void contextMenuRequested(const QPoint &globalPos);

private:
    CampaignTableModel &m_model;
    QSortFilterProxyModel *m_proxy;
    StatusBanner *m_welcome;
    QLineEdit *m_filter;
    QTableView *m_table;
    QSplitter *m_splitter;
    CampaignDetail *m_detail;
    ProgressDelegate *m_progress;
    std::function<bool(const QString &)> m_sendingHere;
    QString m_shownId;
    CampaignRow m_shown; // what the detail last showed, to skip unchanged snapshots
};

} // namespace herald::ui
