#pragma once

#include "sender/MonotonicClock.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <optional>

namespace herald {

// Recipients that hit Meta's pair rate limit (131056: about one message per recipient per
// 6 s) and must wait, while everyone else keeps being sent to. Nothing here slows the
// sender down: it only answers "not yet" for the deferred phones.
class RecipientDeferrals
{
public:
    static constexpr std::chrono::milliseconds DefaultGap{6000};

    explicit RecipientDeferrals(const MonotonicClock &clock = MonotonicClock::system(),
                                std::chrono::milliseconds gap = DefaultGap);

    // Not before now + gap (or `wait`); a later deadline already set is kept.
    void defer(const QString &phone);
    void deferFor(const QString &phone, std::chrono::milliseconds wait);

    bool isDeferred(const QString &phone) const;
    std::chrono::milliseconds remaining(const QString &phone) const; // 0 when free; rounded up
    // Time until the earliest deferral ends, to schedule one timer; nullopt when none is pending.
    std::optional<std::chrono::milliseconds> nextRelease() const;

    void purgeExpired();
    qsizetype size() const { return m_notBefore.size(); } // includes expired entries not yet purged

private:
    const MonotonicClock &m_clock;
    std::chrono::milliseconds m_gap;
    QHash<QString, qint64> m_notBefore; // phone → monotonic ns
    int m_sincePurge = 0;
};

} // namespace herald
