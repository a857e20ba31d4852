#pragma once

#include "queue/RecipientQuery.h"
#include "views/CampaignView.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace herald::ui {

class DataService;
class RecipientsModel;

// Every recipient of the campaign — phone, name, status, sent time, wamid, error — filtered by
// status and reason, searchable by phone. Over a million rows it opens at once and scrolls
// smoothly: the row count comes from a count, and only the pages in view are fetched, on the
// data thread.
class RecipientsView : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit RecipientsView(DataService &data, QWidget *parent = nullptr);
    ~RecipientsView() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;
    void setReasonFilter(const QString &reason); // from the failures view; empty: any
    void setStatusFilter(RecipientFilter::Status status);
    void setPhoneSearch(const QString &text); // at once, without waiting for more typing

    RecipientsModel &model() const { return *m_model; }
    QTableView *table() const { return m_table; }
    QString countText() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    RecipientFilter wantedFilter() const;
    void apply();
    void refreshNow();
    void loadReasons();
    void showReasonChoice();
    void updateCount();

    DataService &m_data;
    RecipientsModel *m_model;
    QComboBox *m_status;
    QComboBox *m_reason;
    QLineEdit *m_search;
    QLabel *m_count;
    QTableView *m_table;
    QTimer *m_searchDelay;
    QTimer *m_refreshDelay;
    QString m_campaignId;
    QString m_reasonFilter;
    qint64 m_failed = -1;
    QList<std::pair<QString, qint64>> m_reasons; // for the reason filter's list
    quint64 m_reasonsGeneration = 0;
    QString m_error;
    bool m_dirty = false; // figures moved while hidden
    QElapsedTimer m_lastRefresh;
};

} // namespace herald::ui
