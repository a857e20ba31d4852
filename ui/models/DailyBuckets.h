#pragma once

#include "models/DailySummaryModel.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

namespace herald::ui {

// A bar of the daily summary's chart: one day, or a week or month when the range is too long
// for a readable bar per day.
struct DailyBucket
{
    QDate from;
    QDate to; // inclusive
    QString label;
    qint64 sent = 0;
    qint64 failed = 0;
};

class DailyBuckets
{
    Q_DECLARE_TR_FUNCTIONS(DailyBuckets)

public:
    enum class Size { Day, Week, Month };

    // A bar per day up to a month, per week up to half a year, per month beyond.
    static Size sizeFor(qint64 days);
    // Buckets covering [from, to], oldest first, days without messages included.
    static QList<DailyBucket> make(const QList<DailyTotals> &days, const QDate &from, const QDate &to);
    // "per day", "per week", "per month"
    static QString describe(Size size);
};

} // namespace herald::ui
