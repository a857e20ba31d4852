#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace herald {
struct Campaign;
}

namespace herald::cli {

// How herald-cli writes numbers and times. Tables are for people: the C locale with
// thousands separators (10,521) and UTC minutes. JSON is for programs: plain numbers,
// ISO-8601 UTC times and null for "not yet", whatever the user's locale.
class Format
{
public:
    static QString number(qint64 value);
    static QString decimal(double value, int places = 1); // in the table's locale
    // Share of done in total as "42.5%"; "-" when total is 0.
    static QString percent(qint64 done, qint64 total);
    // "2024-05-01 14:03" in UTC; "-" when invalid.
    static QString tableTime(const QDateTime &time);
    static QJsonValue jsonTime(const QDateTime &time);
    static QJsonValue jsonText(const QString &text);

    // The campaign object of `status --json` (and of every command that prints one).
    static QJsonObject campaignJson(const Campaign &campaign);
};

} // namespace herald::cli
