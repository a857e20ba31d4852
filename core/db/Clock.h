#pragma once

#include <QDateTime>

namespace herald {

// Where the engine reads the time. Every timestamp Herald stores comes from a Clock, so
// tests can move time (lease expiry, retry back-off, daily summaries) without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    // The process-wide wall clock, in UTC.
    static const Clock &system();
};

// A clock that stands still until told to move; for tests and simulations.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc());
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace herald
