#pragma once

#include "queue/QueueTypes.h"

#include <QHash>
#include <QSqlQuery>

#include <optional>

namespace herald {

class Clock;
class Database;

// Writes a batch of outcomes to send_queue inside the caller's transaction and reports,
// per campaign, how many rows actually changed — the figures Counters then applies. SQLite
// runs one prepared statement per row (in-process, cheap); PostgreSQL sends the whole batch
// as one JSON document in a single statement, because a round trip per row would cap it
// far below what the sender needs.
class OutcomeWriter
{
public:
    struct Tally
    {
        qint64 sent = 0;
        qint64 failed = 0;
        qint64 retried = 0;
    };

    OutcomeWriter(Database &db, const Clock &clock);
    // campaign id → rows changed. `ignored` receives rows that were not in processing.
    QHash<QString, Tally> write(const QList<Outcome> &outcomes, qint64 *ignored);

private:
    QHash<QString, Tally> writeSqlite(const QList<Outcome> &outcomes, qint64 *ignored);
    QHash<QString, Tally> writePostgres(const QList<Outcome> &outcomes, qint64 *ignored);
    QSqlQuery &statement(std::optional<QSqlQuery> &slot, const QString &sql);

    Database &m_db;
    const Clock &m_clock;
    // Prepared once per writer: a sender records thousands of batches on one connection.
    std::optional<QSqlQuery> m_sent;
    std::optional<QSqlQuery> m_failed;
    std::optional<QSqlQuery> m_retry;
    std::optional<QSqlQuery> m_batch;
};

} // namespace herald
