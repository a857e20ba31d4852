#pragma once

#include "queue/FailureSummary.h"

#include <QAbstractTableModel>

namespace herald::ui {

// A campaign's failures, one row per reason: how many, what it means and what to do — the
// texts are ErrorPolicy's, the one table the sender decides by, never a list of the console's
// own. Late failures (sent messages that Meta reported failed afterwards, by webhook) follow
// the failed rows, one row per reason, marked "after sending".
class FailuresModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Reason, Count, Meaning, WhatToDo, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the count as a number, the reason as stored
        ReasonRole,                 // the stored reason, whatever the column
        AfterSendRole,              // true for a late failure's row
    };

    explicit FailuresModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // New counts for the same reasons change the counts in place; other reasons reset.
    void setReasons(const QList<ReasonCount> &reasons);
    void clear() { setReasons({}); }

    const QList<ReasonCount> &reasons() const { return m_reasons; }
    QString reasonAt(int row) const { return m_reasons.value(row).reason; }
    bool isAfterSend(int row) const { return m_reasons.value(row).afterSend; }
    int rowOf(const QString &reason, bool afterSend = false) const;
    qint64 total() const;     // failed messages
    qint64 lateTotal() const; // sent messages that failed afterwards
    int lateRows() const;

    static QString reasonText(const QString &reason); // "(no reason)" for an empty one

private:
    QList<ReasonCount> m_reasons;
};

} // namespace herald::ui
