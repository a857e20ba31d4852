#pragma once

#include "queue/OutcomeWriter.h"
#include "queue/QueueTypes.h"

#include <chrono>

namespace herald {

class Clock;
class Database;

// The send queue: what gets queued, who may send it, and what became of it. Every method
// is one transaction that changes send_queue, the campaign's counters (Counters) and its
// completion (Completion) together, so the invariants hold at every commit.
class QueueEngine
{
public:
    QueueEngine(Database &db, const Clock &clock);

    // Queues recipients in one transaction. A phone already in the campaign is counted as a
    // duplicate, a phone on the opt-out list is never queued. Refused for completed and
    // cancelled campaigns.
    EnqueueResult enqueue(const QString &campaignId, const QList<Recipient> &recipients);

    // Leases up to `limit` ready rows whose retry time has come to `workerId`. Only a
    // running campaign hands out work; on PostgreSQL concurrent workers never receive the
    // same row (FOR UPDATE SKIP LOCKED). Rows whose phone opted out after being queued fail
    // "opted out" here instead of being handed out. When nothing is left at all the
    // campaign completes here. Rows assigned to `outNumbers` (numbers taken out of the
    // campaign's pool) are left waiting; a claimed row without a number yet gets one of
    // `pinTo` (NumberPool::pin) in the same transaction.
    QList<ClaimedMessage> claim(const QString &campaignId, const QString &workerId, int limit,
                                const QStringList &outNumbers = {}, const QStringList &pinTo = {});

    // Records a batch of outcomes in one transaction with the counters and completion. An
    // outcome changes its row only while the row is still held by the same claim (processing,
    // same claimed_by and claim_count); any other — a late answer for a row that was recovered,
    // resent or claimed again meanwhile — is left alone and counted as ignored.
    RecordResult record(const QList<Outcome> &outcomes);

    // Rows left in processing by a worker that died have an unknown outcome: they become
    // failed "interrupted" (never silently re-sent). Returns how many.
    qint64 recoverExpiredLeases(std::chrono::seconds leaseDuration);
    qint64 recoverWorker(const QString &workerId);

    // The workers that hold rows of the campaign in processing.
    QStringList workersHolding(const QString &campaignId) const;

    // Keeps a live worker's leases fresh, so that rows it still holds (waiting for a rate
    // limiter token) are not taken for a dead worker's. Returns how many rows it holds.
    qint64 renewLeases(const QString &campaignId, const QString &workerId);

    // Hands claimed rows that were never sent back to the queue (a sender that pauses with
    // messages still waiting for a rate-limiter token). Only rows still held by exactly these
    // claims are touched, and the claim's attempt is given back. Returns how many.
    qint64 release(const QList<ClaimedMessage> &claims);

    // Puts failed messages with the given reason ("131026", "interrupted", "no response",
    // …; "all" for every failure) back in the queue, as an explicit user action. Opted-out
    // phones are never resent. A completed campaign reopens as paused. Returns how many.
    // Late failures (sent rows whose webhook said they were never delivered) are resent too by
    // "all" and by their late_error_code: the one place for that rule, shared by CLI and console.
    qint64 resend(const QString &campaignId, const QString &reason);

    // The earliest next_attempt_at among ready rows that are waiting for a retry, so a
    // sender with nothing claimable knows when to look again. Invalid when none waits.
    QDateTime nextRetryTime(const QString &campaignId) const;

private:
    void dropOptedOut(const QString &campaignId, QList<ClaimedMessage> &claimed);
    qint64 recover(const QString &extraCondition, const QVariantList &extraValues, const QString &who);
    EnqueueResult enqueueSqlite(const QString &campaignId, const QList<Recipient> &recipients);
    EnqueueResult enqueuePostgres(const QString &campaignId, const QList<Recipient> &recipients);

    Database &m_db;
    const Clock &m_clock;
    OutcomeWriter m_writer;
};

} // namespace herald
