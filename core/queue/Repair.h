#pragma once

#include "queue/CampaignStatus.h"
#include "queue/Counters.h"

#include <QList>
#include <QString>

namespace herald {

class Clock;
class Database;

// One campaign's stored figures beside a recount from send_queue.
struct RepairItem
{
    QString campaignId;
    QString name;
    CounterValues stored;
    CounterValues recounted;
    CounterValues history; // sums of the campaign's per-minute history (sent, failed)
    CampaignStatus storedStatus = CampaignStatus::Draft;
    CampaignStatus repairedStatus = CampaignStatus::Draft;

    bool countersDiffer() const
    {
        return stored.contacts != recounted.contacts || stored.sent != recounted.sent ||
               stored.failed != recounted.failed || stored.delivered != recounted.delivered ||
               stored.read != recounted.read || stored.failedAfterSend != recounted.failedAfterSend;
    }
    bool historyDiffers() const
    {
        return history.sent != recounted.sent || history.failed != recounted.failed;
    }
    bool statusDiffers() const { return storedStatus != repairedStatus; }
    bool needsRepair() const { return countersDiffer() || historyDiffers() || statusDiffers(); }
};

// Compares every campaign's (or one campaign's) counters, history and status with a recount
// from send_queue and, on apply, fixes them atomically (history is rebuilt from the rows'
// sent_at and failed_at). It also completes campaigns left running
// or paused with nothing pending, and reopens (as paused) a completed one that still has
// queued rows. The recount (Counters::recountAll) covers every campaign in three index-only
// counts.
class Repair
{
public:
    Repair(Database &db, const Clock &clock);

    // Reads only. `campaignId` empty means every campaign.
    QList<RepairItem> analyze(const QString &campaignId = {}) const;
    // Recounts and fixes in one transaction; returns what was found (and is now fixed).
    QList<RepairItem> apply(const QString &campaignId = {});

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
