#include "queue/QueueEngine.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/Completion.h"
#include "queue/Counters.h"
#include "queue/NumberPool.h"
#include "queue/OutcomeWriter.h"
#include "queue/QuietHoursQueue.h"
#include "queue/RecipientRegions.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("QueueEngine", text);
}

QString compactJson(const QJsonObject &o)
{
    return o.isEmpty() ? u"{}"_s : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Rows per statement when PostgreSQL enqueues a JSON batch.
constexpr qsizetype kPgEnqueueChunk = 2000;
} // namespace

namespace {
Outcome outcomeFor(const ClaimedMessage &claim, Outcome::Kind kind)
{
    Outcome o;
    o.id = claim.id;
    o.campaignId = claim.campaignId;
    o.claimedBy = claim.claimedBy;
    o.claim = claim.claim;
    o.kind = kind;
    return o;
}
} // namespace

Outcome Outcome::sent(const ClaimedMessage &claim, const QString &wamid)
{
    Outcome o = outcomeFor(claim, Kind::Sent);
    o.wamid = wamid;
    return o;
}

Outcome Outcome::failed(const ClaimedMessage &claim, const QString &reason, const QString &details,
                        std::optional<int> code, const QString &fbtraceId)
{
    Outcome o = outcomeFor(claim, Kind::Failed);
    o.reason = reason;
    o.details = details;
    o.errorCode = code;
    o.fbtraceId = fbtraceId;
    return o;
}

Outcome Outcome::retry(const ClaimedMessage &claim, const QDateTime &at, const QString &reason,
                       const QString &details, std::optional<int> code)
{
    Outcome o = outcomeFor(claim, Kind::Retry);
    o.nextAttemptAt = at;
    o.reason = reason;
    o.details = details;
    o.errorCode = code;
    return o;
}

QueueEngine::QueueEngine(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
    , m_writer(db, clock)
{}

EnqueueResult QueueEngine::enqueue(const QString &campaignId, const QList<Recipient> &recipients)
{
    Transaction tx(m_db);
    CampaignStore store(m_db, m_clock);
    store.lockForAdding(campaignId);
    const Campaign campaign = store.byId(campaignId);
    if (campaign.status == CampaignStatus::Completed || campaign.status == CampaignStatus::Cancelled) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\" is %2: create a new campaign for these contacts.")
                          .arg(campaign.name, CampaignStatusMachine::inSentence(campaign.status)));
    }
    const EnqueueResult result =
        m_db.isPostgres() ? enqueuePostgres(campaignId, recipients) : enqueueSqlite(campaignId, recipients);
    Counters::apply(m_db, campaignId, result.inserted, 0, 0, m_clock);
    tx.commit();
    return result;
}

EnqueueResult QueueEngine::enqueueSqlite(const QString &campaignId, const QList<Recipient> &recipients)
{
    EnqueueResult result;
    const QVariant now = m_db.timeValue(m_clock.now());
    QSqlQuery insert = m_db.prepare(
        u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, updated_at, "
        "region) SELECT ?, ?, ?, ?, ?, 'ready', ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM opt_outs WHERE phone = ?) "
        "ON CONFLICT (campaign_id, phone) DO NOTHING"_s);
    QSqlQuery optedOut = m_db.prepare(u"SELECT 1 FROM opt_outs WHERE phone = ?"_s);
    for (const Recipient &r : recipients) {
        Database::exec(insert, {campaignId, r.phone, Database::textOrNull(r.name), compactJson(r.params),
                                r.sourceLine > 0 ? QVariant(r.sourceLine) : Database::nullInt(), now,
                                RecipientRegions::of(r.phone), r.phone});
        if (insert.numRowsAffected() == 1) {
            ++result.inserted;
            continue;
        }
        Database::exec(optedOut, {r.phone});
        if (optedOut.next()) {
            ++result.optedOut;
        } else {
            ++result.duplicates;
        }
        optedOut.finish();
    }
    return result;
}

EnqueueResult QueueEngine::enqueuePostgres(const QString &campaignId, const QList<Recipient> &recipients)
{
    EnqueueResult result;
    const QVariant now = m_db.timeValue(m_clock.now());
    QSqlQuery insert = m_db.prepare(
        u"WITH v AS (SELECT * FROM jsonb_to_recordset(CAST(? AS jsonb)) "
        "              AS x(p text, n text, a jsonb, l bigint, r text)), "
        "ins AS (INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, "
        "updated_at, region) "
        "        SELECT CAST(? AS uuid), v.p, v.n, COALESCE(v.a, '{}'::jsonb), v.l, 'ready', CAST(? AS "
        "timestamptz), COALESCE(v.r, '') "
        "          FROM v WHERE NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p) "
        "        ON CONFLICT (campaign_id, phone) DO NOTHING RETURNING 1) "
        "SELECT (SELECT count(*) FROM ins), "
        "       (SELECT count(*) FROM v WHERE EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p))"_s);
    for (qsizetype start = 0; start < recipients.size(); start += kPgEnqueueChunk) {
        QJsonArray rows;
        const qsizetype end = std::min(recipients.size(), start + kPgEnqueueChunk);
        for (qsizetype i = start; i < end; ++i) {
            const Recipient &r = recipients.at(i);
            QJsonObject o{{u"p"_s, r.phone}, {u"a"_s, r.params}, {u"r"_s, RecipientRegions::of(r.phone)}};
            if (!r.name.isEmpty()) {
                o.insert(u"n"_s, r.name);
            }
            if (r.sourceLine > 0) {
                o.insert(u"l"_s, r.sourceLine);
            }
            rows.append(o);
        }
        Database::exec(
            insert, {QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)), campaignId, now});
        if (!insert.next()) {
            throw DbError(tr("Queueing recipients returned no result."));
        }
        const qint64 inserted = insert.value(0).toLongLong();
        const qint64 opted = insert.value(1).toLongLong();
        insert.finish();
        result.inserted += inserted;
        result.optedOut += opted;
        result.duplicates += (end - start) - inserted - opted;
    }
    return result;
}

QList<ClaimedMessage> QueueEngine::claim(const QString &campaignId, const QString &workerId, int limit,
                                         const QStringList &outNumbers, const QStringList &pinTo)
{
    QList<ClaimedMessage> out;
    Transaction tx(m_db);
    // The campaign first (Counters::lock): a pause or cancel waits for this claim to commit, and
    // this claim for any outcome of the campaign being recorded. Claims of one campaign take turns;
    // each is one short statement, while the sending happens outside any transaction.
    Counters::lock(m_db, {campaignId});
    QSqlQuery status = m_db.run(u"SELECT status, settings FROM campaigns WHERE id = ?"_s, {campaignId});
    if (!status.next()) {
        throw DbError(DbError::Kind::NotFound, tr("There is no campaign with id %1.").arg(campaignId));
    }
    const bool running = status.value(0).toString() == "running"_L1;
    const QuietHours quietHours =
        QuietHours::fromSettings(QJsonDocument::fromJson(status.value(1).toString().toUtf8()).object());
    status.finish();
    if (!running || limit <= 0) {
        tx.commit();
        return out;
    }
    // Quiet hours: only the countries whose window is open now, the one whose window closes
    // first first; the others wait, ready. One indexed statement per open country, each walking
    // only that country's rows (region_idx), never a sort of every open row.
    QList<std::optional<QString>> passes{std::nullopt};
    if (const auto open = QuietHoursQueue::openRegions(m_db, campaignId, quietHours, m_clock.now())) {
        passes.clear();
        for (const QString &region : *open) {
            passes << region;
        }
    }
    const QVariant now = m_db.timeValue(m_clock.now());
    const QString skipLocked = m_db.isPostgres() ? u" FOR UPDATE SKIP LOCKED"_s : QString();
    for (const std::optional<QString> &region : std::as_const(passes)) {
        const qsizetype wanted = limit - out.size();
        if (wanted <= 0) {
            break;
        }
        QVariantList values{workerId, now, now, campaignId, now};
        if (region) {
            values << *region;
        }
        QString notOut;
        if (!outNumbers.isEmpty()) {
            // A pool's numbers taken out keep their recipients until they are moved.
            notOut = u" AND (phone_number_id IS NULL OR phone_number_id NOT IN (?"_s +
                     u", ?"_s.repeated(int(outNumbers.size()) - 1) + u"))"_s;
            for (const QString &n : outNumbers) {
                values << n;
            }
        }
        values << wanted;
        QSqlQuery q = m_db.run(
            u"UPDATE send_queue SET status = 'processing', claimed_by = ?, claimed_at = ?, attempts "
            u"= attempts + "
            u"1, claim_count = claim_count + 1, "
            "updated_at = ? WHERE id IN (SELECT id FROM send_queue WHERE campaign_id = ? "
            "AND status IN ('ready', 'processing') AND status = 'ready' "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"_s +
                (region ? u" AND region = ?"_s : QString()) + notOut + u" ORDER BY id LIMIT ?"_s +
                skipLocked +
                u") RETURNING id, phone, contact_name, params, attempts, claim_count, phone_number_id"_s,
            values);
        while (q.next()) {
            ClaimedMessage m;
            m.id = q.value(0).toLongLong();
            m.campaignId = campaignId;
            m.phone = q.value(1).toString();
            m.name = q.value(2).toString();
            m.params = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
            m.attempts = q.value(4).toInt();
            m.claimedBy = workerId;
            m.claim = q.value(5).toLongLong();
            m.phoneNumberId = q.value(6).toString();
            out << m;
        }
        q.finish();
    }
    dropOptedOut(campaignId, out);
    NumberPool(m_db, m_clock).pin(pinTo, out);
    tx.commit();
    if (out.isEmpty()) {
        // The seed's first completion scenario: nothing claimable, maybe nothing left. In a
        // transaction of its own, which touches no queue row.
        Transaction done(m_db);
        Completion::completeIfDone(m_db, campaignId, m_clock);
        done.commit();
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return out;
}

void QueueEngine::dropOptedOut(const QString &campaignId, QList<ClaimedMessage> &claimed)
{
    // A phone may opt out after it was queued: it is never sent to. One indexed look-up per
    // claimed batch, instead of a scan of the queue, finds them.
    if (claimed.isEmpty()) {
        return;
    }
    QString placeholders;
    QVariantList phones;
    for (const ClaimedMessage &m : std::as_const(claimed)) {
        placeholders += placeholders.isEmpty() ? u"?"_s : u", ?"_s;
        phones << m.phone;
    }
    QSet<QString> optedOut;
    {
        QSqlQuery q =
            m_db.run(u"SELECT phone FROM opt_outs WHERE phone IN ("_s + placeholders + u')', phones);
        while (q.next()) {
            optedOut.insert(q.value(0).toString());
        }
    }
    if (optedOut.isEmpty()) {
        return;
    }
    QSqlQuery fail =
        m_db.prepare(u"UPDATE send_queue SET status = 'failed', error_code = NULL, error_reason = ?, "
                     "error_details = ?, updated_at = ?, failed_at = ? WHERE id = ? AND status = "
                     "'processing'"_s);
    const QVariant now = m_db.timeValue(m_clock.now());
    const QString details = tr("The recipient is on the opt-out list; the message was not sent.");
    qint64 failed = 0;
    for (auto it = claimed.begin(); it != claimed.end();) {
        if (optedOut.contains(it->phone)) {
            Database::exec(fail, {FailureReason::OptedOut, details, now, now, it->id});
            failed += fail.numRowsAffected();
            it = claimed.erase(it);
        } else {
            ++it;
        }
    }
    Counters::apply(m_db, campaignId, 0, 0, failed, m_clock);
}

RecordResult QueueEngine::record(const QList<Outcome> &outcomes)
{
    RecordResult result;
    if (outcomes.isEmpty()) {
        return result;
    }
    Transaction tx(m_db);
    QStringList campaigns;
    for (const Outcome &o : outcomes) {
        campaigns << o.campaignId;
    }
    Counters::lock(m_db, campaigns);
    const auto tallies = m_writer.write(outcomes, &result.ignored);
    for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
        Counters::apply(m_db, it.key(), 0, it->sent, it->failed, m_clock);
        result.sent += it->sent;
        result.failed += it->failed;
        result.retried += it->retried;
        // The seed's second completion scenario: after a batch.
        if (Completion::completeIfDone(m_db, it.key(), m_clock)) {
            result.completedCampaigns << it.key();
        }
    }
    tx.commit();
    return result;
}

qint64 QueueEngine::recoverExpiredLeases(std::chrono::seconds leaseDuration)
{
    const QDateTime cutoff = m_clock.now().addSecs(-leaseDuration.count());
    return recover(u"claimed_at < ?"_s, {m_db.timeValue(cutoff)},
                   tr("its lease expired (the sender stopped answering)"));
}

qint64 QueueEngine::recoverWorker(const QString &workerId)
{
    return recover(u"claimed_by = ?"_s, {workerId}, tr("sender %1 stopped").arg(workerId));
}

qint64 QueueEngine::recover(const QString &extraCondition, const QVariantList &extraValues,
                            const QString &who)
{
    Transaction tx(m_db);
    QStringList campaigns;
    {
        QSqlQuery q =
            m_db.run(u"SELECT id FROM campaigns WHERE status NOT IN ('draft', 'completed') ORDER BY id"_s);
        while (q.next()) {
            campaigns << q.value(0).toString();
        }
    }
    const QVariant now = m_db.timeValue(m_clock.now());
    const QString details =
        tr("The message was in flight when %1; Meta may or may not have received it. Resend it if it did not "
           "arrive.")
            .arg(who);
    qint64 total = 0;
    const QString held =
        u"campaign_id = ? AND status IN ('ready', 'processing') AND status = 'processing' AND "_s +
        extraCondition;
    for (const QString &id : campaigns) {
        const QVariantList heldValues = QVariantList{id} + extraValues;
        if (!m_db.run(u"SELECT 1 FROM send_queue WHERE "_s + held + u" LIMIT 1"_s, heldValues).next()) {
            continue; // nothing to recover: the campaign's senders are not kept waiting
        }
        Counters::lock(m_db, {id}); // in id order, before its rows
        QSqlQuery q = m_db.run(
            u"UPDATE send_queue SET status = 'failed', error_code = NULL, error_reason = ?, "
            "error_details = ?, fbtrace_id = NULL, next_attempt_at = NULL, updated_at = ?, failed_at = ? "
            "WHERE "_s +
                held,
            QVariantList{FailureReason::Interrupted, details, now, now} + heldValues);
        const qint64 n = q.numRowsAffected();
        if (n > 0) {
            Counters::apply(m_db, id, 0, 0, n, m_clock);
            Completion::completeIfDone(m_db, id, m_clock);
            total += n;
        }
    }
    tx.commit();
    return total;
}

QStringList QueueEngine::workersHolding(const QString &campaignId) const
{
    QSqlQuery q = m_db.run(
        u"SELECT DISTINCT claimed_by FROM send_queue WHERE campaign_id = ? "
        "AND status IN ('ready', 'processing') AND status = 'processing' AND claimed_by IS NOT NULL"_s,
        {campaignId});
    QStringList out;
    while (q.next()) {
        out << q.value(0).toString();
    }
    return out;
}

qint64 QueueEngine::renewLeases(const QString &campaignId, const QString &workerId)
{
    QSqlQuery q =
        m_db.run(u"UPDATE send_queue SET claimed_at = ? WHERE campaign_id = ? "
                 "AND status IN ('ready', 'processing') AND status = 'processing' AND claimed_by = ?"_s,
                 {m_db.timeValue(m_clock.now()), campaignId, workerId});
    return q.numRowsAffected();
}

qint64 QueueEngine::release(const QList<ClaimedMessage> &claims)
{
    if (claims.isEmpty()) {
        return 0;
    }
    Transaction tx(m_db);
    QSqlQuery q =
        m_db.prepare(u"UPDATE send_queue SET status = 'ready', attempts = attempts - 1, claimed_by = NULL, "
                     "claimed_at = NULL, updated_at = ? WHERE id = ? AND claimed_by = ? AND claim_count = ? "
                     "AND status = 'processing'"_s);
    const QVariant now = m_db.timeValue(m_clock.now());
    qint64 n = 0;
    for (const ClaimedMessage &c : claims) {
        Database::exec(q, {now, c.id, c.claimedBy, c.claim});
        n += q.numRowsAffected();
    }
    tx.commit();
    return n;
}

qint64 QueueEngine::resend(const QString &campaignId, const QString &reason)
{
    Transaction tx(m_db);
    Counters::lock(m_db, {campaignId});
    CampaignStore store(m_db, m_clock);
    const Campaign campaign = store.byId(campaignId);
    if (campaign.status == CampaignStatus::Cancelled) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\" is cancelled: nothing can be resent.").arg(campaign.name));
    }
    const bool all = reason.compare("all"_L1, Qt::CaseInsensitive) == 0;
    QVariantList values{m_db.timeValue(m_clock.now()), campaignId};
    QString sql =
        u"UPDATE send_queue SET status = 'ready', attempts = 0, next_attempt_at = NULL, claimed_by = NULL, "
        "claimed_at = NULL, failed_at = NULL, updated_at = ? WHERE campaign_id = ? AND status = 'failed' "
        "AND phone NOT IN (SELECT phone FROM opt_outs) AND phone NOT LIKE 'erased:%'"_s; // Erasure
    if (!all) {
        sql += u" AND error_reason = ?"_s;
        values << reason;
    }
    QSqlQuery q = m_db.run(sql, values);
    const qint64 failed = q.numRowsAffected();
    if (failed > 0) {
        Counters::apply(m_db, campaignId, 0, 0, -failed, m_clock);
    }
    // Late failures: Meta accepted the message (the row stays sent) but reported by webhook that
    // it was never delivered, so sending it again is safe. "all" takes them all, an error code
    // those with that late_error_code. The row loses its old wamid and late failure, and the
    // counters their share of total_sent and total_failed_after_send, in this transaction.
    bool isCode = false;
    const int code = reason.trimmed().toInt(&isCode);
    qint64 late = 0;
    if (all || isCode) {
        QVariantList lateValues{m_db.timeValue(m_clock.now()), campaignId};
        QString lateSql =
            u"UPDATE send_queue SET status = 'ready', attempts = 0, next_attempt_at = NULL, claimed_by = "
            u"NULL, "
            "claimed_at = NULL, wamid = NULL, sent_at = NULL, late_failed_at = NULL, late_error_code = NULL, "
            "late_error_reason = NULL, late_error_details = NULL, updated_at = ? WHERE campaign_id = ? "
            "AND status = 'sent' AND late_failed_at IS NOT NULL AND delivered_at IS NULL AND read_at IS NULL "
            "AND phone NOT IN (SELECT phone FROM opt_outs) AND phone NOT LIKE 'erased:%'"_s;
        if (!all) {
            lateSql += u" AND late_error_code = ?"_s;
            lateValues << code;
        }
        QSqlQuery lq = m_db.run(lateSql, lateValues);
        late = lq.numRowsAffected();
        if (late > 0) {
            Counters::apply(m_db, campaignId, 0, -late, 0, m_clock);
            Counters::applyDelivery(m_db, campaignId, 0, 0, -late, m_clock);
        }
    }
    const qint64 n = failed + late;
    if (n > 0) {
        if (campaign.status == CampaignStatus::Completed) {
            store.transitionInTransaction(
                campaignId, CampaignStatus::Paused,
                QCoreApplication::translate("QueueEngine", "%n message(s) queued again for resending",
                                            nullptr, int(n)));
        }
    }
    tx.commit();
    return n;
}

QDateTime QueueEngine::nextRetryTime(const QString &campaignId) const
{
    QSqlQuery q = m_db.run(u"SELECT MIN(next_attempt_at) FROM send_queue WHERE campaign_id = ? AND status IN "
                           u"('ready', 'processing') "
                           "AND status = 'ready' AND next_attempt_at IS NOT NULL"_s,
                           {campaignId});
    return q.next() ? Database::readTime(q.value(0)) : QDateTime();
}

} // namespace herald
