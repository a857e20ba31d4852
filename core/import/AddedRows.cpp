#include "import/AddedRows.h"

#include "db/Database.h"
#include "db/Transaction.h"
#include "queue/Counters.h"

using namespace Qt::StringLiterals;

namespace herald {

qint64 AddedRows::remove(Database &db, const QString &campaignId, const AddedRows &rows, const Clock &clock)
{
    if (rows.isEmpty()) {
        return 0;
    }
    Transaction tx(db);
    Counters::lock(db, {campaignId});
    QSqlQuery q = db.run(u"DELETE FROM send_queue WHERE campaign_id = ? AND id > ? AND id <= ? "
                         "AND status = 'ready'"_s,
                         {campaignId, rows.afterId, rows.lastId});
    const qint64 removed = q.numRowsAffected();
    q.finish();
    Counters::apply(db, campaignId, -removed, 0, 0, clock);
    tx.commit();
    return removed;
}

} // namespace herald
