#pragma once

#include <chrono>

class QRandomGenerator;

namespace herald {

// Exponential back-off with full jitter for RetryMessage outcomes: the wait before retry n
// is uniform in [0, min(cap, base × 2^(n-1))]. Full jitter spreads the retries of many
// messages that failed together (a 5xx burst) instead of sending them back in lock-step.
class RetryPolicy
{
public:
    struct Settings
    {
        std::chrono::milliseconds base{2000};
        std::chrono::milliseconds cap{5 * 60 * 1000};
        int maxAttempts = 5; // attempts in all, the first one included
    };

    RetryPolicy() = default;
    // Out-of-range settings are clamped: base ≥ 1 ms, cap ≥ base, 1 ≤ maxAttempts ≤ 100.
    explicit RetryPolicy(const Settings &settings);

    const Settings &settings() const { return m_settings; }

    // After `attemptsMade` failed attempts, may another be made?
    bool mayRetry(int attemptsMade) const { return attemptsMade < m_settings.maxAttempts; }

    // Upper bound of the wait after the `attemptsMade`-th failed attempt (1-based).
    std::chrono::milliseconds ceiling(int attemptsMade) const;

    // The jittered wait; deterministic for a given generator state.
    std::chrono::milliseconds delay(int attemptsMade, QRandomGenerator &random) const;
    std::chrono::milliseconds delay(int attemptsMade) const; // uses QRandomGenerator::global()

private:
    Settings m_settings;
};

} // namespace herald
