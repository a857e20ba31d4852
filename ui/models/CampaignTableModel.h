#pragma once

#include "data/CampaignSnapshot.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The campaign table: one row per campaign, as the last snapshot from the data thread says.
// A new snapshot updates rows in place — one dataChanged for the block of rows whose figures
// moved, inserts and removals for campaigns that came or went — so a campaign sending at
// 1,000 messages a second costs a few repaints a second, never one per message.
class CampaignTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Status,
        Progress,
        Sent,
        Delivered, // count and % of sent, from Meta's status callbacks
        Read,      //
        Failed,
        Pending,
        Total,
        Rate,
        Eta,
        Started,
        Finished,
        Template,
        ColumnCount
    };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with (numbers, times)
        IdRole,                     // the campaign id
        StatusRole,                 // CampaignStatus as int
    };

    explicit CampaignTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const CampaignsSnapshot &snapshot);
    // The sender id of this console: its campaigns read "sending here".
    void setLocalSender(const QString &senderId);

    const CampaignRow *campaign(const QString &id) const;
    const CampaignRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &id) const;
    QString statusText(const CampaignRow &row) const;
    // "1,234 (95.2 %)": a delivery figure and its share of sent; "—" while delivery is not
    // tracked for the campaign's number and nothing was reported.
    static QString ofSentText(const CampaignRow &row, qint64 n);
    static QString notTrackedTip();

private:
    QVariant display(const CampaignRow &r, int column) const;
    QVariant raw(const CampaignRow &r, int column) const;
    QString tooltip(const CampaignRow &r, int column) const;

    QList<CampaignRow> m_rows;
    QString m_localSender;
    QDateTime m_takenAt;
};

} // namespace herald::ui
