#include "models/MinuteHistory.h"

#include <algorithm>

namespace herald::ui {

namespace {
constexpr qint64 kMinuteMs = 60'000;
// A minute just begun holds a handful of answers; dividing by a second or two of it would draw
// a spike that never happened.
constexpr double kShortestSpanSeconds = 5.0;

bool within(const QDateTime &t, qint64 fromMs, qint64 toMs)
{
    if (!t.isValid()) {
        return false;
    }
    const qint64 ms = t.toMSecsSinceEpoch();
    return ms > fromMs && ms < toMs;
}
} // namespace

void MinuteHistory::reset(const QList<MinuteCount> &minutes)
{
    m_minutes = minutes;
    sum();
}

void MinuteHistory::merge(const QDateTime &since, const QList<MinuteCount> &minutes)
{
    if (since.isValid()) {
        while (!m_minutes.isEmpty() && m_minutes.last().minute >= since) {
            m_minutes.removeLast();
        }
    } else {
        m_minutes.clear();
    }
    for (const MinuteCount &m : minutes) {
        if (m_minutes.isEmpty() || m.minute > m_minutes.last().minute) {
            m_minutes.append(m);
        }
    }
    sum();
}

void MinuteHistory::sum()
{
    m_sent = 0;
    m_failed = 0;
    for (const MinuteCount &m : std::as_const(m_minutes)) {
        m_sent += m.sent;
        m_failed += m.failed;
    }
}

MinuteHistory::Points MinuteHistory::points(const Timing &timing) const
{
    Points p;
    if (m_minutes.isEmpty()) {
        return p;
    }
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 previousEnd = -1;
    qint64 finished = 0;
    qint64 activeMs = 0;
    bool growing = false;
    for (qsizetype i = 0; i < m_minutes.size(); ++i) {
        const MinuteCount &m = m_minutes.at(i);
        const qint64 start = m.minute.toMSecsSinceEpoch();
        qint64 from = start;
        qint64 to = start + kMinuteMs;
        if (i == 0 && within(timing.startedAt, start, to)) {
            from = timing.startedAt.toMSecsSinceEpoch();
        }
        if (i == m_minutes.size() - 1) {
            if (within(timing.now, from, to)) {
                to = timing.now.toMSecsSinceEpoch();
                growing = true;
            } else if (within(timing.lastActivity, from, to + 1)) {
                to = timing.lastActivity.toMSecsSinceEpoch();
            }
        }
        to = std::max(to, from + 1000);
        if (previousEnd < 0) {
            p.fromMs = from;
            p.sent.append(QPointF(from, 0));
            p.failed.append(QPointF(from, 0));
            p.rate.append(QPointF(from, 0));
        } else if (previousEnd < start) {
            // Nothing happened in between: flat totals, no throughput.
            p.sent.append(QPointF(start, sent));
            p.failed.append(QPointF(start, failed));
            p.rate.append(QPointF(previousEnd, 0));
            p.rate.append(QPointF(start, 0));
        }
        sent += m.sent;
        failed += m.failed;
        p.sent.append(QPointF(to, sent));
        p.failed.append(QPointF(to, failed));
        p.maxCumulative = std::max({p.maxCumulative, sent, failed});
        // A resend's negative failures are not messages finished.
        const qint64 done = m.sent + std::max<qint64>(0, m.failed);
        const double rate = double(done) / std::max(kShortestSpanSeconds, double(to - from) / 1000.0);
        p.rate.append(QPointF(from, rate));
        p.rate.append(QPointF(to, rate));
        p.peakRate = std::max(p.peakRate, rate);
        if (done > 0) {
            finished += done;
            activeMs += to - from;
        }
        previousEnd = to;
    }
    if (!growing) {
        p.rate.append(QPointF(previousEnd, 0));
    }
    p.toMs = previousEnd;
    p.activeSeconds = activeMs / 1000;
    p.averageRate = activeMs > 0 ? double(finished) / (double(activeMs) / 1000.0) : 0.0;
    return p;
}

} // namespace herald::ui
