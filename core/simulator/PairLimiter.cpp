#include "simulator/PairLimiter.h"

#include <QMutexLocker>

namespace herald {

bool PairLimiter::tryAdmit(const QString &key, int windowMs, qint64 nowNs)
{
    const qint64 windowNs = qint64(windowMs) * 1'000'000;
    QMutexLocker lock(&m_mutex);
    auto it = m_lastAdmittedNs.find(key);
    if (it == m_lastAdmittedNs.end()) {
        m_lastAdmittedNs.insert(key, nowNs);
        return true;
    }
    if (nowNs - *it < windowNs)
        return false;
    *it = nowNs;
    return true;
}

void PairLimiter::reset()
{
    QMutexLocker lock(&m_mutex);
    m_lastAdmittedNs.clear();
}

} // namespace herald
