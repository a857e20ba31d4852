#include "sender/InterruptedReport.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "queue/QueueEngine.h"
#include "queue/QueueTypes.h"
#include "sender/SenderPresence.h"
#include "sender/WorkerIdentity.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

qint64 InterruptedSummary::total() const
{
    qint64 n = 0;
    for (const InterruptedCampaign &c : campaigns) {
        n += c.count;
    }
    return n;
}

InterruptedReport::InterruptedReport(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

InterruptedSummary InterruptedReport::collect(const QDateTime &since, const QString &ownSenderId,
                                              std::chrono::milliseconds staleness, std::chrono::seconds lease)
{
    InterruptedSummary summary;
    summary.recoveredNow = recoverGoneSenders(ownSenderId, staleness, lease);
    QSqlQuery q = m_db.run(u"SELECT id, name FROM campaigns ORDER BY name, id"_s);
    QList<InterruptedCampaign> all;
    while (q.next()) {
        all << InterruptedCampaign{q.value(0).toString(), q.value(1).toString(), 0};
    }
    q.finish();
    for (InterruptedCampaign &c : all) {
        c.count = countSince(c.id, since);
        if (c.count > 0) {
            summary.campaigns << c;
        }
    }
    return summary;
}

qint64 InterruptedReport::countSince(const QString &campaignId, const QDateTime &since) const
{
    // failed_at is written by the recovery; the partial index on failed rows serves the filter.
    return m_db
        .scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'failed' "
                "AND error_reason = ? AND failed_at >= ?"_s,
                {campaignId, FailureReason::Interrupted, m_db.timeValue(since)})
        .toLongLong();
}

qint64 InterruptedReport::recoverGoneSenders(const QString &ownSenderId, std::chrono::milliseconds staleness,
                                             std::chrono::seconds lease)
{
    QueueEngine engine(m_db, m_clock);
    const SenderPresence presence(m_db, m_clock, staleness);
    QStringList campaigns;
    {
        QSqlQuery q = m_db.run(u"SELECT id FROM campaigns WHERE status NOT IN ('draft', 'completed')"_s);
        while (q.next()) {
            campaigns << q.value(0).toString();
        }
    }
    QStringList gone;
    for (const QString &id : std::as_const(campaigns)) {
        for (const QString &worker : engine.workersHolding(id)) {
            // The same test a sender applies before it takes a campaign over (SendWorker).
            if (worker != ownSenderId && !gone.contains(worker) &&
                (WorkerIdentity::isDeadLocalWorker(worker) || !presence.isLive(worker))) {
                gone << worker;
            }
        }
    }
    qint64 n = 0;
    for (const QString &worker : std::as_const(gone)) {
        n += engine.recoverWorker(worker);
    }
    return n + engine.recoverExpiredLeases(lease);
}

} // namespace herald
