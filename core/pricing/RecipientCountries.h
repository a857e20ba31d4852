#pragma once

#include <QMap>
#include <QString>

namespace herald {

class Database;

// How many of a campaign's recipients are in each country, by the region libphonenumber gives
// their E.164 number ("DE", "GG" for Guernsey's +44 numbers; "001" for non-geographic ones
// such as +800; "ZZ" when no region fits).
//
// Rows queued since schema version 4 carry their region, so the count is one GROUP BY on the
// database. Rows without one (queued before) are grouped by their first digits in SQL too:
// a calling code of one region (+49) settles the whole group; only calling codes that several
// regions share (+1, +7, +44, …) are read number by number.
class RecipientCountries
{
public:
    enum class Scope {
        All,       // every row of the campaign
        Remaining, // rows still to send (ready or processing)
    };

    static QMap<QString, qint64> count(Database &db, const QString &campaignId, Scope scope = Scope::All);

    // The region of one E.164 number, as above.
    static QString regionOf(const QString &e164);
};

} // namespace herald
