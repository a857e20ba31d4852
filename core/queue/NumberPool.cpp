#include "queue/NumberPool.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/Counters.h"
#include "settings/PhoneNumberStore.h"

#include <QSet>
#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace herald {

NumberPool::NumberPool(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString NumberPool::idsProblem(const QStringList &ids)
{
    QSet<QString> seen;
    for (const QString &id : ids) {
        if (const QString why = PhoneNumberStore::idProblem(id); !why.isEmpty()) {
            return why;
        }
        if (seen.contains(id)) {
            return tr("%1 is named twice in the pool.").arg(id);
        }
        seen.insert(id);
    }
    if (ids.size() < 2) {
        return tr("A pool has at least two phone numbers; for one, give the campaign its phone number ID.");
    }
    return {};
}

void NumberPool::refuseIfStarted(const QString &campaignId)
{
    Counters::lock(m_db, {campaignId});
    const QVariant status = m_db.scalar(u"SELECT status FROM campaigns WHERE id = ?"_s, {campaignId});
    if (!status.isValid()) {
        throw DbError(DbError::Kind::NotFound, tr("There is no campaign with id %1.").arg(campaignId));
    }
    const qint64 touched = m_db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status IN "
                                       "('processing', 'sent', 'failed')"_s,
                                       {campaignId})
                               .toLongLong();
    const QString s = status.toString();
    if (touched > 0 || (s != "draft"_L1 && s != "scheduled"_L1)) {
        throw DbError(
            DbError::Kind::Refused,
            tr("The phone numbers of a campaign are chosen before it sends; this one has started."));
    }
}

void NumberPool::set(const QString &campaignId, const QStringList &ids)
{
    if (const QString why = idsProblem(ids); !why.isEmpty()) {
        throw DbError(DbError::Kind::Refused, why);
    }
    Transaction tx(m_db);
    refuseIfStarted(campaignId);
    setWithin(campaignId, ids);
    tx.commit();
}

void NumberPool::choose(const QString &campaignId, const QStringList &ids)
{
    if (ids.size() > 1) {
        set(campaignId, ids);
        return;
    }
    const QString why = ids.isEmpty() ? tr("A campaign sends from at least one phone number.")
                                      : PhoneNumberStore::idProblem(ids.first());
    if (!why.isEmpty()) {
        throw DbError(DbError::Kind::Refused, why);
    }
    Transaction tx(m_db);
    refuseIfStarted(campaignId);
    assign(campaignId, ids);
    tx.commit();
}

void NumberPool::setWithin(const QString &campaignId, const QStringList &ids)
{
    if (const QString why = idsProblem(ids); !why.isEmpty()) {
        throw DbError(DbError::Kind::Refused, why);
    }
    assign(campaignId, ids);
}

void NumberPool::assign(const QString &campaignId, const QStringList &ids)
{
    const bool pool = ids.size() > 1;
    m_db.run(u"DELETE FROM campaign_numbers WHERE campaign_id = ?"_s, {campaignId});
    if (pool) {
        QSqlQuery insert = m_db.prepare(
            u"INSERT INTO campaign_numbers (campaign_id, phone_number_id, position) VALUES (?, ?, ?)"_s);
        for (int i = 0; i < ids.size(); ++i) {
            Database::exec(insert, {campaignId, ids.at(i), i});
        }
    }
    m_db.run(u"UPDATE campaigns SET phone_number_id = ? WHERE id = ?"_s, {ids.first(), campaignId});
    m_db.run(u"UPDATE send_queue SET phone_number_id = NULL WHERE campaign_id = ?"_s, {campaignId});
    if (pool) {
        spread(campaignId, u"phone_number_id IS NULL"_s, {}, ids);
    }
}

QList<PoolNumber> NumberPool::of(const QString &campaignId) const
{
    QList<PoolNumber> out;
    QSqlQuery q =
        m_db.run(u"SELECT phone_number_id, position, state, out_reason, out_at FROM campaign_numbers "
                 "WHERE campaign_id = ? ORDER BY position"_s,
                 {campaignId});
    while (q.next()) {
        PoolNumber n;
        n.id = q.value(0).toString();
        n.position = q.value(1).toInt();
        n.active = q.value(2).toString() == "active"_L1;
        n.outReason = q.value(3).toString();
        n.outAt = Database::readTime(q.value(4));
        out << n;
    }
    return out;
}

QStringList NumberPool::active(const QString &campaignId) const
{
    QStringList out;
    for (const PoolNumber &n : of(campaignId)) {
        if (n.active) {
            out << n.id;
        }
    }
    return out;
}

qint64 NumberPool::spread(const QString &campaignId, const QString &whereRows, const QVariantList &values,
                          const QStringList &to)
{
    // Round robin by row id: the same rows go to the same numbers whoever runs it.
    qint64 moved = 0;
    const int n = int(to.size());
    for (int k = 0; k < n; ++k) {
        QSqlQuery q =
            m_db.run(u"UPDATE send_queue SET phone_number_id = ? WHERE campaign_id = ? AND status = "
                     "'ready' AND "_s +
                         whereRows + u" AND id % %1 = %2"_s.arg(n).arg(k),
                     QVariantList{to.at(k), campaignId} + values);
        moved += q.numRowsAffected();
    }
    return moved;
}

void NumberPool::pin(const QStringList &active, QList<ClaimedMessage> &claimed)
{
    if (active.isEmpty()) {
        return;
    }
    std::optional<QSqlQuery> store;
    for (ClaimedMessage &m : claimed) {
        if (!m.phoneNumberId.isEmpty()) {
            continue;
        }
        if (!store) {
            store = m_db.prepare(
                u"UPDATE send_queue SET phone_number_id = ? WHERE id = ? AND phone_number_id IS NULL"_s);
        }
        m.phoneNumberId = active.at(int(m.id % active.size()));
        Database::exec(*store, {m.phoneNumberId, m.id});
    }
}

bool NumberPool::takeOut(const QString &campaignId, const QString &id, const QString &reason)
{
    Transaction tx(m_db);
    Counters::lock(m_db, {campaignId});
    QSqlQuery q = m_db.run(u"UPDATE campaign_numbers SET state = 'out', out_reason = ?, out_at = ? WHERE "
                           "campaign_id = ? AND phone_number_id = ? AND state = 'active'"_s,
                           {reason, m_db.timeValue(m_clock.now()), campaignId, id});
    const bool changed = q.numRowsAffected() > 0;
    tx.commit();
    return changed;
}

QList<Reassignment> NumberPool::reassign(const QString &campaignId, const QString &from, const QString &by)
{
    Transaction tx(m_db);
    Counters::lock(m_db, {campaignId});
    const QList<PoolNumber> pool = of(campaignId);
    if (pool.isEmpty()) {
        throw DbError(DbError::Kind::Refused,
                      tr("This campaign sends from one phone number: nothing to move."));
    }
    QStringList to;
    QStringList out;
    for (const PoolNumber &n : pool) {
        (n.active ? to : out) << n.id;
    }
    if (!from.isEmpty()) {
        if (!out.contains(from)) {
            throw DbError(DbError::Kind::Refused,
                          to.contains(from)
                              ? tr("%1 is still in the pool: only a number taken out of it gives its "
                                   "recipients away.")
                                    .arg(from)
                              : tr("%1 is not one of this campaign's numbers.").arg(from));
        }
        out = {from};
    }
    if (to.isEmpty()) {
        throw DbError(DbError::Kind::Refused,
                      tr("Every number of the pool is out: there is no number to move the recipients to."));
    }
    QList<Reassignment> done;
    const QDateTime now = m_clock.now();
    QSqlQuery record =
        m_db.prepare(u"INSERT INTO number_reassignments (campaign_id, from_number, to_numbers, "
                     "moved, reassigned_at, reassigned_by) VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (const QString &number : std::as_const(out)) {
        const qint64 moved = spread(campaignId, u"phone_number_id = ?"_s, {number}, to);
        if (moved == 0) {
            continue;
        }
        Database::exec(record, {campaignId, number, to.join(u','), moved, m_db.timeValue(now), by});
        done << Reassignment{number, to, moved, now, by};
    }
    tx.commit();
    return done;
}

QList<Reassignment> NumberPool::reassignments(const QString &campaignId) const
{
    QList<Reassignment> out;
    QSqlQuery q = m_db.run(u"SELECT from_number, to_numbers, moved, reassigned_at, reassigned_by FROM "
                           "number_reassignments WHERE campaign_id = ? ORDER BY id"_s,
                           {campaignId});
    while (q.next()) {
        out << Reassignment{q.value(0).toString(), q.value(1).toString().split(u',', Qt::SkipEmptyParts),
                            q.value(2).toLongLong(), Database::readTime(q.value(3)), q.value(4).toString()};
    }
    return out;
}

QList<PoolNumberProgress> NumberPool::progress(const QString &campaignId) const
{
    QList<PoolNumberProgress> out;
    for (const PoolNumber &n : of(campaignId)) {
        out << PoolNumberProgress{n, 0, 0, 0, 0};
    }
    if (out.isEmpty()) {
        return out;
    }
    // The rate comes with the counts, in the same pass over the campaign's rows.
    const QVariant since = m_db.timeValue(m_clock.now().addSecs(-PoolNumberProgress::RateWindowSeconds));
    QSqlQuery q = m_db.run(
        u"SELECT phone_number_id, status, count(*), SUM(CASE WHEN sent_at >= ? THEN 1 ELSE 0 END) "
        "FROM send_queue WHERE campaign_id = ? AND phone_number_id IS NOT NULL GROUP BY phone_number_id, status"_s,
        {since, campaignId});
    while (q.next()) {
        const QString id = q.value(0).toString();
        const QString status = q.value(1).toString();
        const qint64 count = q.value(2).toLongLong();
        for (PoolNumberProgress &p : out) {
            if (p.number.id != id) {
                continue;
            }
            if (status == "sent"_L1) {
                p.sent += count;
                p.sentLastMinute += q.value(3).toLongLong();
            } else if (status == "failed"_L1) {
                p.failed += count;
            } else {
                p.waiting += count;
            }
        }
    }
    return out;
}

NumberPool::Waiting NumberPool::waiting(const QString &campaignId, const QStringList &outNumbers) const
{
    Waiting w;
    if (!outNumbers.isEmpty()) {
        QVariantList values{campaignId};
        for (const QString &n : outNumbers) {
            values << n;
        }
        w.forOut =
            m_db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'ready' AND "
                        "phone_number_id IN (?"_s +
                            u", ?"_s.repeated(int(outNumbers.size()) - 1) + u")"_s,
                        values)
                .toLongLong();
    }
    w.others = m_db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status IN ('ready', "
                           "'processing')"_s,
                           {campaignId})
                   .toLongLong() -
               w.forOut;
    return w;
}

QString NumberPool::describeOut(const QList<PoolNumber> &pool)
{
    QStringList out;
    for (const PoolNumber &n : pool) {
        if (!n.active) {
            out << tr("%1 (%2)").arg(n.id, n.outReasonLine());
        }
    }
    return out.join(u"; "_s);
}

} // namespace herald
