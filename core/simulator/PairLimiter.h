#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace herald {

// Meta's per-recipient ("pair") rate limit: a number that was sent to less than `windowMs`
// ago is refused. Check and record happen under one lock, so two threads sending to the same
// number at the same moment cannot both pass.
class PairLimiter
{
public:
    // True and records the send when `key` may be messaged now.
    bool tryAdmit(const QString &key, int windowMs, qint64 nowNs);
    void reset();

private:
    QMutex m_mutex;
    QHash<QString, qint64> m_lastAdmittedNs;
};

} // namespace herald
