#include "sender/SharedPacer.h"

#include "db/Database.h"
#include "db/DbError.h"
#include "log/LogCategories.h"

#include <QSqlQuery>

#include <chrono>
#include <cmath>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
qint64 wallClockUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}
} // namespace

SharedPacer::SharedPacer(Database &db, const MonotonicClock &clock)
    : m_db(db)
    , m_clock(clock)
{}

void SharedPacer::setCeiling(const QString &phoneNumberId, double messagesPerSecond)
{
    Grant &g = m_numbers[phoneNumberId];
    if (g.ceiling != messagesPerSecond) {
        g.ceiling = messagesPerSecond;
        g.next = g.slots; // the next grant is reserved at the new pace
    }
}

void SharedPacer::skipMissed(Grant &g, qint64 now) const
{
    const qint64 catchUp = std::chrono::nanoseconds(CatchUp).count();
    while (g.next < g.slots && g.firstSlotNs + g.next * g.slotNs + catchUp < now) {
        ++g.next;
    }
}

bool SharedPacer::reserve(const QString &phoneNumberId, Grant &g)
{
    const double pace = g.ceiling * SecondShare;
    const int slots = std::max(1, int(std::lround(pace * double(GrantSpan.count()) / 1000.0)));
    const qint64 slotUs = std::max<qint64>(1, std::llround(1e6 / pace));
    const qint64 spanUs = slotUs * slots;
    const qint64 jumpUs = std::chrono::microseconds(ClockJump).count();
    qint64 delayUs = 0;
    try {
        if (!g.rowKnown) {
            m_db.run(u"INSERT INTO number_pacing (phone_number_id, next_slot_us) VALUES (?, 0) "
                     "ON CONFLICT (phone_number_id) DO NOTHING"_s,
                     {phoneNumberId});
            g.rowKnown = true;
        }
        // One statement: the next span of the number's timeline, from its next free moment or
        // from now when that has passed (or lies implausibly far ahead: a clock that jumped).
        QSqlQuery q;
        if (m_db.isPostgres()) {
            q = m_db.run(
                u"WITH t AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us) "
                "UPDATE number_pacing p SET next_slot_us = CASE WHEN p.next_slot_us > t.now_us + ? "
                "THEN t.now_us ELSE GREATEST(p.next_slot_us, t.now_us) END + ? FROM t "
                "WHERE p.phone_number_id = ? RETURNING p.next_slot_us - ? - t.now_us"_s,
                {jumpUs, spanUs, phoneNumberId, spanUs});
        } else {
            const qint64 nowUs = wallClockUs();
            q = m_db.run(u"UPDATE number_pacing SET next_slot_us = CASE WHEN next_slot_us > ? THEN ? "
                         "ELSE max(next_slot_us, ?) END + ? WHERE phone_number_id = ? "
                         "RETURNING next_slot_us - ? - ?"_s,
                         {nowUs + jumpUs, nowUs, nowUs, spanUs, phoneNumberId, spanUs, nowUs});
        }
        if (!q.next()) {
            g.rowKnown = false; // removed meanwhile: created again at the next try
            return false;
        }
        delayUs = std::max<qint64>(0, q.value(0).toLongLong());
    } catch (const DbError &e) {
        qCWarning(lcSender, "could not reserve sending time for number %s: %s", qPrintable(phoneNumberId),
                  qPrintable(e.message()));
        // A connection that no longer answers (PostgreSQL restarted; a reconnect that failed
        // left it closed) is opened again for the next try, whatever the error said.
        try {
            if (!m_db.answers()) {
                m_db.reconnect();
            }
        } catch (const DbError &) {
            // Still away: the sender's outage handling tries again.
        }
        throw;
    }
    // The slots start `delay` after the database's now; mapped from the moment the answer came,
    // so they can only fall later than planned, never into the previous holder's time.
    const qint64 now = m_clock.nowNs();
    g.firstSlotNs = now + delayUs * 1000;
    g.slotNs = slotUs * 1000;
    g.slots = slots;
    g.next = 0;
    return true;
}

bool SharedPacer::tryTake(const QString &phoneNumberId)
{
    Grant &g = m_numbers[phoneNumberId];
    if (g.ceiling <= 0) {
        return false; // setCeiling() first
    }
    qint64 now = m_clock.nowNs();
    skipMissed(g, now);
    if (g.next >= g.slots) {
        if (now < g.retryAtNs) {
            return false;
        }
        bool reserved = false;
        try {
            reserved = reserve(phoneNumberId, g);
        } catch (const DbError &) {
            g.retryAtNs = now + std::chrono::nanoseconds(RetryAfterFailure).count();
            throw;
        }
        if (!reserved) {
            g.retryAtNs = now + std::chrono::nanoseconds(RetryAfterFailure).count();
            return false;
        }
        now = m_clock.nowNs();
    }
    if (g.firstSlotNs + g.next * g.slotNs <= now) {
        ++g.next;
        return true;
    }
    return false;
}

void SharedPacer::reserveNow(const QString &phoneNumberId)
{
    Grant &g = m_numbers[phoneNumberId];
    if (g.ceiling > 0) {
        reserve(phoneNumberId, g);
        g.retryAtNs = 0;
    }
}

std::chrono::milliseconds SharedPacer::msUntilAvailable(const QString &phoneNumberId)
{
    Grant &g = m_numbers[phoneNumberId];
    const qint64 now = m_clock.nowNs();
    skipMissed(g, now);
    const qint64 due = g.next >= g.slots ? g.retryAtNs : g.firstSlotNs + g.next * g.slotNs;
    if (due <= now) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds((due - now + 999'999) / 1'000'000);
}

} // namespace herald
