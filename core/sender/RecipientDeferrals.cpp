#include "sender/RecipientDeferrals.h"

#include <algorithm>

namespace herald {

namespace {
// Purge now and then so a long campaign with many 131056 answers keeps the map small,
// without scanning it on every call.
constexpr int kPurgeEvery = 256;

std::chrono::milliseconds ceilMs(qint64 ns)
{
    return std::chrono::ceil<std::chrono::milliseconds>(std::chrono::nanoseconds(std::max<qint64>(ns, 0)));
}
} // namespace

RecipientDeferrals::RecipientDeferrals(const MonotonicClock &clock, std::chrono::milliseconds gap)
    : m_clock(clock)
    , m_gap(gap)
{}

void RecipientDeferrals::defer(const QString &phone)
{
    deferFor(phone, m_gap);
}

void RecipientDeferrals::deferFor(const QString &phone, std::chrono::milliseconds wait)
{
    if (++m_sincePurge >= kPurgeEvery) {
        purgeExpired();
    }
    const qint64 until = m_clock.nowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
    qint64 &slot = m_notBefore[phone];
    slot = std::max(slot, until);
}

bool RecipientDeferrals::isDeferred(const QString &phone) const
{
    const auto it = m_notBefore.constFind(phone);
    return it != m_notBefore.constEnd() && *it > m_clock.nowNs();
}

std::chrono::milliseconds RecipientDeferrals::remaining(const QString &phone) const
{
    const auto it = m_notBefore.constFind(phone);
    return it == m_notBefore.constEnd() ? std::chrono::milliseconds(0) : ceilMs(*it - m_clock.nowNs());
}

std::optional<std::chrono::milliseconds> RecipientDeferrals::nextRelease() const
{
    const qint64 now = m_clock.nowNs();
    std::optional<qint64> earliest;
    for (auto it = m_notBefore.constBegin(); it != m_notBefore.constEnd(); ++it) {
        if (*it > now && (!earliest || *it < *earliest)) {
            earliest = *it;
        }
    }
    if (!earliest) {
        return std::nullopt;
    }
    return ceilMs(*earliest - now);
}

void RecipientDeferrals::purgeExpired()
{
    m_sincePurge = 0;
    const qint64 now = m_clock.nowNs();
    m_notBefore.removeIf([now](const auto &entry) { return entry.value() <= now; });
}

} // namespace herald
