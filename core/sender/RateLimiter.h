#pragma once

#include "sender/MonotonicClock.h"

#include <QHash>
#include <QString>

#include <chrono>

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
    // The bucket holds rate × window tokens (at least 1): enough that a sender waking every
    // few ms at 1,000/s takes a batch, small enough that no second sees more than +10%.
    std::chrono::milliseconds burstWindow{100};
};

// Paces sends per business phone number with a token bucket whose rate adapts (AIMD):
// while answers are clean the rate climbs by `increaseStep` every `increaseInterval`, up to
// the ceiling; a throttling answer (130429, 4, 80007, HTTP 429) halves it, down to a floor,
// and empties the bucket. A sender asks how long until a token is due and schedules a timer
// for that, instead of spinning.
//
// Over any window of T seconds a bucket hands out at most burst + rate × T tokens, so with
// rate ≤ ceiling a minute never carries more than ceiling × 60 + burst messages.
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
        double ceiling = 0;
        double rate = 0;
        double tokens = 0;
        qint64 refilledAt = 0;
        qint64 changedAt = 0;    // last increase or decrease: start of the clean interval
        qint64 decreasedAt = -1; // -1: never
    };

    Bucket &bucket(const QString &phoneNumberId);
    void refill(Bucket &b, qint64 now) const;
    double burstOf(const Bucket &b) const;
    double stepOf(const Bucket &b) const;

    const MonotonicClock &m_clock;
    Settings m_settings;
    QHash<QString, Bucket> m_buckets;
};

} // namespace herald
