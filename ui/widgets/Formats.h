#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace herald::ui {

// How the console writes numbers, rates, durations and times: the user's locale (thousands
// separators, date order), local time, short units. One place, so that every view agrees.
class Formats
{
    Q_DECLARE_TR_FUNCTIONS(Formats)

public:
    static QString count(qint64 n);               // "24,363"
    static QString percent(double fraction);      // "78.2 %"
    static QString rate(double perSecond);        // "18.2/s", "—" when 0
    static QString duration(qint64 seconds);      // "45 s", "6 min", "1 h 20 min", "2 d 3 h"
    static QString eta(qint64 seconds);           // duration, "—" when unknown
    static QString time(const QDateTime &utc);    // local time, short; "" when invalid
    static QString dayTime(const QDateTime &utc); // today: "10:02"; otherwise date and time
};

} // namespace herald::ui
