#include "queue/Repair.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
CampaignStatus repairedStatus(CampaignStatus s, const CounterValues &recount)
{
    const bool active = s == CampaignStatus::Running || s == CampaignStatus::Paused;
    if (active && recount.pending == 0 && recount.contacts > 0) {
        return CampaignStatus::Completed;
    }
    if (s == CampaignStatus::Completed && recount.pending > 0) {
        return CampaignStatus::Paused;
    }
    return s;
}
} // namespace

Repair::Repair(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QList<RepairItem> Repair::analyze(const QString &campaignId) const
{
    const bool one = !campaignId.isEmpty();
    // Senders may be writing (a team's workers): the counters, their recount and the history are
    // read as of one moment, or a message recorded between two reads would look like a fault.
    ReadSnapshot snapshot(m_db);
    const QHash<QString, CounterValues> recounts = Counters::recountAll(m_db, campaignId);
    QHash<QString, CounterValues> history;
    {
        QSqlQuery h =
            m_db.run(u"SELECT campaign_id, SUM(sent), SUM(failed) FROM campaign_minutes "_s +
                         (one ? u"WHERE campaign_id = ? "_s : QString()) + u"GROUP BY campaign_id"_s,
                     one ? QVariantList{campaignId} : QVariantList{});
        while (h.next()) {
            CounterValues &v = history[h.value(0).toString()];
            v.sent = h.value(1).toLongLong();
            v.failed = h.value(2).toLongLong();
        }
    }
    QList<RepairItem> items;
    QSqlQuery q = m_db.run(
        u"SELECT id, name, status, total_contacts, total_sent, total_failed, total_delivered, total_read, "
        "total_failed_after_send FROM campaigns "_s +
            (one ? u"WHERE id = ? "_s : QString()) + u"ORDER BY created_at, name"_s,
        one ? QVariantList{campaignId} : QVariantList{});
    while (q.next()) {
        RepairItem item;
        item.campaignId = q.value(0).toString();
        item.name = q.value(1).toString();
        item.storedStatus =
            CampaignStatusMachine::fromString(q.value(2).toString()).value_or(CampaignStatus::Draft);
        item.stored.contacts = q.value(3).toLongLong();
        item.stored.sent = q.value(4).toLongLong();
        item.stored.failed = q.value(5).toLongLong();
        item.stored.delivered = q.value(6).toLongLong();
        item.stored.read = q.value(7).toLongLong();
        item.stored.failedAfterSend = q.value(8).toLongLong();
        item.recounted = recounts.value(item.campaignId);
        item.history = history.value(item.campaignId);
        item.stored.pending = item.recounted.pending;
        item.repairedStatus = repairedStatus(item.storedStatus, item.recounted);
        items << item;
    }
    return items;
}

QList<RepairItem> Repair::apply(const QString &campaignId)
{
    Transaction tx(m_db);
    if (m_db.isPostgres()) {
        // Senders must not change counters between the recount and the update. EXCLUSIVE, not
        // SHARE ROW EXCLUSIVE: it also waits for writers holding a campaign row (Counters::lock
        // takes ROW SHARE), so none can hold queue rows that this lock of send_queue waits for
        // while it waits for campaigns: the campaigns first, as for every writer.
        m_db.execDirect(u"LOCK TABLE campaigns IN EXCLUSIVE MODE"_s);
        m_db.execDirect(u"LOCK TABLE send_queue IN SHARE MODE"_s);
    }
    const QList<RepairItem> items = analyze(campaignId);
    const QVariant now = m_db.timeValue(m_clock.now());
    for (const RepairItem &item : items) {
        if (item.countersDiffer()) {
            Counters::set(m_db, item.campaignId, item.recounted, m_clock);
        }
        if (item.historyDiffers()) {
            Counters::rebuildHistory(m_db, item.campaignId);
        }
        if (!item.statusDiffers()) {
            continue;
        }
        if (item.repairedStatus == CampaignStatus::Completed) {
            m_db.run(u"UPDATE campaigns SET status = 'completed', status_reason = NULL, end_time = ?, "
                     "updated_at = ? WHERE id = ?"_s,
                     {now, now, item.campaignId});
        } else {
            m_db.run(u"UPDATE campaigns SET status = ?, status_reason = ?, end_time = NULL, updated_at = ? "
                     "WHERE id = ?"_s,
                     {CampaignStatusMachine::toString(item.repairedStatus),
                      QCoreApplication::translate("Repair", "reopened by repair: messages were still queued"),
                      now, item.campaignId});
        }
    }
    tx.commit();
    return items;
}

} // namespace herald
