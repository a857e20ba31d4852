#include "import/FrequencyCap.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// The campaign being imported into is left out: its own numbers are "already in the campaign".
QString recentSql(const Database &db, bool exceptCampaign)
{
    QString sql = u"SELECT DISTINCT phone FROM send_queue WHERE status = 'sent' AND sent_at >= ?"_s;
    if (exceptCampaign) {
        sql += db.isPostgres() ? u" AND campaign_id <> CAST(? AS uuid)"_s : u" AND campaign_id <> ?"_s;
    }
    return sql;
}

} // namespace

FrequencyCap::FrequencyCap(Database &db)
    : m_db(db)
{}

QDateTime FrequencyCap::windowStart(const Clock &clock, int days)
{
    return clock.now().toUTC().addDays(-qMax(0, days));
}

quint64 FrequencyCap::key(QStringView e164)
{
    if (!e164.startsWith(u'+')) {
        return 0;
    }
    bool ok = false;
    const quint64 k = e164.sliced(1).toULongLong(&ok);
    return ok ? k : 0;
}

QSet<quint64> FrequencyCap::recentlyMessaged(const QDateTime &since, const QString &exceptCampaignId) const
{
    QVariantList values{m_db.timeValue(since)};
    if (!exceptCampaignId.isEmpty()) {
        values << exceptCampaignId;
    }
    QSqlQuery q = m_db.prepare(recentSql(m_db, !exceptCampaignId.isEmpty()));
    q.setForwardOnly(true);
    Database::exec(q, values);
    QSet<quint64> out;
    while (q.next()) {
        if (const quint64 k = key(q.value(0).toString()); k != 0) {
            out.insert(k);
        }
    }
    return out;
}

qint64 FrequencyCap::countRecentlyMessaged(const QDateTime &since, const QString &exceptCampaignId) const
{
    QVariantList values{m_db.timeValue(since)};
    if (!exceptCampaignId.isEmpty()) {
        values << exceptCampaignId;
    }
    return m_db
        .scalar(u"SELECT COUNT(*) FROM ("_s + recentSql(m_db, !exceptCampaignId.isEmpty()) + u") AS recent"_s,
                values)
        .toLongLong();
}

} // namespace herald
