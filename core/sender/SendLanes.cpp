#include "sender/SendLanes.h"

#include "sender/RateLimiter.h"
#include "sender/SharedPacer.h"

using namespace Qt::StringLiterals;

namespace herald {

SendLanes::SendLanes(const SenderConfig &config, RateLimiter &limiter)
    : m_limiter(limiter)
    , m_pool(!config.pool.isEmpty())
    , m_default(config.api.phoneNumberId())
{
    const auto add = [&](const QString &id, double rate) {
        ApiSettings api = config.api;
        api.setPhoneNumberId(id);
        m_active << id;
        m_ceilings.insert(id, rate);
        m_urls.insert(id, api.messagesUrl());
    };
    if (m_pool) {
        for (const SenderConfig::PoolNumber &n : config.pool) {
            add(n.id, n.rate);
        }
        m_out = config.poolOut;
    } else {
        add(m_default, config.rate);
    }
    double total = 0;
    for (const double r : std::as_const(m_ceilings)) {
        total += r;
    }
    if (config.campaignRate > 0 && config.campaignRate < total) {
        m_ownRateKey = u"campaign:"_s + config.campaignId;
        m_campaignRate = config.campaignRate;
    }
}

void SendLanes::configure()
{
    // A number's ceiling is shared by every campaign this process sends from it; Meta says when
    // to slow down (130429), and the number's bucket then halves and climbs back.
    for (const QString &number : std::as_const(m_active)) {
        m_limiter.setCeiling(number, m_ceilings.value(number));
        if (m_pacer) {
            m_pacer->setCeiling(number, m_ceilings.value(number));
        }
    }
    if (!m_ownRateKey.isEmpty()) {
        m_limiter.setCeiling(m_ownRateKey, m_campaignRate);
    }
}

const QString &SendLanes::numberOf(const ClaimedMessage &message) const
{
    return m_pool && !message.phoneNumberId.isEmpty() ? message.phoneNumberId : m_default;
}

double SendLanes::ceiling() const
{
    double total = 0;
    for (const QString &number : m_active) {
        total += m_ceilings.value(number);
    }
    return m_ownRateKey.isEmpty() ? total : std::min(total, m_campaignRate);
}

double SendLanes::rate() const
{
    double total = 0;
    for (const QString &number : m_active) {
        total += m_limiter.rate(number);
    }
    return m_ownRateKey.isEmpty() ? total : std::min(total, m_limiter.rate(m_ownRateKey));
}

bool SendLanes::takeToken(const QString &number)
{
    if (m_limiter.available(number) < 1 ||
        (!m_ownRateKey.isEmpty() && m_limiter.available(m_ownRateKey) < 1)) {
        return false;
    }
    if (m_pacer && !m_pacer->tryTake(number)) {
        return false;
    }
    m_limiter.tryTake(number);
    if (!m_ownRateKey.isEmpty()) {
        m_limiter.tryTake(m_ownRateKey);
    }
    return true;
}

std::chrono::milliseconds SendLanes::msUntilToken(const QString &number)
{
    auto wait = m_limiter.msUntilAvailable(number);
    if (!m_ownRateKey.isEmpty()) {
        wait = std::max(wait, m_limiter.msUntilAvailable(m_ownRateKey));
    }
    if (m_pacer) {
        wait = std::max(wait, m_pacer->msUntilAvailable(number));
    }
    return wait;
}

void SendLanes::reportClean(const QString &number)
{
    m_limiter.reportClean(number);
}

void SendLanes::reportThrottled(const QString &number)
{
    m_limiter.reportThrottled(number);
}

void SendLanes::restartShared()
{
    if (m_pacer) {
        for (const QString &number : std::as_const(m_active)) {
            m_pacer->reserveNow(number);
        }
    }
}

void SendLanes::takeOut(const QString &number)
{
    m_active.removeAll(number);
    if (!m_out.contains(number)) {
        m_out << number;
    }
}

} // namespace herald
