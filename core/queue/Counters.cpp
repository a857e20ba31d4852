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
    CounterValues v;
    QSqlQuery q = db.run(u"SELECT status, count(*) FROM send_queue WHERE campaign_id = ? GROUP BY status"_s,
                         {campaignId});
    while (q.next()) {
        const QString status = q.value(0).toString();
        const qint64 n = q.value(1).toLongLong();
        v.contacts += n;
        if (status == "sent"_L1) {
            v.sent = n;
        } else if (status == "failed"_L1) {
            v.failed = n;
        } else {
            v.pending += n;
        }
    }
    return v;
}

void Counters::set(Database &db, const QString &campaignId, const CounterValues &values, const Clock &clock)
{
    db.run(u"UPDATE campaigns SET total_contacts = ?, total_sent = ?, total_failed = ?, updated_at = ? "
           "WHERE id = ?"_s,
           {values.contacts, values.sent, values.failed, db.timeValue(clock.now()), campaignId});
}

} // namespace herald
