#include "queue/Counters.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

void Counters::apply(Database &db, const QString &campaignId, qint64 dContacts, qint64 dSent, qint64 dFailed,
                     const Clock &clock)
{
    if (dContacts == 0 && dSent == 0 && dFailed == 0) {
        return;
    }
    db.run(u"UPDATE campaigns SET total_contacts = total_contacts + ?, total_sent = total_sent + ?, "
           "total_failed = total_failed + ?, updated_at = ? WHERE id = ?"_s,
           {dContacts, dSent, dFailed, db.timeValue(clock.now()), campaignId});
}

CounterValues Counters::recount(Database &db, const QString &campaignId)
{
    return recountAll(db, campaignId).value(campaignId);
}

QHash<QString, CounterValues> Counters::recountAll(Database &db, const QString &campaignId)
{
    // Three index-only counts (see the indexes in the migrations): every row, rows pending
    // and rows failed; the statuses are exactly ready, processing, sent and failed, so sent
    // is what remains. Grouping follows each index's order, so nothing is sorted.
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
    for (CounterValues &v : out) {
        v.sent = v.contacts - v.pending - v.failed;
    }
    return out;
}

void Counters::set(Database &db, const QString &campaignId, const CounterValues &values, const Clock &clock)
{
    db.run(u"UPDATE campaigns SET total_contacts = ?, total_sent = ?, total_failed = ?, updated_at = ? "
           "WHERE id = ?"_s,
           {values.contacts, values.sent, values.failed, db.timeValue(clock.now()), campaignId});
}

} // namespace herald
