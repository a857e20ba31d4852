#pragma once

#include "queue/CampaignHistory.h"

#include <QDateTime>
#include <QList>
#include <QPointF>

namespace herald::ui {

// A campaign's per-minute history as the Overview draws it: the minutes read so far, extended
// by the later reads of a live campaign, and the points of its three lines. x values are
// milliseconds since the epoch (the time axis shows them in local time).
class MinuteHistory
{
public:
    // When the sending around the first and last minutes happened, so that a campaign that
    // started at 10:00:50 or is 12 s into its current minute is not drawn as if those minutes
    // were full. Invalid times are not used.
    struct Timing
    {
        QDateTime startedAt;    // the campaign's start
        QDateTime lastActivity; // its last counter change (a finished or paused campaign)
        QDateTime now;          // valid while it sends: its last minute is still growing
    };

    struct Points
    {
        QList<QPointF> sent;   // cumulative
        QList<QPointF> failed; // cumulative (goes down where a resend took failures back)
        QList<QPointF> rate;   // messages finished per second, a step per minute
        qint64 fromMs = 0;
        qint64 toMs = 0;
        double peakRate = 0;
        double averageRate = 0;   // over the minutes in which anything happened
        qint64 activeSeconds = 0; // how long that was
        qint64 maxCumulative = 0;
    };

    // Replaces everything (a first read, or a full reload).
    void reset(const QList<MinuteCount> &minutes);
    // A later read of the minutes from `since` (the last minute held, which was still growing)
    // on: it replaces those minutes and adds the new ones.
    void merge(const QDateTime &since, const QList<MinuteCount> &minutes);

    bool isEmpty() const { return m_minutes.isEmpty(); }
    const QList<MinuteCount> &minutes() const { return m_minutes; }
    QDateTime lastMinute() const { return m_minutes.isEmpty() ? QDateTime() : m_minutes.last().minute; }
    // The sums, which equal the campaign's counters when the history is intact.
    qint64 sent() const { return m_sent; }
    qint64 failed() const { return m_failed; }

    Points points(const Timing &timing) const;

private:
    void sum();

    QList<MinuteCount> m_minutes;
    qint64 m_sent = 0;
    qint64 m_failed = 0;
};

} // namespace herald::ui
