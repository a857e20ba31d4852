#pragma once

#include "queue/NumberPool.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The phone numbers of a campaign's pool (NumberPool), one row each: in the pool or out of it,
// how many of its recipients were sent, failed or still wait, and why a number left.
class PoolNumbersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Number, State, Rate, Sent, Failed, Waiting, Reason, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // counts as numbers, the id and reason as stored
        ActiveRole,                 // true while the number is in the pool
    };

    explicit PoolNumbersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The same numbers with new figures change in place; another pool resets.
    void setNumbers(const QList<PoolNumberProgress> &numbers);
    void clear() { setNumbers({}); }
    const QList<PoolNumberProgress> &numbers() const { return m_numbers; }
    // Recipients waiting for numbers out of the pool: what a reassignment would move.
    qint64 waitingForOut() const;
    QStringList outNumbers() const;
    QStringList activeNumbers() const;

private:
    QList<PoolNumberProgress> m_numbers;
};

} // namespace herald::ui
