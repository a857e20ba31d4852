#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace herald {

class Clock;
class Database;

struct DailySummaryRow
{
    QDate day; // UTC
    QString campaignId;
    QString campaignName;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 delivered = 0; // of those sent that day, delivered so far (by delivery callbacks)
    qint64 read = 0;      // … and read
};

// Per-day, per-campaign totals of messages sent and failed (UTC days), and how many of those
// sent were delivered and read, rebuilt from send_queue — the seed's refresh_daily_summary,
// which on PostgreSQL is what runs.
class DailySummary
{
public:
    DailySummary(Database &db, const Clock &clock);

    // Rebuilds the last `days` days (0 = all history). Returns the number of rows written.
    qint64 refresh(int days = 0);
    // The stored rows of the last `days` days, newest first.
    QList<DailySummaryRow> rows(int days) const;

private:
    QDate since(int days) const;
    QString dayParameter() const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
