#pragma once

#include <QtGlobal>

namespace herald {

// Time for pacing (rate limiting, deferrals): steady, never jumps with the wall clock, in
// nanoseconds from an arbitrary origin. Separate from Clock (db/Clock.h), which gives the
// UTC timestamps that are stored. Injected so tests move time instead of sleeping.
class MonotonicClock
{
public:
    virtual ~MonotonicClock() = default;
    virtual qint64 nowNs() const = 0;
    qint64 nowMs() const { return nowNs() / 1'000'000; }

    static const MonotonicClock &system(); // std::chrono::steady_clock
};

// Stands still until told to move; for tests and simulations.
class ManualMonotonicClock final : public MonotonicClock
{
public:
    explicit ManualMonotonicClock(qint64 startNs = 0)
        : m_now(startNs)
    {}
    qint64 nowNs() const override { return m_now; }
    void advanceNs(qint64 ns) { m_now += ns; }
    void advanceMs(qint64 ms) { m_now += ms * 1'000'000; }

private:
    qint64 m_now;
};

} // namespace herald
