#include "webhook/DeliveryWriter.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "queue/Completion.h"
#include "queue/Counters.h"
#include "queue/QueueTypes.h"
#include "webhook/CallbackData.h"
#include "webhook/ParkedEvents.h"

#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace herald {

DeliveryResult &DeliveryResult::operator+=(const DeliveryResult &o)
{
    received += o.received;
    changed += o.changed;
    unchanged += o.unchanged;
    reconciled += o.reconciled;
    parked += o.parked;
    resolved += o.resolved;
    return *this;
}

namespace {

struct CampaignDelta
{
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 delivered = 0;
    qint64 read = 0;
    qint64 failedAfterSend = 0;
    bool checkCompletion = false;
};

struct SourceTally
{
    QString wabaId;
    qint64 statuses = 0;
    qint64 matched = 0;
    qint64 parked = 0;
};

struct RowState
{
    qint64 id = 0;
    QString campaignId;
    QDateTime delivered;
    QDateTime read;
    QDateTime lateFailed;
};

enum class Verdict { Changed, Unchanged, Unmatched };

// Each message's callbacks in the order they happened; equal times in the status order.
bool appliesBefore(const StatusUpdate &a, const StatusUpdate &b)
{
    if (a.wamid != b.wamid) {
        return a.wamid < b.wamid;
    }
    if (a.timestamp != b.timestamp) {
        return a.timestamp < b.timestamp;
    }
    return a.status < b.status;
}

// One transaction's work: the rows it changes and what the counters owe for them.
class Batch
{
public:
    Batch(Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
        , m_now(clock.now())
        , m_lock(db.isPostgres() ? u" FOR UPDATE"_s : QString())
    {}

    // Applies one callback; Unmatched leaves it to the caller (park or keep parked), with why.
    Verdict apply(const StatusUpdate &u, bool *reconciled, QString *why);
    // The counters, campaign by campaign in id order (the order every writer locks them in).
    void flush();
    const QDateTime &now() const { return m_now; }

private:
    std::optional<RowState> findSent(const StatusUpdate &u, const std::optional<CallbackData> &data);
    std::optional<RowState> reconcile(const StatusUpdate &u, const CallbackData &data, QString *why);
    Verdict applyToRow(const RowState &row, const StatusUpdate &u);
    qint64 run(const QString &sql, const QVariantList &values)
    {
        return m_db.run(sql, values).numRowsAffected();
    }

    Database &m_db;
    const Clock &m_clock;
    const QDateTime m_now;
    const QString m_lock;
    QMap<QString, CampaignDelta> m_deltas;
};

std::optional<RowState> Batch::findSent(const StatusUpdate &u, const std::optional<CallbackData> &data)
{
    QSqlQuery q = m_db.run(u"SELECT id, campaign_id, delivered_at, read_at, late_failed_at FROM send_queue "
                           "WHERE wamid = ? AND status = 'sent' ORDER BY id DESC"_s +
                               m_lock,
                           {u.wamid});
    std::optional<RowState> chosen;
    while (q.next()) {
        RowState r{q.value(0).toLongLong(), q.value(1).toString(), Database::readTime(q.value(2)),
                   Database::readTime(q.value(3)), Database::readTime(q.value(4))};
        // Meta's ids are unique; a database holding one twice (copies, tests) prefers the row
        // the callback data names, else the newest.
        if (!chosen || (data && data->rowId == r.id)) {
            chosen = r;
        }
    }
    return chosen;
}

std::optional<RowState> Batch::reconcile(const StatusUpdate &u, const CallbackData &data, QString *why)
{
    QSqlQuery q = m_db.run(
        u"SELECT status, claim_count, error_reason FROM send_queue WHERE id = ? AND campaign_id = ?"_s +
            m_lock,
        {data.rowId, data.campaignId});
    if (!q.next()) {
        *why = u"no queue row %1 in campaign %2"_s.arg(data.rowId).arg(data.campaignId);
        return std::nullopt;
    }
    const QString status = q.value(0).toString();
    const qint64 claim = q.value(1).toLongLong();
    const QString reason = q.value(2).toString();
    q.finish();
    if (claim != data.claim) {
        *why = u"row %1 was claimed again (claim %2, the callback's %3)"_s.arg(data.rowId)
                   .arg(claim)
                   .arg(data.claim);
        return std::nullopt;
    }
    const bool lost = reason == FailureReason::NoResponse || reason == FailureReason::Interrupted;
    if (!((status == "failed"_L1 || status == "ready"_L1) && lost)) {
        *why = u"row %1 is %2 (%3), not a lost answer"_s.arg(data.rowId).arg(status, reason);
        return std::nullopt;
    }
    const QVariant now = m_db.timeValue(m_now);
    const qint64 n = run(u"UPDATE send_queue SET status = 'sent', wamid = ?, sent_at = ?, updated_at = ?, "
                         "next_attempt_at = NULL, claimed_by = NULL, claimed_at = NULL, error_code = NULL, "
                         "error_reason = NULL, error_details = NULL, fbtrace_id = NULL, failed_at = NULL "
                         "WHERE id = ? AND campaign_id = ? AND status = ? AND claim_count = ? "
                         "AND error_reason IN (?, ?)"_s,
                         {u.wamid, now, now, data.rowId, data.campaignId, status, data.claim,
                          FailureReason::NoResponse, FailureReason::Interrupted});
    if (n != 1) {
        *why = u"row %1 changed meanwhile"_s.arg(data.rowId);
        return std::nullopt;
    }
    CampaignDelta &d = m_deltas[data.campaignId];
    d.sent += 1;
    if (status == "failed"_L1) {
        d.failed -= 1;
    } else {
        d.checkCompletion = true; // it may have been the last one waiting
    }
    return RowState{data.rowId, data.campaignId, {}, {}, {}};
}

Verdict Batch::applyToRow(const RowState &row, const StatusUpdate &u)
{
    const QVariant t = m_db.timeValue(u.timestamp);
    const QVariant now = m_db.timeValue(m_now);
    CampaignDelta &d = m_deltas[row.campaignId];
    qint64 changed = 0;
    const auto deliveredAt = [&] {
        if (!row.delivered.isValid()) {
            const qint64 n = run(u"UPDATE send_queue SET delivered_at = ?, updated_at = ? WHERE id = ? "
                                 "AND delivered_at IS NULL AND late_failed_at IS NULL"_s,
                                 {t, now, row.id});
            d.delivered += n;
            changed += n;
        } else if (u.timestamp < row.delivered) {
            changed += run(
                u"UPDATE send_queue SET delivered_at = ?, updated_at = ? WHERE id = ? AND delivered_at > ?"_s,
                {t, now, row.id, t});
        }
    };
    switch (u.status) {
    case DeliveryStatus::Sent:
        break;
    case DeliveryStatus::Delivered:
        if (!row.lateFailed.isValid()) {
            deliveredAt();
        }
        break;
    case DeliveryStatus::Read:
        if (row.lateFailed.isValid()) {
            break;
        }
        if (!row.read.isValid()) {
            const qint64 n = run(u"UPDATE send_queue SET read_at = ?, updated_at = ? WHERE id = ? "
                                 "AND read_at IS NULL AND late_failed_at IS NULL"_s,
                                 {t, now, row.id});
            d.read += n;
            changed += n;
        } else if (u.timestamp < row.read) {
            changed +=
                run(u"UPDATE send_queue SET read_at = ?, updated_at = ? WHERE id = ? AND read_at > ?"_s,
                    {t, now, row.id, t});
        }
        deliveredAt(); // read means delivered, at the latest then
        break;
    case DeliveryStatus::Failed: {
        if (row.delivered.isValid() || row.read.isValid() || row.lateFailed.isValid()) {
            break;
        }
        const WebhookError e = u.errors.value(0);
        const QString reason = e.code ? QString::number(*e.code) : u"unknown"_s;
        const QString details = !e.details.isEmpty() ? e.details : !e.message.isEmpty() ? e.message : e.title;
        const qint64 n =
            run(u"UPDATE send_queue SET late_failed_at = ?, late_error_code = ?, late_error_reason = ?, "
                "late_error_details = ?, updated_at = ? WHERE id = ? AND late_failed_at IS NULL "
                "AND delivered_at IS NULL AND read_at IS NULL"_s,
                {t, e.code ? QVariant(*e.code) : Database::nullInt(), reason, Database::textOrNull(details),
                 now, row.id});
        d.failedAfterSend += n;
        changed += n;
        break;
    }
    }
    return changed > 0 ? Verdict::Changed : Verdict::Unchanged;
}

Verdict Batch::apply(const StatusUpdate &u, bool *reconciled, QString *why)
{
    *reconciled = false;
    const auto data = CallbackData::parse(u.bizOpaqueCallbackData);
    std::optional<RowState> row = findSent(u, data);
    if (!row) {
        if (!data) {
            *why = u"no sent message has this id"_s;
            return Verdict::Unmatched;
        }
        if (u.status == DeliveryStatus::Failed) {
            *why = u"no sent message has this id; a failure does not reconcile a row"_s;
            return Verdict::Unmatched;
        }
        row = reconcile(u, *data, why);
        if (!row) {
            return Verdict::Unmatched;
        }
        *reconciled = true;
    }
    const Verdict v = applyToRow(*row, u);
    return *reconciled ? Verdict::Changed : v;
}

void Batch::flush()
{
    for (auto it = m_deltas.cbegin(); it != m_deltas.cend(); ++it) {
        const CampaignDelta &d = it.value();
        Counters::apply(m_db, it.key(), 0, d.sent, d.failed, m_clock);
        Counters::applyDelivery(m_db, it.key(), d.delivered, d.read, d.failedAfterSend, m_clock);
        if (d.checkCompletion) {
            Completion::completeIfDone(m_db, it.key(), m_clock);
        }
    }
    m_deltas.clear();
}

// Callbacks without metadata.phone_number_id (not Meta's shape, but accepted) are counted under
// a key of their own; an empty one would travel as NULL.
QString sourceKey(const QString &phoneNumberId)
{
    return phoneNumberId.isEmpty() ? u"(none)"_s : phoneNumberId;
}

void countVerdict(DeliveryResult &r, Verdict v, bool reconciled)
{
    r.reconciled += reconciled ? 1 : 0;
    r.changed += v == Verdict::Changed ? 1 : 0;
    r.unchanged += v == Verdict::Unchanged ? 1 : 0;
    r.parked += v == Verdict::Unmatched ? 1 : 0;
}

} // namespace

DeliveryWriter::DeliveryWriter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

DeliveryResult DeliveryWriter::write(const QList<StatusUpdate> &updates)
{
    DeliveryResult result;
    if (updates.isEmpty()) {
        return result;
    }
    QList<StatusUpdate> ordered = updates;
    std::stable_sort(ordered.begin(), ordered.end(), appliesBefore);
    {
        Transaction tx(m_db);
        Batch batch(m_db, m_clock);
        ParkedEvents parked(m_db);
        QMap<QString, SourceTally> sources;
        for (const StatusUpdate &u : std::as_const(ordered)) {
            bool reconciled = false;
            QString why;
            // A row's state is read again for every callback, so a batch holding several of one
            // message applies them one after another.
            const Verdict v = batch.apply(u, &reconciled, &why);
            if (v == Verdict::Unmatched) {
                parked.park(u, why, batch.now());
            }
            countVerdict(result, v, reconciled);
            SourceTally &s = sources[u.phoneNumberId];
            s.wabaId = u.wabaId;
            s.statuses += 1;
            s.matched += v == Verdict::Unmatched ? 0 : 1;
            s.parked += v == Verdict::Unmatched ? 1 : 0;
        }
        batch.flush();
        const QVariant now = m_db.timeValue(batch.now());
        for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
            m_db.run(u"INSERT INTO webhook_sources (phone_number_id, waba_id, first_callback_at, "
                     u"last_callback_at, "
                     "statuses, applied, parked) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (phone_number_id) "
                     "DO UPDATE "
                     "SET waba_id = excluded.waba_id, last_callback_at = excluded.last_callback_at, "
                     "statuses = webhook_sources.statuses + excluded.statuses, "
                     "applied = webhook_sources.applied + excluded.applied, "
                     "parked = webhook_sources.parked + excluded.parked"_s,
                     {sourceKey(it.key()), Database::textOrNull(it->wabaId), now, now, it->statuses,
                      it->matched, it->parked});
        }
        tx.commit();
    }
    result.received = updates.size();
    // Rows this batch (or a sender, since the last batch) made sent may be what parked callbacks
    // were waiting for.
    result.resolved += retryParked().resolved;
    return result;
}

DeliveryResult DeliveryWriter::retryParked(int limit)
{
    DeliveryResult result;
    Transaction tx(m_db);
    ParkedEvents parked(m_db);
    QList<ParkedEvents::Parked> candidates = parked.resolvable(limit);
    if (candidates.isEmpty()) {
        return result;
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const ParkedEvents::Parked &a, const ParkedEvents::Parked &b) {
                         return appliesBefore(a.update, b.update);
                     });
    Batch batch(m_db, m_clock);
    for (const ParkedEvents::Parked &p : std::as_const(candidates)) {
        bool reconciled = false;
        QString why;
        const Verdict v = batch.apply(p.update, &reconciled, &why);
        if (v == Verdict::Unmatched) {
            parked.setReason(p.id, why);
        } else {
            parked.resolve(p.id, batch.now());
            result.resolved += 1;
        }
        countVerdict(result, v, reconciled);
    }
    result.received = candidates.size();
    batch.flush();
    tx.commit();
    return result;
}

} // namespace herald
