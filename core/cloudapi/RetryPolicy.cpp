#include "cloudapi/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace herald {

RetryPolicy::RetryPolicy(const Settings &settings)
    : m_settings(settings)
{
    using std::chrono::milliseconds;
    m_settings.base = std::max(m_settings.base, milliseconds(1));
    m_settings.cap = std::max(m_settings.cap, m_settings.base);
    m_settings.maxAttempts = std::clamp(m_settings.maxAttempts, 1, 100);
}

std::chrono::milliseconds RetryPolicy::ceiling(int attemptsMade) const
{
    const qint64 base = m_settings.base.count();
    const qint64 cap = m_settings.cap.count();
    // Double until the cap; stopping early avoids overflow for large attempt counts.
    qint64 value = base;
    for (int i = 1; i < attemptsMade && value < cap; ++i) {
        value *= 2;
    }
    return std::chrono::milliseconds(std::min(value, cap));
}

std::chrono::milliseconds RetryPolicy::delay(int attemptsMade, QRandomGenerator &random) const
{
    const qint64 top = ceiling(attemptsMade).count();
    return std::chrono::milliseconds(static_cast<qint64>(random.bounded(static_cast<quint64>(top) + 1)));
}

std::chrono::milliseconds RetryPolicy::delay(int attemptsMade) const
{
    return delay(attemptsMade, *QRandomGenerator::global());
}

} // namespace herald
