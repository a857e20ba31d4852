#include "simulator/RequestLog.h"

#include <QMutexLocker>

namespace herald {

RequestLog::RequestLog(int instances)
{
    m_totals.requestsByInstance.fill(0, qMax(1, instances));
}

QString RequestLog::recipientKey(QStringView to)
{
    QString key;
    key.reserve(to.size());
    for (QChar c : to) {
        if (c.isDigit())
            key.append(c);
    }
    return key;
}

void RequestLog::countRequest(int instance)
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.requests;
    if (instance >= 0 && instance < m_totals.requestsByInstance.size())
        ++m_totals.requestsByInstance[instance];
}

qint64 RequestLog::noteSendTime(std::deque<qint64> &window, qint64 receivedNs)
{
    // Server threads record in nearly, not exactly, arrival order: insert from the back.
    auto at = window.end();
    while (at != window.begin() && *(at - 1) > receivedNs)
        --at;
    window.insert(at, receivedNs);
    constexpr qint64 second = 1'000'000'000;
    while (window.front() <= window.back() - second)
        window.pop_front();
    return qint64(window.size());
}

void RequestLog::noteSendTime(qint64 receivedNs, const QString &fromNumber)
{
    if (receivedNs <= 0)
        return;
    m_totals.peakSendsPerSecond = qMax(m_totals.peakSendsPerSecond, noteSendTime(m_lastSecond, receivedNs));
    if (!fromNumber.isEmpty()) {
        qint64 &peak = m_totals.peakSendsPerSecondByNumber[fromNumber];
        peak = qMax(peak, noteSendTime(m_lastSecondByNumber[fromNumber], receivedNs));
    }
}

int RequestLog::recordSend(const QString &key, const QByteArray &payload, qint64 receivedNs,
                           const QString &fromNumber)
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.sendRequests;
    noteSendTime(receivedNs, fromNumber);
    RecipientLog &r = m_recipients[key];
    r.lastPayload = payload;
    if (!fromNumber.isEmpty()) {
        r.numbers << fromNumber;
    }
    return r.received++;
}

void RequestLog::recordUnattributedSend(qint64 receivedNs)
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.sendRequests;
    noteSendTime(receivedNs, {});
}

qint64 RequestLog::recordOutcome(const QString &key, const QString &outcome, const QString &wamid,
                                 const QString &fromNumber)
{
    const bool accepted = !wamid.isEmpty();
    QMutexLocker lock(&m_mutex);
    ++m_totals.byOutcome[outcome];
    if (accepted) {
        ++m_totals.accepted;
        if (!fromNumber.isEmpty())
            ++m_totals.acceptedByNumber[fromNumber];
    }
    const qint64 ordinal = accepted ? m_totals.accepted : 0;
    if (key.isEmpty())
        return ordinal;
    auto it = m_recipients.find(key);
    if (it == m_recipients.end())
        return ordinal;
    it->lastOutcome = outcome;
    if (accepted) {
        ++it->accepted;
        it->lastWamid = wamid;
    }
    return ordinal;
}

qint64 RequestLog::acceptedFrom(const QString &fromNumber) const
{
    QMutexLocker lock(&m_mutex);
    return m_totals.acceptedByNumber.value(fromNumber);
}

void RequestLog::countClosedAfterAccept()
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.closedAfterAccept;
}

void RequestLog::countEvent(const QString &event)
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.events[event];
}

qint64 RequestLog::eventCount(const QString &event) const
{
    QMutexLocker lock(&m_mutex);
    return m_totals.events.value(event);
}

void RequestLog::countTemplateListing()
{
    QMutexLocker lock(&m_mutex);
    ++m_totals.templateListings;
}

RecipientLog RequestLog::recipient(QStringView to) const
{
    const QString key = recipientKey(to);
    QMutexLocker lock(&m_mutex);
    return m_recipients.value(key);
}

QHash<QString, RecipientLog> RequestLog::recipients() const
{
    QMutexLocker lock(&m_mutex);
    return m_recipients;
}

RequestLogTotals RequestLog::totals() const
{
    QMutexLocker lock(&m_mutex);
    return m_totals;
}

qint64 RequestLog::outcomeCount(const QString &outcome) const
{
    QMutexLocker lock(&m_mutex);
    return m_totals.byOutcome.value(outcome);
}

void RequestLog::clear()
{
    QMutexLocker lock(&m_mutex);
    const auto instances = m_totals.requestsByInstance.size();
    m_recipients.clear();
    m_lastSecond.clear();
    m_lastSecondByNumber.clear();
    m_totals = RequestLogTotals{};
    m_totals.requestsByInstance.fill(0, instances);
}

void RequestLog::setInstanceCount(int instances)
{
    QMutexLocker lock(&m_mutex);
    m_totals.requestsByInstance.fill(0, qMax(1, instances));
}

} // namespace herald
