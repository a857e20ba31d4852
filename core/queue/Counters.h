#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace herald {

class Clock;
class Database;

struct CounterValues
{
    qint64 contacts = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 pending = 0; // ready + processing
    // What became of sent messages, from Meta's status webhooks (DeliveryWriter).
    qint64 delivered = 0;       // rows with delivered_at (a read message counts too)
    qint64 read = 0;            // rows with read_at
    qint64 failedAfterSend = 0; // sent rows with a late failure (late_failed_at)

    bool operator==(const CounterValues &) const = default;
};

// The one place where campaigns.total_contacts, total_sent and total_failed (and the delivery
// counters total_delivered, total_read and total_failed_after_send) change — and
// with them the campaign's history, sent and failed per UTC minute (campaign_minutes), whose
// sums are the counters. Callers pass the change their own statement just made to
// send_queue, inside the same transaction, so the row change and the counter change commit
// or roll back together (the seed lost its counters because they were a second, separate
// call).
class Counters
{
public:
    // The lock order that keeps concurrent writers on PostgreSQL free of deadlocks: a transaction
    // that changes queue rows and then a campaign's counters locks the campaign rows first, in id
    // order, before it touches any of their queue rows (claims, outcomes, recovery, resends,
    // delivery callbacks, erasure). Without it a claim holding its campaign waited for a queue row
    // that an outcome's transaction held while that one waited for the campaign row. An import
    // keeps the order too: it takes its campaign row first (CampaignStore::lockForAdding) and
    // holds it until it commits, so the campaign's claims wait for the file meanwhile. Repair
    // locks the whole campaigns table before send_queue. SQLite has one writer at a time
    // (BEGIN IMMEDIATE): nothing to do there.
    static void lock(Database &db, QStringList campaignIds);
    static void apply(Database &db, const QString &campaignId, qint64 dContacts, qint64 dSent, qint64 dFailed,
                      const Clock &clock);
    // The delivery counters, changed by the same rule: the caller's own guarded statements
    // just changed that many rows' delivered_at, read_at and late_failed_at, in this transaction.
    static void applyDelivery(Database &db, const QString &campaignId, qint64 dDelivered, qint64 dRead,
                              qint64 dFailedAfterSend, const Clock &clock);
    // What the counters should be, counted from send_queue.
    static CounterValues recount(Database &db, const QString &campaignId);
    // The same for every campaign that has rows (or only `campaignId` when given).
    static QHash<QString, CounterValues> recountAll(Database &db, const QString &campaignId = {});
    // Overwrites the stored counters (repair only).
    static void set(Database &db, const QString &campaignId, const CounterValues &values, const Clock &clock);

    // The sums of the campaign's history (campaign_minutes): equal to its counters when intact.
    static CounterValues historyTotals(Database &db, const QString &campaignId);
    // Rebuilds the campaign's history from the rows' sent_at and failed_at (repair only).
    static void rebuildHistory(Database &db, const QString &campaignId);
    // The start of the UTC minute holding `t`, as campaign_minutes stores it.
    static QDateTime minuteOf(const QDateTime &t);
};

} // namespace herald
