#include "sender/SenderPresence.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "sender/WorkerIdentity.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

QString SenderInfo::describe(const QDateTime &now) const
{
    QString who;
    switch (kind) {
    case SenderKind::Console:
        who = SenderPresence::tr("the Herald console");
        break;
    case SenderKind::Run:
        who = SenderPresence::tr("herald-cli run");
        break;
    case SenderKind::Worker:
        who = SenderPresence::tr("a Herald worker");
        break;
    }
    const qint64 seconds = heartbeatAt.isValid() ? std::max<qint64>(0, heartbeatAt.secsTo(now)) : -1;
    return SenderPresence::tr("%1 on %2 (process %3), last heard %4 s ago")
        .arg(who, host)
        .arg(pid)
        .arg(seconds);
}

SenderPresence::SenderPresence(Database &db, const Clock &clock, std::chrono::milliseconds staleness)
    : m_db(db)
    , m_clock(clock)
    , m_staleness(staleness)
{}

QString SenderPresence::kindName(SenderKind kind)
{
    switch (kind) {
    case SenderKind::Console:
        return u"console"_s;
    case SenderKind::Run:
        return u"run"_s;
    case SenderKind::Worker:
        return u"worker"_s;
    }
    return {};
}

SenderKind SenderPresence::kindFromName(const QString &name)
{
    if (name == "run"_L1) {
        return SenderKind::Run;
    }
    if (name == "worker"_L1) {
        return SenderKind::Worker;
    }
    return SenderKind::Console;
}

QVariant SenderPresence::cutoff() const
{
    return m_db.timeValue(m_clock.now().addMSecs(-m_staleness.count()));
}

void SenderPresence::announce(const QString &senderId, SenderKind kind)
{
    const QVariant now = m_db.timeValue(m_clock.now());
    m_db.run(u"INSERT INTO senders (id, kind, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at"_s,
             {senderId, kindName(kind), WorkerIdentity::hostOf(senderId), WorkerIdentity::pidOf(senderId),
              now, now});
}

QStringList SenderPresence::heartbeat(const QString &senderId, SenderKind kind)
{
    Transaction tx(m_db);
    QSqlQuery q = m_db.run(u"UPDATE senders SET heartbeat_at = ? WHERE id = ?"_s,
                           {m_db.timeValue(m_clock.now()), senderId});
    if (q.numRowsAffected() == 0) {
        announce(senderId, kind);
    }
    QStringList held;
    QSqlQuery h = m_db.run(u"SELECT campaign_id FROM campaign_holds WHERE sender_id = ?"_s, {senderId});
    while (h.next()) {
        held << h.value(0).toString();
    }
    tx.commit();
    return held;
}

void SenderPresence::withdraw(const QString &senderId)
{
    Transaction tx(m_db);
    m_db.run(u"DELETE FROM campaign_holds WHERE sender_id = ?"_s, {senderId});
    m_db.run(u"DELETE FROM senders WHERE id = ?"_s, {senderId});
    tx.commit();
}

SenderInfo SenderPresence::acquire(const QString &campaignId, const QString &senderId)
{
    Transaction tx(m_db);
    // A process of this machine that no longer runs is gone at once, whatever its last heartbeat.
    {
        QSqlQuery q = m_db.run(u"SELECT sender_id FROM campaign_holds WHERE campaign_id = ?"_s, {campaignId});
        const QString current = q.next() ? q.value(0).toString() : QString();
        q.finish();
        if (!current.isEmpty() && current != senderId && WorkerIdentity::isDeadLocalWorker(current)) {
            m_db.run(u"DELETE FROM campaign_holds WHERE sender_id = ?"_s, {current});
            m_db.run(u"DELETE FROM senders WHERE id = ?"_s, {current});
        }
    }
    // A hold of a sender that is gone (or was never registered) is nobody's.
    m_db.run(u"DELETE FROM campaign_holds WHERE campaign_id = ? AND sender_id NOT IN "
             "(SELECT id FROM senders WHERE heartbeat_at >= ?)"_s,
             {campaignId, cutoff()});
    m_db.run(u"INSERT INTO campaign_holds (campaign_id, sender_id, since) VALUES (?, ?, ?) "
             "ON CONFLICT (campaign_id) DO NOTHING"_s,
             {campaignId, senderId, m_db.timeValue(m_clock.now())});
    const QList<SenderInfo> holding =
        select(u"s.id = (SELECT sender_id FROM campaign_holds WHERE campaign_id = ?)"_s, {campaignId});
    tx.commit();
    if (holding.isEmpty()) {
        throw DbError(tr("The hold on campaign %1 could not be taken or read.").arg(campaignId));
    }
    return holding.first();
}

void SenderPresence::release(const QString &campaignId, const QString &senderId)
{
    m_db.run(u"DELETE FROM campaign_holds WHERE campaign_id = ? AND sender_id = ?"_s, {campaignId, senderId});
}

QList<SenderInfo> SenderPresence::select(const QString &where, const QVariantList &values) const
{
    QVariantList all{cutoff()};
    all += values;
    QSqlQuery q = m_db.run(u"SELECT s.id, s.kind, s.host, s.pid, s.started_at, s.heartbeat_at, "
                           "CASE WHEN s.heartbeat_at >= ? THEN 1 ELSE 0 END FROM senders s WHERE "_s +
                               where + u" ORDER BY s.started_at"_s,
                           all);
    QList<SenderInfo> out;
    while (q.next()) {
        SenderInfo s;
        s.id = q.value(0).toString();
        s.kind = kindFromName(q.value(1).toString());
        s.host = q.value(2).toString();
        s.pid = q.value(3).toLongLong();
        s.startedAt = Database::readTime(q.value(4));
        s.heartbeatAt = Database::readTime(q.value(5));
        s.live = q.value(6).toInt() == 1;
        out << s;
    }
    return out;
}

std::optional<SenderInfo> SenderPresence::holder(const QString &campaignId) const
{
    const QList<SenderInfo> found =
        select(u"s.id = (SELECT sender_id FROM campaign_holds WHERE campaign_id = ?)"_s, {campaignId});
    return found.isEmpty() ? std::nullopt : std::optional<SenderInfo>(found.first());
}

QHash<QString, SenderInfo> SenderPresence::holders() const
{
    QHash<QString, SenderInfo> byId;
    for (const SenderInfo &s : senders()) {
        byId.insert(s.id, s);
    }
    QHash<QString, SenderInfo> out;
    QSqlQuery q = m_db.run(u"SELECT campaign_id, sender_id FROM campaign_holds"_s);
    while (q.next()) {
        out.insert(q.value(0).toString(), byId.value(q.value(1).toString()));
    }
    return out;
}

QList<SenderInfo> SenderPresence::senders() const
{
    return select(u"1 = 1"_s, {});
}

bool SenderPresence::isLive(const QString &senderId) const
{
    const QList<SenderInfo> found = select(u"s.id = ?"_s, {senderId});
    return !found.isEmpty() && found.first().live;
}

} // namespace herald
