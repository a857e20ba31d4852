#pragma once

#include "data/CampaignSnapshot.h"

#include <QElapsedTimer>
#include <QHash>

#include <deque>

namespace herald {
class Clock;
class Database;
} // namespace herald

namespace herald::ui {

// Reads every campaign's counters and sender in two light queries (no count over the queue:
// the counters are kept exact in the rows' own transactions) and works out each one's rate
// from how its figures moved between polls, so that a campaign sent by `herald-cli run` or
// another console moves here as live as one sent by this window. Runs on the data thread;
// keeps the samples between polls.
class CampaignMonitor
{
public:
    explicit CampaignMonitor(const Clock &clock);

    CampaignsSnapshot poll(Database &db);

    static constexpr qint64 RateWindowMs = 10'000;

private:
    struct Sample
    {
        qint64 atMs;
        qint64 done;
    };
    void rateOf(CampaignRow &row, qint64 nowMs);

    const Clock &m_clock;
    QElapsedTimer m_time;
    QHash<QString, std::deque<Sample>> m_samples;
};

} // namespace herald::ui
