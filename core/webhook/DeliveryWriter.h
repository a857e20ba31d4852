#pragma once

#include "webhook/WebhookTypes.h"

#include <QList>

namespace herald {

class Clock;
class Database;

struct DeliveryResult
{
    qint64 received = 0;   // status callbacks handed in (or parked ones tried again)
    qint64 changed = 0;    // changed a row: delivered, read or a late failure recorded
    qint64 unchanged = 0;  // found their row but said nothing new (duplicate, backwards, after a failure)
    qint64 reconciled = 0; // "no response" / "interrupted" rows that became sent by their callback data
    qint64 parked = 0;     // matched nothing yet: kept in webhook_events
    qint64 resolved = 0;   // parked callbacks that found their row now

    DeliveryResult &operator+=(const DeliveryResult &o);
};

// Applies Meta's status callbacks to send_queue, a batch in one transaction with the counters
// (Counters, the only place they change) and the webhook_sources bookkeeping.
//
// A callback finds its row by wamid (a sent row). Each message's callbacks are applied in
// timestamp order and its state only moves forward — sent < delivered < read, read sets
// delivered too — so duplicates and any arrival order end in the same state (times are the
// earliest Meta reported). A failure of a sent row that was neither delivered nor read is a
// late failure: recorded (late_*), counted once in total_failed_after_send, and final; the row
// stays sent, since Meta accepted it. A failure after delivered or read, and delivered or
// read after a failure, are ignored: a real message never has both.
//
// Reconciliation: a sent, delivered or read callback whose wamid matches nothing but whose
// biz_opaque_callback_data (CallbackData) names a row that failed "no response" or
// "interrupted" — or was resent to ready for it and not claimed since — with the same claim,
// makes that row sent with the wamid, exactly once, its error cleared and the counters moved.
// Everything else that matches nothing is parked (ParkedEvents) and tried again by
// retryParked(): by write() after a batch that reconciled rows, else by the caller's timer.
//
// A batch reads the sent rows its callbacks name in one statement (locked in id order on
// PostgreSQL), applies every callback to its row in memory, and writes the changed rows back in
// one statement on PostgreSQL (one prepared statement each on SQLite, in process): a few round
// trips per batch, not several per callback.
class DeliveryWriter
{
public:
    DeliveryWriter(Database &db, const Clock &clock);

    DeliveryResult write(const QList<StatusUpdate> &updates);
    // Applies the parked callbacks that can match now (at most `limit`), in one transaction.
    DeliveryResult retryParked(int limit = 1000);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
