#include "webhook/DeliveryWriter.h"

#include "cloudapi/ErrorPolicy.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "optout/OptOutStore.h"
#include "queue/Completion.h"
#include "queue/Counters.h"
#include "queue/QueueTypes.h"
#include "webhook/CallbackData.h"
#include "webhook/ParkedEvents.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
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

// A sent row as the batch knows it: read once, changed in memory by each of its callbacks in
// turn, written once at the end of the batch.
struct RowState
{
    qint64 id = 0;
    QString campaignId;
    QString phone;
    QDateTime delivered;
    QDateTime read;
    QDateTime lateFailed;
    std::optional<int> lateCode;
    QString lateReason;
    QString lateDetails;
    bool dirty = false;
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

QString jsonTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// One transaction's work. The sent rows its callbacks name are read in one statement (locked,
// in id order, on PostgreSQL), each callback changes its row in memory, and the changed rows are
// written back in one statement (PostgreSQL) or one prepared statement each (SQLite, in
// process), with what the counters owe for them: a batch costs a few round trips, not several
// per callback.
class Batch
{
public:
    Batch(Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
        , m_now(clock.now())
    {}

    // Reads the sent rows with these messages' ids.
    void load(const QList<StatusUpdate> &updates);
    // Applies one callback; Unmatched leaves it to the caller (park or keep parked), with why.
    Verdict apply(const StatusUpdate &u, bool *reconciled, QString *why);
    // Writes the changed rows, then the counters, campaign by campaign in id order (the order
    // every writer locks them in).
    void flush();
    const QDateTime &now() const { return m_now; }

private:
    RowState *findSent(const StatusUpdate &u, const std::optional<CallbackData> &data);
    RowState *reconcile(const StatusUpdate &u, const CallbackData &data, QString *why);
    bool applyToRow(RowState &row, const StatusUpdate &u);
    void writeRows();

    Database &m_db;
    const Clock &m_clock;
    const QDateTime m_now;
    QHash<qint64, RowState> m_rows;          // by queue row id
    QHash<QString, QList<qint64>> m_byWamid; // sent rows with that id, oldest first
    QMap<QString, CampaignDelta> m_deltas;
    QStringList m_optOuts; // phones of late 131050 failures
};

void Batch::load(const QList<StatusUpdate> &updates)
{
    QJsonArray wamids;
    QSet<QString> seen;
    QStringList campaigns; // those the callback data names, for reconciliation
    for (const StatusUpdate &u : updates) {
        if (!u.wamid.isEmpty() && !seen.contains(u.wamid)) {
            seen.insert(u.wamid);
            wamids.append(u.wamid);
        }
        if (const auto data = CallbackData::parse(u.bizOpaqueCallbackData)) {
            campaigns << data->campaignId;
        }
    }
    if (wamids.isEmpty()) {
        Counters::lock(m_db, campaigns);
        return;
    }
    const QString ids = m_db.isPostgres() ? u"SELECT jsonb_array_elements_text(CAST(? AS jsonb))"_s
                                          : u"SELECT value FROM json_each(?)"_s;
    const QString wamidJson = QString::fromUtf8(QJsonDocument(wamids).toJson(QJsonDocument::Compact));
    QString onlyLocked;
    QVariantList values{wamidJson};
    if (m_db.isPostgres()) {
        // The campaigns before their rows (Counters::lock). Which rows match may change between
        // this read and the locked one (a sender marks one sent meanwhile), so the locked read
        // takes only rows of the campaigns locked here; a row of another campaign stays
        // unmatched this time, and its callback is parked and tried again.
        QSqlQuery q =
            m_db.run(u"SELECT DISTINCT campaign_id FROM send_queue WHERE status = 'sent' AND wamid IN ("_s +
                         ids + u')',
                     {wamidJson});
        while (q.next()) {
            campaigns << q.value(0).toString();
        }
        q.finish();
        campaigns.removeDuplicates();
        Counters::lock(m_db, campaigns);
        onlyLocked = u" AND campaign_id IN (SELECT CAST(c AS uuid) FROM jsonb_array_elements_text(CAST(? AS "
                     u"jsonb)) AS c)"_s;
        values << QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(campaigns)).toJson(QJsonDocument::Compact));
    }
    QSqlQuery q = m_db.run(u"SELECT id, campaign_id, wamid, delivered_at, read_at, late_failed_at, "
                           "late_error_code, late_error_reason, late_error_details, phone FROM send_queue "
                           "WHERE status = 'sent' AND wamid IN ("_s +
                               ids + u')' + onlyLocked + u" ORDER BY id"_s +
                               (m_db.isPostgres() ? u" FOR UPDATE"_s : QString()),
                           values);
    while (q.next()) {
        RowState r;
        r.id = q.value(0).toLongLong();
        r.campaignId = q.value(1).toString();
        r.delivered = Database::readTime(q.value(3));
        r.read = Database::readTime(q.value(4));
        r.lateFailed = Database::readTime(q.value(5));
        if (!q.value(6).isNull()) {
            r.lateCode = q.value(6).toInt();
        }
        r.lateReason = q.value(7).toString();
        r.lateDetails = q.value(8).toString();
        r.phone = q.value(9).toString();
        m_byWamid[q.value(2).toString()].append(r.id);
        m_rows.insert(r.id, r);
    }
}

RowState *Batch::findSent(const StatusUpdate &u, const std::optional<CallbackData> &data)
{
    const QList<qint64> ids = m_byWamid.value(u.wamid);
    if (ids.isEmpty()) {
        return nullptr;
    }
    // Meta's ids are unique; a database holding one twice (copies, tests) prefers the row the
    // callback data names, else the newest.
    qint64 chosen = ids.last();
    if (data && ids.contains(data->rowId)) {
        chosen = data->rowId;
    }
    return &m_rows[chosen];
}

RowState *Batch::reconcile(const StatusUpdate &u, const CallbackData &data, QString *why)
{
    QSqlQuery q = m_db.run(
        u"SELECT status, claim_count, error_reason FROM send_queue WHERE id = ? AND campaign_id = ?"_s +
            (m_db.isPostgres() ? u" FOR UPDATE"_s : QString()),
        {data.rowId, data.campaignId});
    if (!q.next()) {
        *why = u"no queue row %1 in campaign %2"_s.arg(data.rowId).arg(data.campaignId);
        return nullptr;
    }
    const QString status = q.value(0).toString();
    const qint64 claim = q.value(1).toLongLong();
    const QString reason = q.value(2).toString();
    q.finish();
    if (claim != data.claim) {
        *why = u"row %1 was claimed again (claim %2, the callback's %3)"_s.arg(data.rowId)
                   .arg(claim)
                   .arg(data.claim);
        return nullptr;
    }
    const bool lost = reason == FailureReason::NoResponse || reason == FailureReason::Interrupted;
    if (!((status == "failed"_L1 || status == "ready"_L1) && lost)) {
        *why = u"row %1 is %2 (%3), not a lost answer"_s.arg(data.rowId).arg(status, reason);
        return nullptr;
    }
    const QVariant now = m_db.timeValue(m_now);
    const qint64 n =
        m_db.run(u"UPDATE send_queue SET status = 'sent', wamid = ?, sent_at = ?, updated_at = ?, "
                 "next_attempt_at = NULL, claimed_by = NULL, claimed_at = NULL, error_code = NULL, "
                 "error_reason = NULL, error_details = NULL, fbtrace_id = NULL, failed_at = NULL "
                 "WHERE id = ? AND campaign_id = ? AND status = ? AND claim_count = ? "
                 "AND error_reason IN (?, ?)"_s,
                 {u.wamid, now, now, data.rowId, data.campaignId, status, data.claim,
                  FailureReason::NoResponse, FailureReason::Interrupted})
            .numRowsAffected();
    if (n != 1) {
        *why = u"row %1 changed meanwhile"_s.arg(data.rowId);
        return nullptr;
    }
    CampaignDelta &d = m_deltas[data.campaignId];
    d.sent += 1;
    if (status == "failed"_L1) {
        d.failed -= 1;
    } else {
        d.checkCompletion = true; // it may have been the last one waiting
    }
    RowState r;
    r.id = data.rowId;
    r.campaignId = data.campaignId;
    m_byWamid[u.wamid].append(r.id);
    return &(m_rows[r.id] = r);
}

// The row's state only moves forward; true when this callback moved it.
bool Batch::applyToRow(RowState &row, const StatusUpdate &u)
{
    CampaignDelta &d = m_deltas[row.campaignId];
    bool changed = false;
    // The earliest time Meta reported wins; a first one counts.
    const auto advance = [&](QDateTime &at, qint64 &count) {
        if (!at.isValid()) {
            at = u.timestamp;
            count += 1;
            changed = true;
        } else if (u.timestamp < at) {
            at = u.timestamp;
            changed = true;
        }
    };
    switch (u.status) {
    case DeliveryStatus::Sent:
        break;
    case DeliveryStatus::Delivered:
        if (!row.lateFailed.isValid()) {
            advance(row.delivered, d.delivered);
        }
        break;
    case DeliveryStatus::Read:
        if (!row.lateFailed.isValid()) {
            advance(row.read, d.read);
            advance(row.delivered, d.delivered); // read means delivered, at the latest then
        }
        break;
    case DeliveryStatus::Failed: {
        if (row.delivered.isValid() || row.read.isValid() || row.lateFailed.isValid()) {
            break;
        }
        const WebhookError e = u.errors.value(0);
        row.lateFailed = u.timestamp;
        row.lateCode = e.code;
        row.lateReason = e.code ? QString::number(*e.code) : u"unknown"_s;
        row.lateDetails = !e.details.isEmpty() ? e.details : !e.message.isEmpty() ? e.message : e.title;
        d.failedAfterSend += 1;
        changed = true;
        // 131050 (the person stopped marketing messages) means the same late as in a send's answer.
        if (e.code && ErrorPolicy::forCode(*e.code).action == ErrorAction::PermanentOptOut &&
            !row.phone.isEmpty()) {
            m_optOuts << row.phone;
        }
        break;
    }
    }
    row.dirty = row.dirty || changed;
    return changed;
}

Verdict Batch::apply(const StatusUpdate &u, bool *reconciled, QString *why)
{
    *reconciled = false;
    const auto data = CallbackData::parse(u.bizOpaqueCallbackData);
    RowState *row = findSent(u, data);
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
    const bool changed = applyToRow(*row, u);
    return *reconciled || changed ? Verdict::Changed : Verdict::Unchanged;
}

void Batch::writeRows()
{
    QList<const RowState *> dirty;
    for (const RowState &r : std::as_const(m_rows)) {
        if (r.dirty) {
            dirty << &r;
        }
    }
    if (dirty.isEmpty()) {
        return;
    }
    std::sort(dirty.begin(), dirty.end(), [](const RowState *a, const RowState *b) { return a->id < b->id; });
    const QVariant now = m_db.timeValue(m_now);
    if (m_db.isPostgres()) {
        QJsonArray rows;
        for (const RowState *r : std::as_const(dirty)) {
            QJsonObject o{{u"id"_s, r->id}};
            const auto put = [&o](const QString &key, const QDateTime &t) {
                if (t.isValid()) {
                    o.insert(key, jsonTime(t));
                }
            };
            put(u"d"_s, r->delivered);
            put(u"r"_s, r->read);
            put(u"lf"_s, r->lateFailed);
            if (r->lateCode) {
                o.insert(u"ec"_s, *r->lateCode);
            }
            if (r->lateFailed.isValid()) {
                o.insert(u"lr"_s, r->lateReason);
                if (!r->lateDetails.isEmpty()) {
                    o.insert(u"ld"_s, r->lateDetails);
                }
            }
            rows.append(o);
        }
        m_db.run(
            u"UPDATE send_queue s SET delivered_at = v.d, read_at = v.r, late_failed_at = v.lf, "
            "late_error_code = v.ec, late_error_reason = v.lr, late_error_details = v.ld, "
            "updated_at = CAST(? AS timestamptz) FROM jsonb_to_recordset(CAST(? AS jsonb)) "
            "AS v(id bigint, d timestamptz, r timestamptz, lf timestamptz, ec integer, lr text, ld text) "
            "WHERE s.id = v.id"_s,
            {now, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
        return;
    }
    QSqlQuery q = m_db.prepare(u"UPDATE send_queue SET delivered_at = ?, read_at = ?, late_failed_at = ?, "
                               "late_error_code = ?, late_error_reason = ?, late_error_details = ?, "
                               "updated_at = ? WHERE id = ?"_s);
    for (const RowState *r : std::as_const(dirty)) {
        const bool late = r->lateFailed.isValid();
        Database::exec(q,
                       {m_db.timeValue(r->delivered), m_db.timeValue(r->read), m_db.timeValue(r->lateFailed),
                        r->lateCode ? QVariant(*r->lateCode) : Database::nullInt(),
                        late ? QVariant(r->lateReason) : Database::nullString(),
                        late ? Database::textOrNull(r->lateDetails) : Database::nullString(), now, r->id});
    }
}

void Batch::flush()
{
    writeRows();
    OptOutStore optOuts(m_db, m_clock);
    for (const QString &phone : std::as_const(m_optOuts)) {
        optOuts.add(phone, OptOutStore::Source::Api, u"131050 (delivery tracking)"_s);
    }
    m_optOuts.clear();
    for (auto it = m_deltas.cbegin(); it != m_deltas.cend(); ++it) {
        const CampaignDelta &d = it.value();
        Counters::apply(m_db, it.key(), 0, d.sent, d.failed, m_clock);
        Counters::applyDelivery(m_db, it.key(), d.delivered, d.read, d.failedAfterSend, m_clock);
        if (d.checkCompletion) {
            Completion::completeIfDone(m_db, it.key(), m_clock);
        }
    }
    m_deltas.clear();
    m_rows.clear();
    m_byWamid.clear();
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
        batch.load(ordered);
        for (const StatusUpdate &u : std::as_const(ordered)) {
            bool reconciled = false;
            QString why;
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
    // Rows this batch reconciled may be what parked callbacks were waiting for (a late failure
    // that came before the sent callback). Rows a sender made sent are the receiver's timer's
    // to find: looking after every batch would cost a query per batch for nothing.
    if (result.reconciled > 0) {
        result.resolved += retryParked().resolved;
    }
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
    QList<StatusUpdate> updates;
    for (const ParkedEvents::Parked &p : std::as_const(candidates)) {
        updates << p.update;
    }
    batch.load(updates);
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
