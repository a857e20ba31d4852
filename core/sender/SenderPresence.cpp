#include "sender/SenderPresence.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/Counters.h"
#include "sender/WorkerIdentity.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
// The columns are NOT NULL with '' for "none"; a null QString binds as NULL.
QString notNull(const QString &s)
{
    return s.isNull() ? QString(u""_s) : s;
}
} // namespace

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

void SenderPresence::announce(const QString &senderId, SenderKind kind, const SenderLabel &label)
{
    const QVariant now = m_db.timeValue(m_clock.now());
    m_db.run(u"INSERT INTO senders (id, kind, host, pid, started_at, heartbeat_at, name, scope) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at"_s,
             {senderId, kindName(kind), WorkerIdentity::hostOf(senderId), WorkerIdentity::pidOf(senderId),
              now, now, notNull(label.name), notNull(label.scope)});
}

QStringList SenderPresence::heartbeat(const QString &senderId, SenderKind kind, double rate,
                                      const SenderLabel &label)
{
    Transaction tx(m_db);
    QSqlQuery q = m_db.run(u"UPDATE senders SET heartbeat_at = ?, rate = ? WHERE id = ?"_s,
                           {m_db.timeValue(m_clock.now()), rate, senderId});
    if (q.numRowsAffected() == 0) {
        announce(senderId, kind, label);
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

bool SenderPresence::mayShare(SenderKind taker, const QList<SenderInfo> &holders)
{
    // Workers share a campaign with workers; a console or a run sends it alone.
    if (taker != SenderKind::Worker) {
        return holders.isEmpty();
    }
    return std::all_of(holders.cbegin(), holders.cend(),
                       [](const SenderInfo &h) { return h.kind == SenderKind::Worker; });
}

SenderInfo SenderPresence::acquire(const QString &campaignId, const QString &senderId)
{
    Transaction tx(m_db);
    // Two senders deciding about one campaign at once wait for each other here (PostgreSQL; on
    // SQLite the transaction already holds the write lock), so both cannot take it where only one
    // may. The campaign row first, as everywhere (Counters::lock).
    Counters::lock(m_db, {campaignId});
    // A process of this machine that no longer runs is gone at once, whatever its last heartbeat.
    {
        QStringList current;
        QSqlQuery q = m_db.run(u"SELECT sender_id FROM campaign_holds WHERE campaign_id = ?"_s, {campaignId});
        while (q.next()) {
            current << q.value(0).toString();
        }
        q.finish();
        for (const QString &other : std::as_const(current)) {
            if (other != senderId && WorkerIdentity::isDeadLocalWorker(other)) {
                m_db.run(u"DELETE FROM campaign_holds WHERE sender_id = ?"_s, {other});
                m_db.run(u"DELETE FROM senders WHERE id = ?"_s, {other});
            }
        }
    }
    // A hold of a sender that is gone (or was never registered) is nobody's.
    m_db.run(u"DELETE FROM campaign_holds WHERE campaign_id = ? AND sender_id NOT IN "
             "(SELECT id FROM senders WHERE heartbeat_at >= ?)"_s,
             {campaignId, cutoff()});
    const QList<SenderInfo> holding = holdersOf(campaignId);
    const QList<SenderInfo> self = select(u"s.id = ?"_s, {senderId});
    if (self.isEmpty()) {
        throw DbError(tr("This sender is not registered, so it cannot hold campaign %1.").arg(campaignId));
    }
    const bool already =
        std::any_of(holding.cbegin(), holding.cend(), [&](const SenderInfo &h) { return h.id == senderId; });
    if (!already && !mayShare(self.first().kind, holding)) {
        tx.commit();
        return holding.first();
    }
    if (!already) {
        m_db.run(u"INSERT INTO campaign_holds (campaign_id, sender_id, since) VALUES (?, ?, ?)"_s,
                 {campaignId, senderId, m_db.timeValue(m_clock.now())});
    }
    tx.commit();
    return self.first();
}

void SenderPresence::release(const QString &campaignId, const QString &senderId)
{
    m_db.run(u"DELETE FROM campaign_holds WHERE campaign_id = ? AND sender_id = ?"_s, {campaignId, senderId});
}

bool SenderPresence::holds(const QString &campaignId, const QString &senderId) const
{
    return m_db.scalar(u"SELECT count(*) FROM campaign_holds WHERE campaign_id = ? AND sender_id = ?"_s,
                       {campaignId, senderId})
               .toInt() > 0;
}

QList<SenderInfo> SenderPresence::select(const QString &where, const QVariantList &values,
                                         const QString &order) const
{
    QVariantList all{cutoff()};
    all += values;
    QSqlQuery q = m_db.run(u"SELECT s.id, s.kind, s.host, s.pid, s.started_at, s.heartbeat_at, "
                           "CASE WHEN s.heartbeat_at >= ? THEN 1 ELSE 0 END, s.name, s.scope, s.rate "
                           "FROM senders s WHERE "_s +
                               where + u" ORDER BY "_s + order,
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
        s.label = {q.value(7).toString(), q.value(8).toString()};
        s.rate = q.value(9).toDouble();
        out << s;
    }
    return out;
}

QList<SenderInfo> SenderPresence::holdersOf(const QString &campaignId) const
{
    // Longest-holding first; the id breaks ties, so that every reader names the same first one.
    return select(
        u"s.id IN (SELECT sender_id FROM campaign_holds WHERE campaign_id = ?)"_s, {campaignId, campaignId},
        u"(SELECT since FROM campaign_holds h WHERE h.sender_id = s.id AND h.campaign_id = ?), s.id"_s);
}

std::optional<SenderInfo> SenderPresence::holder(const QString &campaignId) const
{
    const QList<SenderInfo> found = holdersOf(campaignId);
    return found.isEmpty() ? std::nullopt : std::optional<SenderInfo>(found.first());
}

QHash<QString, SenderInfo> SenderPresence::holders() const
{
    return firstHolders(senders(), holds());
}

QList<SenderPresence::Hold> SenderPresence::holds() const
{
    QList<Hold> out;
    QSqlQuery q = m_db.run(u"SELECT campaign_id, sender_id FROM campaign_holds ORDER BY since, sender_id"_s);
    while (q.next()) {
        out << Hold{q.value(0).toString(), q.value(1).toString()};
    }
    return out;
}

QHash<QString, SenderInfo> SenderPresence::firstHolders(const QList<SenderInfo> &senders,
                                                        const QList<Hold> &holds)
{
    QHash<QString, SenderInfo> byId;
    for (const SenderInfo &s : senders) {
        byId.insert(s.id, s);
    }
    QHash<QString, SenderInfo> out;
    for (const Hold &h : holds) {
        if (!out.contains(h.campaignId)) {
            out.insert(h.campaignId, byId.value(h.senderId));
        }
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
