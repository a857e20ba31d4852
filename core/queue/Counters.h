#pragma once

#include <QHash>
#include <QString>

namespace herald {

class Clock;
class Database;

struct CounterValues
{
    qint64 contacts = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 pending = 0; // ready + processing

    bool operator==(const CounterValues &) const = default;
};

// The one place where campaigns.total_contacts, total_sent and total_failed change.
// Callers pass the change their own statement just made to send_queue, inside the same
// transaction, so the row change and the counter change commit or roll back together
// (the seed lost its counters because they were a second, separate call).
class Counters
{
public:
    static void apply(Database &db, const QString &campaignId, qint64 dContacts, qint64 dSent, qint64 dFailed,
                      const Clock &clock);
    // What the counters should be, counted from send_queue.
    static CounterValues recount(Database &db, const QString &campaignId);
    // The same for every campaign that has rows (or only `campaignId` when given).
    static QHash<QString, CounterValues> recountAll(Database &db, const QString &campaignId = {});
    // Overwrites the stored counters (repair only).
    static void set(Database &db, const QString &campaignId, const CounterValues &values, const Clock &clock);
};

} // namespace herald
