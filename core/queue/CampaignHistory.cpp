#include "queue/CampaignHistory.h"

#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

CampaignHistory::CampaignHistory(Database &db)
    : m_db(db)
{}

QList<MinuteCount> CampaignHistory::minutes(const QString &campaignId, const QDateTime &since) const
{
    QString sql = u"SELECT minute, sent, failed FROM campaign_minutes WHERE campaign_id = ?"_s;
    QVariantList values{campaignId};
    if (since.isValid()) {
        sql += u" AND minute >= ?"_s;
        values << m_db.timeValue(since);
    }
    sql += u" ORDER BY minute"_s;
    QSqlQuery q = m_db.run(sql, values);
    QList<MinuteCount> out;
    while (q.next()) {
        out.append({Database::readTime(q.value(0)), q.value(1).toLongLong(), q.value(2).toLongLong()});
    }
    return out;
}

} // namespace herald
