#pragma once

#include <QString>

namespace herald {

class Clock;
class Database;

// The rows one import added to a campaign, known by the ids they took: every row of the
// campaign with an id in (afterId, lastId]. A new row's id is above every id present when its
// transaction began (SQLite's rowid after the largest, PostgreSQL's sequence), so rows that
// were in the campaign before the import are at or below afterId. Nothing else adds to the
// campaign while the import runs: SQLite's write lock is the import's from its first to its
// last row, and on PostgreSQL every transaction that adds rows to a campaign first locks its
// row (CampaignStore::lockForAdding).
struct AddedRows
{
    qint64 afterId = 0; // the largest id in send_queue when the import began
    qint64 lastId = 0;  // the largest id in send_queue just before the import committed

    bool isEmpty() const { return lastId <= afterId; }

    // Deletes the campaign's rows in the range that still wait to be sent (ready), with the
    // counters changed in the same transaction (Counters::apply). Rows a sender has touched
    // since stay: they have a history. Returns how many rows went.
    static qint64 remove(Database &db, const QString &campaignId, const AddedRows &rows, const Clock &clock);
};

} // namespace herald
