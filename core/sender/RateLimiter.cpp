#include "sender/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace herald {

namespace {
constexpr double kNsPerSecond = 1e9;

qint64 ns(std::chrono::milliseconds ms)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(ms).count();
}
} // namespace

RateLimiter::RateLimiter(const MonotonicClock &clock, const Settings &settings)
    : m_clock(clock)
    , m_settings(settings)
{
    m_settings.maxCeiling = std::max(m_settings.maxCeiling, 0.01);
    m_settings.floor = std::clamp(m_settings.floor, 0.01, m_settings.maxCeiling);
    m_settings.ceiling = std::clamp(m_settings.ceiling, m_settings.floor, m_settings.maxCeiling);
    m_settings.decreaseFactor = std::clamp(m_settings.decreaseFactor, 0.05, 0.95);
    m_settings.burstWindow = std::max(m_settings.burstWindow, std::chrono::milliseconds(1));
}

RateLimiter::Bucket &RateLimiter::bucket(const QString &phoneNumberId)
{
    auto it = m_buckets.find(phoneNumberId);
    if (it == m_buckets.end()) {
        Bucket b;
        b.ceiling = m_settings.ceiling;
        b.rate = m_settings.startRate > 0 ? std::clamp(m_settings.startRate, m_settings.floor, b.ceiling)
                                          : b.ceiling;
        const qint64 now = m_clock.nowNs();
        b.refilledAt = now;
        b.changedAt = now;
        // Start full: the first batch of a campaign goes out at once.
        b.tokens = burstOf(b);
        it = m_buckets.insert(phoneNumberId, b);
    }
    return *it;
}

double RateLimiter::burstOf(const Bucket &b) const
{
    return std::max(1.0, std::floor(b.rate * static_cast<double>(m_settings.burstWindow.count()) / 1000.0));
}

double RateLimiter::stepOf(const Bucket &b) const
{
    return m_settings.increaseStep > 0 ? m_settings.increaseStep : b.ceiling / 20.0;
}

void RateLimiter::refill(Bucket &b, qint64 now) const
{
    if (now > b.refilledAt) {
        b.tokens += b.rate * static_cast<double>(now - b.refilledAt) / kNsPerSecond;
        b.refilledAt = now;
    }
    b.tokens = std::min(b.tokens, burstOf(b));
}

void RateLimiter::setCeiling(const QString &phoneNumberId, double messagesPerSecond)
{
    Bucket &b = bucket(phoneNumberId);
    refill(b, m_clock.nowNs());
    b.ceiling = std::clamp(messagesPerSecond, m_settings.floor, m_settings.maxCeiling);
    b.rate = std::min(b.rate, b.ceiling);
    b.tokens = std::min(b.tokens, burstOf(b));
}

int RateLimiter::available(const QString &phoneNumberId)
{
    Bucket &b = bucket(phoneNumberId);
    refill(b, m_clock.nowNs());
    return static_cast<int>(std::floor(b.tokens));
}

bool RateLimiter::tryTake(const QString &phoneNumberId, int count)
{
    Bucket &b = bucket(phoneNumberId);
    refill(b, m_clock.nowNs());
    if (count <= 0) {
        return true;
    }
    if (b.tokens < count) {
        return false;
    }
    b.tokens -= count;
    return true;
}

int RateLimiter::take(const QString &phoneNumberId, int max)
{
    Bucket &b = bucket(phoneNumberId);
    refill(b, m_clock.nowNs());
    const int n = std::clamp(static_cast<int>(std::floor(b.tokens)), 0, std::max(max, 0));
    b.tokens -= n;
    return n;
}

std::chrono::nanoseconds RateLimiter::timeUntilAvailable(const QString &phoneNumberId, int count)
{
    Bucket &b = bucket(phoneNumberId);
    refill(b, m_clock.nowNs());
    const double wanted = std::min(static_cast<double>(std::max(count, 1)), burstOf(b));
    if (b.tokens >= wanted) {
        return std::chrono::nanoseconds(0);
    }
    return std::chrono::nanoseconds(
        static_cast<qint64>(std::ceil((wanted - b.tokens) / b.rate * kNsPerSecond)));
}

std::chrono::milliseconds RateLimiter::msUntilAvailable(const QString &phoneNumberId, int count)
{
    return std::chrono::ceil<std::chrono::milliseconds>(timeUntilAvailable(phoneNumberId, count));
}

void RateLimiter::reportClean(const QString &phoneNumberId)
{
    Bucket &b = bucket(phoneNumberId);
    const qint64 now = m_clock.nowNs();
    if (b.rate >= b.ceiling || now - b.changedAt < ns(m_settings.increaseInterval)) {
        return;
    }
    refill(b, now);
    b.rate = std::min(b.ceiling, b.rate + stepOf(b));
    b.changedAt = now;
}

bool RateLimiter::reportThrottled(const QString &phoneNumberId)
{
    Bucket &b = bucket(phoneNumberId);
    const qint64 now = m_clock.nowNs();
    if (b.decreasedAt >= 0 && now - b.decreasedAt < ns(m_settings.decreaseHoldoff)) {
        return false;
    }
    refill(b, now);
    b.rate = std::max(m_settings.floor, b.rate * m_settings.decreaseFactor);
    // What is left in the bucket was granted at the old rate: drop it so the new rate holds at once.
    b.tokens = 0;
    b.decreasedAt = now;
    b.changedAt = now;
    return true;
}

double RateLimiter::rate(const QString &phoneNumberId)
{
    return bucket(phoneNumberId).rate;
}

double RateLimiter::ceiling(const QString &phoneNumberId)
{
    return bucket(phoneNumberId).ceiling;
}

int RateLimiter::burst(const QString &phoneNumberId)
{
    return static_cast<int>(burstOf(bucket(phoneNumberId)));
}

} // namespace herald
