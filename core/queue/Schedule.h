#pragma once

#include "queue/Campaign.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace herald {

class Clock;
class Database;

// A scheduled campaign that has just been set running.
struct ScheduledStart
{
    QString campaignId;
    QString name;
    QDateTime dueAt;     // UTC, as scheduled
    QDateTime startedAt; // UTC
    qint64 lateSeconds = 0;
    QString notice; // for the user when it started late ("… started 3 h 12 min late …"); else empty

    bool late() const { return !notice.isEmpty(); }
};

// Starting a campaign at a time. A scheduled campaign (status scheduled, campaigns.scheduled_at
// in UTC) is set running by the first Herald that finds it due — a console, or `herald-cli run`
// of that campaign — and then sent under the usual rule of who sends (SenderPresence). One that
// fell due while no Herald ran starts when one next does, and the running campaign's status
// reason says how late it started.
class Schedule
{
    Q_DECLARE_TR_FUNCTIONS(Schedule)

public:
    // A start this much after its time is still on time (a console looks every second or so).
    static constexpr std::chrono::seconds LateAfter{60};

    Schedule(Database &db, const Clock &clock);

    // Draft (or scheduled) → scheduled at `utc`. Refused (DbError Refused) for other states, a
    // campaign with nothing queued, or a time that has passed.
    Campaign schedule(const QString &campaignId, const QDateTime &utc);
    // Scheduled → draft, forgetting the time.
    Campaign unschedule(const QString &campaignId);

    // Scheduled campaigns whose time has come, oldest first.
    QList<Campaign> due() const;
    // Sets the campaign running if it is still scheduled and due; nullopt when it is not (not
    // yet due, or another Herald started, unscheduled or cancelled it first). One transaction:
    // two processes finding it due at once cannot both start it.
    std::optional<ScheduledStart> startIfDue(const QString &campaignId);

    // "45 s", "12 min", "3 h 12 min", "2 d 4 h".
    static QString describeDuration(qint64 seconds);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
