#include "queue/FailureSummary.h"

#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

QList<ReasonCount> FailureSummary::byReason(Database &db, const QString &campaignId)
{
    // Grouped along send_queue_failed_idx (campaign_id, error_reason); the code is the same for
    // every row of a reason that is a Graph code, and absent for Herald's own reasons.
    QSqlQuery q =
        db.run(u"SELECT COALESCE(error_reason, ''), MAX(error_code), count(*) FROM send_queue "
               "WHERE campaign_id = ? AND status = 'failed' GROUP BY error_reason ORDER BY 3 DESC, 1"_s,
               {campaignId});
    QList<ReasonCount> out;
    while (q.next()) {
        ReasonCount r;
        r.reason = q.value(0).toString();
        if (!q.value(1).isNull()) {
            r.code = q.value(1).toInt();
        }
        r.count = q.value(2).toLongLong();
        out << r;
    }
    return out;
}

} // namespace herald
