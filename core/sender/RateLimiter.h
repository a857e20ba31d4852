#pragma once

#include "sender/MonotonicClock.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <deque>

namespace herald {

// Tuning of RateLimiter; the defaults suit Meta's standard 80 messages/s per number.
struct RateLimiterSettings
{
    double ceiling = 80.0; // messages/s; Meta's default per number (20 for coexistence numbers)
    // The highest ceiling accepted: Meta's 1,000/s. Raised only to measure the sender itself
    // against the simulator (benchmarks), never for a real number.
    double maxCeiling = 1000.0;
    double floor = 1.0;
    double startRate = 0.0;    // 0: start at the ceiling
    double increaseStep = 0.0; // messages/s added per clean interval; 0: ceiling / 20
    std::chrono::milliseconds increaseInterval{2000};
    double decreaseFactor = 0.5;
    // Answers to requests already in flight when the first throttle arrived carry old news:
    // one decrease per hold-off keeps a single overload from collapsing the rate to the floor.
    std::chrono::milliseconds decreaseHoldoff{1000};
    // The bucket holds rate × window tokens (at least 1). Meta counts throughput per second,
    // so any sliding second may carry at most burst + rate messages: a 20 ms window keeps that
    // within max(1.02 × ceiling, ceiling + 1), and still lets a sender that wakes a few ms late
    // at 1,000/s catch up instead of losing tokens.
    std::chrono::milliseconds burstWindow{20};
    // No sliding second of grants carries more than rate × secondShare (at least one). The 2 %
    // left below the rate absorbs the bunching on the way to Meta (threads, network), which
    // measured up to 3 % at 1,000/s with client and server sharing two cores; staying under
    // costs 2 % of throughput, while one 130429 halves the rate for many seconds.
    double secondShare = 0.98;
};

// Paces sends per business phone number with a token bucket whose rate adapts (AIMD), under
// a hard cap of `rate` grants in any sliding second:
// while answers are clean the rate climbs by `increaseStep` every `increaseInterval`, up to
// the ceiling; a throttling answer (130429, 4, 80007, HTTP 429) halves it, down to a floor,
// and empties the bucket. A sender asks how long until a token is due and schedules a timer
// for that, instead of spinning.
//
// Over any window of T seconds a bucket hands out at most burst + rate × T tokens, so with
// rate ≤ ceiling no sliding second would carry more than max(1.02 × ceiling, ceiling + 1)
// messages. Meta counts at its end, though, where requests arrive bunched by the network and
// both machines' schedulers; so the limiter also remembers its grants of the last second and
// never lets them exceed 98 % of the rate (secondShare). The bucket keeps the pace smooth within
// the second, the cap leaves room for the jitter between here and Meta (measured in test_ceiling).
//
// Not thread-safe: owned and used by one sender thread. Sharing a number's limit between
// processes goes through the database (see ARCHITECTURE.md), not through this class.
class RateLimiter
{
public:
    static constexpr double MaxCeiling = 1000.0; // Meta's highest per-number throughput

    using Settings = RateLimiterSettings;

    explicit RateLimiter(const MonotonicClock &clock = MonotonicClock::system(),
                         const Settings &settings = {});

    // A number's own ceiling (clamped to floor..MaxCeiling); the current rate follows it down.
    void setCeiling(const QString &phoneNumberId, double messagesPerSecond);

    int available(const QString &phoneNumberId);               // whole tokens now
    bool tryTake(const QString &phoneNumberId, int count = 1); // all or nothing
    int take(const QString &phoneNumberId, int max);           // up to `max`; returns how many
    // Zero when `count` tokens are there now; else when they will be. `count` beyond the
    // burst is treated as the burst, since the bucket never holds more.
    std::chrono::nanoseconds timeUntilAvailable(const QString &phoneNumberId, int count = 1);
    std::chrono::milliseconds msUntilAvailable(const QString &phoneNumberId,
                                               int count = 1); // rounded up, for QTimer

    // Any answer that is not a throttle (success, or an error about the message itself).
    void reportClean(const QString &phoneNumberId);
    // 130429 / 4 / 80007 / HTTP 429. Returns whether the rate was lowered (false inside the hold-off).
    bool reportThrottled(const QString &phoneNumberId);

    double rate(const QString &phoneNumberId);
    double ceiling(const QString &phoneNumberId);
    int burst(const QString &phoneNumberId);
    const Settings &settings() const { return m_settings; }

private:
    struct Bucket
    {
        std::deque<qint64> lastSecond; // times of the grants within the last second
        double ceiling = 0;
        double rate = 0;
        double tokens = 0;
        qint64 refilledAt = 0;
        qint64 changedAt = 0;    // last increase or decrease: start of the clean interval
        qint64 decreasedAt = -1; // -1: never
    };

    Bucket &bucket(const QString &phoneNumberId);
    int secondLimitOf(const Bucket &b) const;
    int roomThisSecond(Bucket &b, qint64 now);
    int grant(Bucket &b, qint64 now, int wanted);
    void refill(Bucket &b, qint64 now) const;
    double burstOf(const Bucket &b) const;
    double stepOf(const Bucket &b) const;

    const MonotonicClock &m_clock;
    Settings m_settings;
    QHash<QString, Bucket> m_buckets;
};

} // namespace herald
