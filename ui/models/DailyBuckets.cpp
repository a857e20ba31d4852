#include "models/DailyBuckets.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

DailyBuckets::Size DailyBuckets::sizeFor(qint64 days)
{
    if (days <= 31) {
        return Size::Day;
    }
    return days <= 26 * 7 ? Size::Week : Size::Month;
}

QString DailyBuckets::describe(Size size)
{
    switch (size) {
    case Size::Day:
        return tr("per day");
    case Size::Week:
        return tr("per week");
    case Size::Month:
        return tr("per month");
    }
    return {};
}

QList<DailyBucket> DailyBuckets::make(const QList<DailyTotals> &days, const QDate &from, const QDate &to)
{
    QList<DailyBucket> out;
    if (!from.isValid() || !to.isValid() || to < from) {
        return out;
    }
    const Size size = sizeFor(from.daysTo(to) + 1);
    const QLocale locale;
    QDate start = from;
    if (size == Size::Week) {
        start = from.addDays(1 - from.dayOfWeek()); // Monday
    } else if (size == Size::Month) {
        start = QDate(from.year(), from.month(), 1);
    }
    while (start <= to) {
        DailyBucket b;
        b.from = start;
        switch (size) {
        case Size::Day:
            b.to = start;
            b.label = locale.toString(start, u"d MMM"_s);
            break;
        case Size::Week:
            b.to = start.addDays(6);
            b.label = locale.toString(start, u"d MMM"_s);
            break;
        case Size::Month:
            b.to = start.addMonths(1).addDays(-1);
            b.label = locale.toString(start, u"MMM yyyy"_s);
            break;
        }
        out << b;
        start = b.to.addDays(1);
    }
    for (const DailyTotals &d : days) {
        for (DailyBucket &b : out) {
            if (d.day >= b.from && d.day <= b.to) {
                b.sent += d.sent;
                b.failed += d.failed;
                break;
            }
        }
    }
    return out;
}

} // namespace herald::ui
