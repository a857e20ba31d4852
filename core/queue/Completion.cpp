#include "queue/Completion.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

bool Completion::completeIfDone(Database &db, const QString &campaignId, const Clock &clock)
{
    const QVariant now = db.timeValue(clock.now());
    QSqlQuery q = db.run(u"UPDATE campaigns SET status = 'completed', status_reason = NULL, end_time = ?, "
                         "updated_at = ? WHERE id = ? AND status IN ('running', 'paused') "
                         "AND NOT EXISTS (SELECT 1 FROM send_queue WHERE campaign_id = ? "
                         "AND status IN ('ready', 'processing'))"_s,
                         {now, now, campaignId, campaignId});
    return q.numRowsAffected() > 0;
}

} // namespace herald
