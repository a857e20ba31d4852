#pragma once

#include "queue/QueueTypes.h"
#include "sender/SenderTypes.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace herald {

class RateLimiter;
class SharedPacer;

// The phone numbers one campaign sends from and their pace: the campaign's one number, or the
// active numbers of its pool (NumberPool). Each number has its ceiling in this process's
// RateLimiter and, when other processes send from it too, in the database's SharedPacer; a
// campaign that wants less than its numbers allow has a bucket of its own over all of them.
// Owned by one SendWorker, on the sender thread.
class SendLanes
{
public:
    SendLanes(const SenderConfig &config, RateLimiter &limiter);

    void setPacer(SharedPacer *pacer) { m_pacer = pacer; }
    // The ceilings into the limiter and the pacer; before the first token.
    void configure();

    bool isPool() const { return m_pool; }
    // The number a claimed message goes from: its own in the pool, else the campaign's.
    const QString &numberOf(const ClaimedMessage &message) const;
    QUrl urlOf(const QString &number) const { return m_urls.value(number); }
    bool isActive(const QString &number) const { return m_active.contains(number); }
    const QStringList &active() const { return m_active; }
    const QStringList &out() const { return m_out; }
    // The sum of the active numbers' ceilings (a campaign's own rate caps it).
    double ceiling() const;
    // The sum of their current rates (lower after Meta's throttling).
    double rate() const;

    // A token for `number` now: this process's pace first (it slows down on Meta's throttling),
    // then a slot of the number's shared timeline, so that a slot is only taken when the message
    // goes now. Throws DbError when the shared timeline cannot be read.
    bool takeToken(const QString &number);
    std::chrono::milliseconds msUntilToken(const QString &number);
    void reportClean(const QString &number);
    void reportThrottled(const QString &number);
    // After a database outage: the shared timelines start from now.
    void restartShared();
    // `number` leaves the pool (or is found out of it): nothing more goes from it in this run,
    // and claims leave its rows alone.
    void takeOut(const QString &number);

private:
    RateLimiter &m_limiter;
    SharedPacer *m_pacer = nullptr;
    bool m_pool = false;
    QString m_default; // the campaign's number
    QStringList m_active;
    QStringList m_out;
    QHash<QString, double> m_ceilings;
    QHash<QString, QUrl> m_urls;
    QString m_ownRateKey; // the campaign's own bucket when it wants less than its numbers allow
    double m_campaignRate = 0;
};

} // namespace herald
