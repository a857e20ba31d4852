#pragma once

#include "sender/MonotonicClock.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <chrono>

namespace herald {

class Database;

// Shares each phone number's ceiling between every process that sends from it — consoles,
// `herald-cli run`, workers, on one machine or many — through the database, with no coordinator
// of its own. The database keeps, per number, the next free moment of the number's timeline
// (number_pacing.next_slot_us, on the database's clock: PostgreSQL's for a team, the machine's
// for SQLite). A process reserves a grant — the next GrantSpan of that timeline, one slot every
// 1 / (ceiling × SecondShare) s — in one UPDATE, and sends each message in its own slot, catching
// up at most CatchUp late: a slot it missed is gone, never saved for a burst. Slots of all
// processes therefore follow one another without overlap, and no sliding second carries more
// than max(1.02 × ceiling, ceiling + 1) messages together (measured by the simulator in
// test_worker). A process that dies holding a grant loses at most that grant's slots.
//
// Used on the sender thread beside its RateLimiter, which still slows one process down on Meta's
// throttling answers; this class only keeps the processes together under the ceiling. A grant it
// cannot get (the database busy, full or away) means no slot until the next try, never a send
// without one: the DbError goes to the sender, whose outage handling waits (up to its patience) or stops
// with the reason. Not thread-safe.
class SharedPacer
{
    Q_DECLARE_TR_FUNCTIONS(SharedPacer)

public:
    static constexpr std::chrono::milliseconds GrantSpan{100};
    static constexpr std::chrono::milliseconds CatchUp{10};
    // The share of the ceiling the slots use: the rest absorbs the bunching on the way to Meta,
    // as RateLimiterSettings::secondShare does for one process.
    static constexpr double SecondShare = 0.98;
    // A reservation further ahead than this is not contention (a grant per process waits about
    // GrantSpan per process ahead of it) but a clock that jumped back: the timeline restarts now.
    static constexpr std::chrono::seconds ClockJump{10};
    // How long after a failed reservation the next is tried.
    static constexpr std::chrono::milliseconds RetryAfterFailure{200};

    SharedPacer(Database &db, const MonotonicClock &clock = MonotonicClock::system());

    void setCeiling(const QString &phoneNumberId, double messagesPerSecond);
    // Takes this moment's slot of the number, reserving a grant first when none is left (one
    // short statement); false when no slot is due now. Throws DbError when the reservation
    // fails (the database locked, full or away: the sender's outage handling takes it), and
    // tries again no sooner than RetryAfterFailure.
    bool tryTake(const QString &phoneNumberId);
    // Reserves a fresh grant now, throwing DbError on failure: how a sender waiting out a
    // database outage learns that the pacing works again.
    void reserveNow(const QString &phoneNumberId);
    // When the next slot is due (0: now, or a grant is to be reserved).
    std::chrono::milliseconds msUntilAvailable(const QString &phoneNumberId);

private:
    struct Grant
    {
        double ceiling = 0;
        qint64 firstSlotNs = 0; // on the monotonic clock
        qint64 slotNs = 0;      // between slots
        int slots = 0;
        int next = 0;          // the first slot not yet used or skipped
        qint64 retryAtNs = 0;  // after a failed reservation
        bool rowKnown = false; // its number_pacing row exists
    };
    void skipMissed(Grant &g, qint64 now) const;
    bool reserve(const QString &phoneNumberId, Grant &g);

    Database &m_db;
    const MonotonicClock &m_clock;
    QHash<QString, Grant> m_numbers;
};

} // namespace herald
