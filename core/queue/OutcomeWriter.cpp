#include "queue/OutcomeWriter.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString kindName(Outcome::Kind k)
{
    switch (k) {
    case Outcome::Kind::Sent:
        return u"sent"_s;
    case Outcome::Kind::Failed:
        return u"failed"_s;
    case Outcome::Kind::Retry:
        return u"retry"_s;
    }
    return {};
}

QVariant codeValue(const Outcome &o)
{
    return o.errorCode ? QVariant(qlonglong(*o.errorCode)) : Database::nullInt();
}

void count(OutcomeWriter::Tally &t, Outcome::Kind k, qint64 n)
{
    switch (k) {
    case Outcome::Kind::Sent:
        t.sent += n;
        break;
    case Outcome::Kind::Failed:
        t.failed += n;
        break;
    case Outcome::Kind::Retry:
        t.retried += n;
        break;
    }
}
} // namespace

OutcomeWriter::OutcomeWriter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QHash<QString, OutcomeWriter::Tally> OutcomeWriter::write(const QList<Outcome> &outcomes, qint64 *ignored)
{
    *ignored = 0;
    if (outcomes.isEmpty()) {
        return {};
    }
    auto tallies = m_db.isPostgres() ? writePostgres(outcomes, ignored) : writeSqlite(outcomes, ignored);
    const QVariant now = m_db.timeValue(m_clock.now());
    for (const Outcome &o : outcomes) {
        if (o.optOut && !o.phone.isEmpty()) {
            m_db.run(u"INSERT INTO opt_outs (phone, source, reason, created_at) VALUES (?, 'api', ?, ?) "
                     "ON CONFLICT (phone) DO NOTHING"_s,
                     {o.phone, Database::textOrNull(o.reason), now});
        }
    }
    return tallies;
}

QSqlQuery &OutcomeWriter::statement(std::optional<QSqlQuery> &slot, const QString &sql)
{
    if (!slot) {
        slot.emplace(m_db.prepare(sql));
    }
    return *slot;
}

QHash<QString, OutcomeWriter::Tally> OutcomeWriter::writeSqlite(const QList<Outcome> &outcomes,
                                                                qint64 *ignored)
{
    const QVariant now = m_db.timeValue(m_clock.now());
    QSqlQuery sent =
        m_db.prepare(u"UPDATE send_queue SET status = 'sent', wamid = ?, sent_at = ?, updated_at = ?, "
                     u"next_attempt_at = NULL, "
                     "error_code = NULL, error_reason = NULL, error_details = NULL, fbtrace_id = NULL "
                     "WHERE id = ? AND campaign_id = ? AND status = 'processing' AND claimed_by = ? "
                     "AND claim_count = ?"_s);
    QSqlQuery &failed = statement(
        m_failed,
        u"UPDATE send_queue SET status = 'failed', error_code = ?, error_reason = ?, error_details = ?, "
        "fbtrace_id = ?, updated_at = ?, failed_at = ?, next_attempt_at = NULL "
        "WHERE id = ? AND campaign_id = ? AND status = 'processing' AND claimed_by = ? AND claim_count = ?"_s);
    QSqlQuery &retry = statement(
        m_retry,
        u"UPDATE send_queue SET status = 'ready', next_attempt_at = ?, error_code = ?, error_reason = ?, "
        "error_details = ?, fbtrace_id = ?, claimed_by = NULL, claimed_at = NULL, updated_at = ? "
        "WHERE id = ? AND campaign_id = ? AND status = 'processing' AND claimed_by = ? AND claim_count = ?"_s);

    QHash<QString, Tally> tallies;
    for (const Outcome &o : outcomes) {
        QSqlQuery *q = nullptr;
        switch (o.kind) {
        case Outcome::Kind::Sent:
            q = &sent;
            Database::exec(*q, {o.wamid, now, now, o.id, o.campaignId, o.claimedBy, o.claim});
            break;
        case Outcome::Kind::Failed:
            q = &failed;
            Database::exec(*q, {codeValue(o), Database::textOrNull(o.reason), Database::textOrNull(o.details),
                                Database::textOrNull(o.fbtraceId), now, now, o.id, o.campaignId, o.claimedBy,
                                o.claim});
            break;
        case Outcome::Kind::Retry:
            q = &retry;
            Database::exec(*q, {m_db.timeValue(o.nextAttemptAt), codeValue(o), Database::textOrNull(o.reason),
                                Database::textOrNull(o.details), Database::textOrNull(o.fbtraceId), now, o.id,
                                o.campaignId, o.claimedBy, o.claim});
            break;
        }
        if (q->numRowsAffected() == 1) {
            count(tallies[o.campaignId], o.kind, 1);
        } else {
            ++*ignored;
        }
    }
    return tallies;
}

QHash<QString, OutcomeWriter::Tally> OutcomeWriter::writePostgres(const QList<Outcome> &outcomes,
                                                                  qint64 *ignored)
{
    QJsonArray rows;
    for (const Outcome &o : outcomes) {
        QJsonObject r{{u"id"_s, o.id},
                      {u"c"_s, o.campaignId},
                      {u"k"_s, kindName(o.kind)},
                      {u"b"_s, o.claimedBy},
                      {u"s"_s, o.claim}};
        if (!o.wamid.isEmpty()) {
            r.insert(u"w"_s, o.wamid);
        }
        if (o.errorCode) {
            r.insert(u"ec"_s, *o.errorCode);
        }
        if (!o.reason.isEmpty()) {
            r.insert(u"r"_s, o.reason);
        }
        if (!o.details.isEmpty()) {
            r.insert(u"d"_s, o.details);
        }
        if (!o.fbtraceId.isEmpty()) {
            r.insert(u"f"_s, o.fbtraceId);
        }
        if (o.kind == Outcome::Kind::Retry && o.nextAttemptAt.isValid()) {
            r.insert(u"n"_s, o.nextAttemptAt.toUTC().toString(Qt::ISODateWithMs));
        }
        rows.append(r);
    }
    const QVariant now = m_db.timeValue(m_clock.now());
    QSqlQuery q = m_db.run(
        u"WITH v AS (SELECT * FROM jsonb_to_recordset(CAST(? AS jsonb)) "
        "              AS x(id bigint, c uuid, k text, w text, ec integer, r text, d text, f text, "
        "n timestamptz, b text, s bigint)), "
        "u AS (UPDATE send_queue s SET "
        "        status = CASE v.k WHEN 'retry' THEN 'ready' ELSE v.k END, "
        "        wamid = CASE WHEN v.k = 'sent' THEN v.w ELSE s.wamid END, "
        "        sent_at = CASE WHEN v.k = 'sent' THEN CAST(? AS timestamptz) ELSE s.sent_at END, "
        "        next_attempt_at = CASE WHEN v.k = 'retry' THEN v.n ELSE NULL END, "
        "        error_code = CASE WHEN v.k = 'sent' THEN NULL ELSE v.ec END, "
        "        error_reason = CASE WHEN v.k = 'sent' THEN NULL ELSE v.r END, "
        "        error_details = CASE WHEN v.k = 'sent' THEN NULL ELSE v.d END, "
        "        fbtrace_id = CASE WHEN v.k = 'sent' THEN NULL ELSE v.f END, "
        "        claimed_by = CASE WHEN v.k = 'retry' THEN NULL ELSE s.claimed_by END, "
        "        claimed_at = CASE WHEN v.k = 'retry' THEN NULL ELSE s.claimed_at END, "
        "        failed_at = CASE WHEN v.k = 'failed' THEN CAST(? AS timestamptz) ELSE s.failed_at END, "
        "        updated_at = CAST(? AS timestamptz) "
        "      FROM v WHERE s.id = v.id AND s.campaign_id = v.c AND s.status = 'processing' "
        "        AND s.claimed_by = v.b AND s.claim_count = v.s "
        "      RETURNING s.campaign_id, v.k) "
        "SELECT campaign_id::text, k, count(*) FROM u GROUP BY 1, 2"_s,
        {QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)), now, now, now});
    QHash<QString, Tally> tallies;
    qint64 changed = 0;
    while (q.next()) {
        const QString k = q.value(1).toString();
        const qint64 n = q.value(2).toLongLong();
        const Outcome::Kind kind = k == "sent"_L1     ? Outcome::Kind::Sent
                                   : k == "failed"_L1 ? Outcome::Kind::Failed
                                                      : Outcome::Kind::Retry;
        count(tallies[q.value(0).toString()], kind, n);
        changed += n;
    }
    q.finish();
    *ignored = outcomes.size() - changed;
    return tallies;
}

} // namespace herald
