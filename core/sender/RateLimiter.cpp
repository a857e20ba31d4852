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
    m_settings.secondShare = std::clamp(m_settings.secondShare, 0.5, 1.0);
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
    // Not rounded down: at 80/s the bucket holds 1.6 tokens, so a sender that wakes a little
    // after its token was due keeps the fraction instead of losing it, and a second still
    // sees at most 81.6 messages.
    return std::max(1.0, b.rate * static_cast<double>(m_settings.burstWindow.count()) / 1000.0);
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

int RateLimiter::secondLimitOf(const Bucket &b) const
{
    return std::max(1, static_cast<int>(std::floor(b.rate * m_settings.secondShare)));
}

int RateLimiter::roomThisSecond(Bucket &b, qint64 now)
{
    while (!b.lastSecond.empty() && b.lastSecond.front() <= now - static_cast<qint64>(kNsPerSecond)) {
        b.lastSecond.pop_front();
    }
    return std::max(0, secondLimitOf(b) - static_cast<int>(b.lastSecond.size()));
}

int RateLimiter::grant(Bucket &b, qint64 now, int wanted)
{
    refill(b, now);
    const int n =
        std::min({static_cast<int>(std::floor(b.tokens)), roomThisSecond(b, now), std::max(wanted, 0)});
    b.tokens -= n;
    for (int i = 0; i < n; ++i) {
        b.lastSecond.push_back(now);
    }
    return n;
}

int RateLimiter::available(const QString &phoneNumberId)
{
    Bucket &b = bucket(phoneNumberId);
    const qint64 now = m_clock.nowNs();
    refill(b, now);
    return std::min(static_cast<int>(std::floor(b.tokens)), roomThisSecond(b, now));
}

bool RateLimiter::tryTake(const QString &phoneNumberId, int count)
{
    if (count <= 0) {
        return true;
    }
    if (available(phoneNumberId) < count) {
        return false;
    }
    return grant(bucket(phoneNumberId), m_clock.nowNs(), count) == count;
}

int RateLimiter::take(const QString &phoneNumberId, int max)
{
    return grant(bucket(phoneNumberId), m_clock.nowNs(), max);
}

std::chrono::nanoseconds RateLimiter::timeUntilAvailable(const QString &phoneNumberId, int count)
{
    Bucket &b = bucket(phoneNumberId);
    const qint64 now = m_clock.nowNs();
    refill(b, now);
    const double wanted = std::min(static_cast<double>(std::max(count, 1)), std::floor(burstOf(b)));
    qint64 wait = 0;
    if (b.tokens < wanted) {
        wait = static_cast<qint64>(std::ceil((wanted - b.tokens) / b.rate * kNsPerSecond));
    }
    // The sliding second: the grant whose leaving makes room for `wanted` more.
    roomThisSecond(b, now);
    const int full = static_cast<int>(b.lastSecond.size()) + static_cast<int>(wanted) - secondLimitOf(b);
    if (full > 0) {
        const auto leaving =
            static_cast<std::size_t>(std::min<qint64>(full, qint64(b.lastSecond.size())) - 1);
        wait = std::max(wait, b.lastSecond.at(leaving) + static_cast<qint64>(kNsPerSecond) - now + 1);
    }
    return std::chrono::nanoseconds(wait);
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
    return static_cast<int>(std::floor(burstOf(bucket(phoneNumberId))));
}

} // namespace herald
