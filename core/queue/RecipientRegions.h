#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace herald {

class Database;

// The country of each queued recipient (send_queue.region), which quiet hours turn into a
// time zone. Rows queued through QueueEngine::enqueue or the bulk import (ContactImporter) get it
// at once; rows queued before schema version 4 (or by an import before it stored regions) have ''
// until fill() finds theirs, which a sender does before it sends a campaign with quiet hours.
class RecipientRegions
{
    Q_DECLARE_TR_FUNCTIONS(RecipientRegions)

public:
    // ISO 3166 alpha-2 of an E.164 number as libphonenumber reads it; '' when it has none (an
    // invalid or non-geographic number, +800 …).
    static QString of(const QString &e164);

    // Sets the region of the campaign's waiting rows that have none, in batches of its own
    // transactions (it only adds what is known about a row, so a half-done fill is still
    // true). Returns how many rows got one. Rows whose number has no region stay ''.
    static qint64 fill(Database &db, const QString &campaignId);

    // The distinct regions of the campaign's waiting (ready or processing) rows, '' included:
    // one index seek per region, not a scan of the rows.
    static QStringList waiting(Database &db, const QString &campaignId);
};

} // namespace herald
