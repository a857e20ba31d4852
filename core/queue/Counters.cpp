#include "queue/Counters.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

void Counters::lock(Database &db, QStringList campaignIds)
{
    if (!db.isPostgres() || campaignIds.isEmpty()) {
        return;
    }
    campaignIds.sort();
    campaignIds.removeDuplicates();
    QString placeholders;
    QVariantList values;
    for (const QString &id : std::as_const(campaignIds)) {
        placeholders += placeholders.isEmpty() ? u"?"_s : u", ?"_s;
        values << id;
    }
    // ORDER BY below the row locks: PostgreSQL takes them in that order. FOR NO KEY UPDATE is the
    // lock the counters' own UPDATE takes, so holding it early adds no new conflict.
    db.run(u"SELECT id FROM campaigns WHERE id IN ("_s + placeholders + u") ORDER BY id FOR NO KEY UPDATE"_s,
           values);
}

void Counters::apply(Database &db, const QString &campaignId, qint64 dContacts, qint64 dSent, qint64 dFailed,
                     const Clock &clock)
{
    if (dContacts == 0 && dSent == 0 && dFailed == 0) {
        return;
    }
    const QDateTime now = clock.now();
    db.run(u"UPDATE campaigns SET total_contacts = total_contacts + ?, total_sent = total_sent + ?, "
           "total_failed = total_failed + ?, updated_at = ? WHERE id = ?"_s,
           {dContacts, dSent, dFailed, db.timeValue(now), campaignId});
    if (dSent != 0 || dFailed != 0) {
        // One row per campaign and minute: a batch of outcomes costs one upsert, not one per row.
        db.run(
            u"INSERT INTO campaign_minutes (campaign_id, minute, sent, failed) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (campaign_id, minute) DO UPDATE SET sent = campaign_minutes.sent + excluded.sent, "
            "failed = campaign_minutes.failed + excluded.failed"_s,
            {campaignId, db.timeValue(minuteOf(now)), dSent, dFailed});
    }
}

void Counters::applyDelivery(Database &db, const QString &campaignId, qint64 dDelivered, qint64 dRead,
                             qint64 dFailedAfterSend, const Clock &clock)
{
    if (dDelivered == 0 && dRead == 0 && dFailedAfterSend == 0) {
        return;
    }
    db.run(u"UPDATE campaigns SET total_delivered = total_delivered + ?, total_read = total_read + ?, "
           "total_failed_after_send = total_failed_after_send + ?, updated_at = ? WHERE id = ?"_s,
           {dDelivered, dRead, dFailedAfterSend, db.timeValue(clock.now()), campaignId});
}

QDateTime Counters::minuteOf(const QDateTime &t)
{
    const QDateTime utc = t.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC);
}

CounterValues Counters::historyTotals(Database &db, const QString &campaignId)
{
    QSqlQuery q = db.run(u"SELECT COALESCE(SUM(sent), 0), COALESCE(SUM(failed), 0) FROM campaign_minutes "
                         "WHERE campaign_id = ?"_s,
                         {campaignId});
    CounterValues v;
    if (q.next()) {
        v.sent = q.value(0).toLongLong();
        v.failed = q.value(1).toLongLong();
    }
    return v;
}

void Counters::rebuildHistory(Database &db, const QString &campaignId)
{
    db.run(u"DELETE FROM campaign_minutes WHERE campaign_id = ?"_s, {campaignId});
    // Minutes as the migrations and minuteOf() write them: text on SQLite, timestamptz on PostgreSQL.
    // A row written without its time (by hand, or by an older writer) counts in the minute it
    // was last updated, so that the history's sums always equal the recount.
    const QString sentMinute = db.isPostgres()
                                   ? u"date_trunc('minute', COALESCE(sent_at, updated_at))"_s
                                   : u"substr(COALESCE(sent_at, updated_at), 1, 16) || ':00.000Z'"_s;
    const QString failedMinute = db.isPostgres()
                                     ? u"date_trunc('minute', COALESCE(failed_at, updated_at))"_s
                                     : u"substr(COALESCE(failed_at, updated_at), 1, 16) || ':00.000Z'"_s;
    db.run(u"INSERT INTO campaign_minutes (campaign_id, minute, sent, failed) "
           "SELECT campaign_id, minute, SUM(sent), SUM(failed) FROM ("
           "SELECT campaign_id, "_s +
               sentMinute +
               u" AS minute, 1 AS sent, 0 AS failed FROM send_queue "
               "WHERE campaign_id = ? AND status = 'sent' "
               "UNION ALL SELECT campaign_id, "_s +
               failedMinute +
               u", 0, 1 FROM send_queue WHERE campaign_id = ? AND status = 'failed'"
               ") AS history GROUP BY campaign_id, minute"_s,
           {campaignId, campaignId});
}

CounterValues Counters::recount(Database &db, const QString &campaignId)
{
    return recountAll(db, campaignId).value(campaignId);
}

QHash<QString, CounterValues> Counters::recountAll(Database &db, const QString &campaignId)
{
    // Three index-only counts (see the indexes in the migrations): every row, rows pending
    // and rows failed; the statuses are exactly ready, processing, sent and failed, so sent
    // is what remains. Grouping follows each index's order, so nothing is sorted. The three
    // delivery counts read the partial indexes of schema 7, which hold only such rows.
    const bool one = !campaignId.isEmpty();
    const QString where = one ? u"campaign_id = ?"_s : u"1 = 1"_s;
    const QVariantList values = one ? QVariantList{campaignId} : QVariantList{};
    QHash<QString, CounterValues> out;
    auto collect = [&](const QString &condition, qint64 CounterValues::*field) {
        QSqlQuery q = db.run(u"SELECT campaign_id, count(*) FROM send_queue WHERE "_s + where + condition +
                                 u" GROUP BY campaign_id"_s,
                             values);
        while (q.next()) {
            out[q.value(0).toString()].*field = q.value(1).toLongLong();
        }
    };
    collect(QString(), &CounterValues::contacts);
    collect(u" AND status IN ('ready', 'processing')"_s, &CounterValues::pending);
    collect(u" AND status = 'failed'"_s, &CounterValues::failed);
    collect(u" AND delivered_at IS NOT NULL"_s, &CounterValues::delivered);
    collect(u" AND read_at IS NOT NULL"_s, &CounterValues::read);
    collect(u" AND late_failed_at IS NOT NULL"_s, &CounterValues::failedAfterSend);
    for (CounterValues &v : out) {
        v.sent = v.contacts - v.pending - v.failed;
    }
    return out;
}

void Counters::set(Database &db, const QString &campaignId, const CounterValues &values, const Clock &clock)
{
    db.run(u"UPDATE campaigns SET total_contacts = ?, total_sent = ?, total_failed = ?, total_delivered = ?, "
           "total_read = ?, total_failed_after_send = ?, updated_at = ? WHERE id = ?"_s,
           {values.contacts, values.sent, values.failed, values.delivered, values.read,
            values.failedAfterSend, db.timeValue(clock.now()), campaignId});
}

} // namespace herald
