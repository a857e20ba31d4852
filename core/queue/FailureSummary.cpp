#include "queue/FailureSummary.h"

#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

QList<ReasonCount> FailureSummary::byReason(Database &db, const QString &campaignId)
{
    // Grouped along send_queue_failed_idx (campaign_id, error_reason) alone, without reading
    // the rows: a Graph error's reason is its code as text (ErrorPolicy), and Herald's own
    // reasons have none. Reading error_code from each row instead cost PostgreSQL a heap visit
    // per failed row (120 ms for 25,000), and the Recipients view waits for this.
    QSqlQuery q =
        db.run(u"SELECT COALESCE(error_reason, ''), count(*) FROM send_queue "
               "WHERE campaign_id = ? AND status = 'failed' GROUP BY error_reason ORDER BY 2 DESC, 1"_s,
               {campaignId});
    return read(q, false);
}

QList<ReasonCount> FailureSummary::lateByReason(Database &db, const QString &campaignId)
{
    // The reason is the late failure's code as text, as for failed rows; the partial index
    // (campaign_id, late_error_reason) WHERE late_failed_at IS NOT NULL answers it alone.
    QSqlQuery q = db.run(u"SELECT COALESCE(late_error_reason, ''), count(*) FROM send_queue "
                         "WHERE campaign_id = ? AND late_failed_at IS NOT NULL "
                         "GROUP BY late_error_reason ORDER BY 2 DESC, 1"_s,
                         {campaignId});
    return read(q, true);
}

QList<ReasonCount> FailureSummary::read(QSqlQuery &q, bool afterSend)
{
    QList<ReasonCount> out;
    while (q.next()) {
        ReasonCount r;
        r.reason = q.value(0).toString();
        bool numeric = false;
        const int code = r.reason.toInt(&numeric);
        if (numeric) {
            r.code = code;
        }
        r.count = q.value(1).toLongLong();
        r.afterSend = afterSend;
        out << r;
    }
    return out;
}

} // namespace herald
