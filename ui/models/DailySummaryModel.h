#pragma once

#include "queue/DailySummary.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>

namespace herald::ui {

// One day of the daily summary, for one campaign or all together.
struct DailyTotals
{
    QDate day; // UTC, as DailySummary counts
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 delivered = 0; // of those sent that day
    qint64 read = 0;
    QList<DailySummaryRow> campaigns; // what the day is made of, by campaign name

    qint64 finished() const { return sent + failed; }
    double failureRate() const { return finished() > 0 ? double(failed) / double(finished()) : 0.0; }
};

// The daily summary's table: a row per day with messages, newest first, for the campaign chosen
// (or all campaigns together: then the Campaigns column says which).
class DailySummaryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Day, Campaigns, Sent, Failed, FailureRate, Delivered, Read, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with
    };

    explicit DailySummaryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The rows DailySummary::rows() read; `campaignId` empty: all campaigns together.
    void setRows(const QList<DailySummaryRow> &rows, const QString &campaignId);
    const QList<DailyTotals> &days() const { return m_days; }
    const DailyTotals &dayAt(int row) const { return m_days.at(row); }
    qint64 totalSent() const;
    qint64 totalFailed() const;

    // Per-day totals of `rows` for one campaign or all, newest first.
    static QList<DailyTotals> totals(const QList<DailySummaryRow> &rows, const QString &campaignId);

private:
    QVariant display(const DailyTotals &d, int column) const;
    QVariant raw(const DailyTotals &d, int column) const;

    QList<DailyTotals> m_days;
};

} // namespace herald::ui
