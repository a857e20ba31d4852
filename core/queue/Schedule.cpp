#include "queue/Schedule.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

Schedule::Schedule(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

Campaign Schedule::schedule(const QString &campaignId, const QDateTime &utc)
{
    if (!utc.isValid()) {
        throw DbError(DbError::Kind::Refused, tr("A schedule needs a valid date and time."));
    }
    Transaction tx(m_db);
    CampaignStore store(m_db, m_clock);
    if (m_db.isPostgres()) {
        m_db.run(u"SELECT 1 FROM campaigns WHERE id = ? FOR UPDATE"_s, {campaignId});
    }
    const Campaign current = store.byId(campaignId);
    const QDateTime now = m_clock.now();
    if (utc <= now) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\": %2 has already passed (it is %3 now); start it instead.")
                          .arg(current.name, utc.toUTC().toString(Qt::ISODate), now.toString(Qt::ISODate)));
    }
    if (current.pending == 0) {
        throw DbError(DbError::Kind::Refused,
                      current.totalContacts == 0
                          ? tr("Campaign \"%1\" has no recipients: import contacts first.").arg(current.name)
                          : tr("Campaign \"%1\" has nothing left to send.").arg(current.name));
    }
    if (current.status != CampaignStatus::Scheduled) {
        store.transitionInTransaction(campaignId, CampaignStatus::Scheduled);
    }
    m_db.run(u"UPDATE campaigns SET scheduled_at = ?, updated_at = ? WHERE id = ?"_s,
             {m_db.timeValue(utc.toUTC()), m_db.timeValue(now), campaignId});
    tx.commit();
    return store.byId(campaignId);
}

Campaign Schedule::unschedule(const QString &campaignId)
{
    Transaction tx(m_db);
    CampaignStore store(m_db, m_clock);
    store.transitionInTransaction(campaignId, CampaignStatus::Draft);
    m_db.run(u"UPDATE campaigns SET scheduled_at = NULL WHERE id = ?"_s, {campaignId});
    tx.commit();
    return store.byId(campaignId);
}

QList<Campaign> Schedule::due() const
{
    QList<QPair<QDateTime, QString>> ids;
    {
        QSqlQuery q = m_db.run(u"SELECT id, scheduled_at FROM campaigns WHERE status = 'scheduled' "
                               "AND scheduled_at IS NOT NULL AND scheduled_at <= ?"_s,
                               {m_db.timeValue(m_clock.now())});
        while (q.next()) {
            ids.append({Database::readTime(q.value(1)), q.value(0).toString()});
        }
    }
    std::sort(ids.begin(), ids.end());
    QList<Campaign> out;
    CampaignStore store(m_db, m_clock);
    for (const auto &entry : std::as_const(ids)) {
        out << store.byId(entry.second);
    }
    return out;
}

std::optional<ScheduledStart> Schedule::startIfDue(const QString &campaignId)
{
    Transaction tx(m_db);
    if (m_db.isPostgres()) {
        m_db.run(u"SELECT 1 FROM campaigns WHERE id = ? FOR UPDATE"_s, {campaignId});
    }
    CampaignStore store(m_db, m_clock);
    const Campaign c = store.byId(campaignId);
    const QDateTime now = m_clock.now();
    if (c.status != CampaignStatus::Scheduled || !c.scheduledAt.isValid() || c.scheduledAt > now) {
        tx.commit();
        return std::nullopt;
    }
    store.transitionInTransaction(campaignId, CampaignStatus::Running);
    ScheduledStart s;
    s.campaignId = campaignId;
    s.name = c.name;
    s.dueAt = c.scheduledAt.toUTC();
    s.startedAt = now;
    s.lateSeconds = s.dueAt.secsTo(now);
    if (s.lateSeconds > LateAfter.count()) {
        s.notice = tr("Campaign \"%1\" started %2 late: it was due at %3 UTC, when no Herald was running.")
                       .arg(c.name, describeDuration(s.lateSeconds), s.dueAt.toString(u"yyyy-MM-dd HH:mm"_s));
        // The running campaign keeps the notice as its status reason until its status changes.
        m_db.run(u"UPDATE campaigns SET status_reason = ? WHERE id = ?"_s, {s.notice, campaignId});
    }
    tx.commit();
    return s;
}

QString Schedule::describeDuration(qint64 seconds)
{
    if (seconds < 60) {
        return tr("%1 s").arg(seconds);
    }
    const qint64 minutes = seconds / 60;
    if (minutes < 60) {
        return tr("%1 min").arg(minutes);
    }
    const qint64 hours = minutes / 60;
    if (hours < 48) {
        return minutes % 60 == 0 ? tr("%1 h").arg(hours) : tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    }
    return hours % 24 == 0 ? tr("%1 d").arg(hours / 24) : tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

} // namespace herald
