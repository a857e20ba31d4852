#include "webhook/ParkedEvents.h"

#include "db/Database.h"
#include "queue/QueueTypes.h"
#include "webhook/CallbackData.h"
#include "webhook/WebhookPayload.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

ParkedEvents::ParkedEvents(Database &db)
    : m_db(db)
{}

void ParkedEvents::park(const StatusUpdate &u, const QString &reason, const QDateTime &now)
{
    const auto data = CallbackData::parse(u.bizOpaqueCallbackData);
    const QString payload = m_db.isPostgres() ? u"CAST(? AS jsonb)"_s : u"?"_s;
    m_db.run(u"INSERT INTO webhook_events (kind, wamid, status, biz_opaque, campaign_id, queue_row_id, "
             "claim_count, recipient, event_at, payload, reason, received_at) "
             "VALUES ('status', ?, ?, ?, ?, ?, ?, ?, ?, "_s +
                 payload + u", ?, ?)"_s,
             {u.wamid, deliveryStatusName(u.status), Database::textOrNull(u.bizOpaqueCallbackData),
              data ? QVariant(data->campaignId) : Database::nullString(),
              data ? QVariant(data->rowId) : Database::nullInt(),
              data ? QVariant(data->claim) : Database::nullInt(), Database::textOrNull(u.recipientId),
              m_db.timeValue(u.timestamp),
              u.raw.isEmpty() ? Database::nullString() : QVariant(QString::fromUtf8(u.raw)), reason,
              m_db.timeValue(now)});
}

QList<ParkedEvents::Parked> ParkedEvents::resolvable(int limit)
{
    // The campaign is compared as text: callback data is what Meta echoed, not a foreign key.
    const QString campaign = m_db.isPostgres() ? u"CAST(q.campaign_id AS text)"_s : u"q.campaign_id"_s;
    QSqlQuery q = m_db.run(
        u"SELECT w.id, w.wamid, w.status, w.biz_opaque, w.recipient, w.event_at, w.payload FROM "
        u"webhook_events w "
        "WHERE w.resolved_at IS NULL AND w.kind = 'status' AND ("
        "EXISTS (SELECT 1 FROM send_queue q WHERE q.wamid = w.wamid AND q.status = 'sent') "
        "OR (w.status <> 'failed' AND EXISTS (SELECT 1 FROM send_queue q WHERE q.id = w.queue_row_id "
        "AND "_s +
            campaign +
            u" = w.campaign_id AND q.claim_count = w.claim_count AND q.status IN ('failed', 'ready') "
            "AND q.error_reason IN (?, ?)))) ORDER BY w.event_at, w.id LIMIT ?"_s,
        {FailureReason::NoResponse, FailureReason::Interrupted, limit});
    QList<Parked> out;
    while (q.next()) {
        Parked p;
        p.id = q.value(0).toLongLong();
        const QByteArray raw = q.value(6).toString().toUtf8();
        // The stored payload carries the errors of a failure; an erased one leaves the columns.
        if (auto parsed = raw.isEmpty() ? std::nullopt : WebhookPayload::parseStatus(raw)) {
            p.update = *parsed;
        } else {
            p.update.wamid = q.value(1).toString();
            p.update.status = deliveryStatusFromName(q.value(2).toString()).value_or(DeliveryStatus::Sent);
            p.update.bizOpaqueCallbackData = q.value(3).toString();
            p.update.recipientId = q.value(4).toString();
            p.update.timestamp = Database::readTime(q.value(5));
        }
        out << p;
    }
    return out;
}

void ParkedEvents::resolve(qint64 id, const QDateTime &now)
{
    m_db.run(u"UPDATE webhook_events SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL"_s,
             {m_db.timeValue(now), id});
}

void ParkedEvents::setReason(qint64 id, const QString &reason)
{
    m_db.run(u"UPDATE webhook_events SET reason = ? WHERE id = ?"_s, {reason, id});
}

qint64 ParkedEvents::unresolvedCount()
{
    return m_db.scalar(u"SELECT count(*) FROM webhook_events WHERE resolved_at IS NULL"_s).toLongLong();
}

} // namespace herald
