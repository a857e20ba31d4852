#pragma once

#include "data/CampaignSnapshot.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The processes sending from this database — consoles, herald-cli run, headless workers — as the
// Senders page lists them: name, kind, host and process, the campaigns each holds, its sending
// rate and whether it is still heard. One that has gone silent (its heartbeat older than the
// staleness) is marked, with the moment it was last heard: its campaigns are taken over by the
// next sender. Fed by the campaign snapshot (CampaignMonitor, on the data thread).
class SendersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Host, Campaigns, Rate, State, ColumnCount };
    enum Role {
        LiveRole = Qt::UserRole + 1, // bool
        IdRole,                      // the sender's id
    };

    explicit SendersModel(QObject *parent = nullptr);

    // The id of this console's own sender, listed as "this console".
    void setLocalSender(const QString &senderId) { m_localSender = senderId; }
    void setSenders(const QList<SenderRow> &senders);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int silentCount() const;
    int countOf(SenderKind kind) const;
    static QString kindText(SenderKind kind);

private:
    QString nameOf(const SenderRow &row) const;
    QString stateOf(const SenderRow &row) const;

    QList<SenderRow> m_rows;
    QString m_localSender;
};

} // namespace herald::ui
