#include "privacy/Retention.h"

#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "privacy/Erasure.h"
#include "settings/SettingKeys.h"

#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace herald {

Retention::Retention(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

int Retention::days(const AppSettings &settings)
{
    return SettingKeys::retentionDays(settings);
}

RetentionResult Retention::apply()
{
    return purge(days(AppSettings(m_db)));
}

RetentionResult Retention::purge(int days)
{
    RetentionResult result;
    result.days = std::max(days, 0);
    if (days <= 0) {
        return result;
    }
    const QDateTime now = m_clock.now();
    result.cutoff = now.addDays(-days);
    QStringList ids;
    {
        QSqlQuery q = m_db.run(u"SELECT id FROM campaigns WHERE status IN ('completed', 'cancelled') "
                               "AND end_time IS NOT NULL AND end_time < ? ORDER BY end_time"_s,
                               {m_db.timeValue(result.cutoff)});
        while (q.next()) {
            ids << q.value(0).toString();
        }
    }
    for (const QString &id : std::as_const(ids)) {
        Transaction tx(m_db);
        if (m_db.isPostgres()) {
            // Serialises with a resend or an added import that would reopen the campaign.
            m_db.run(u"SELECT 1 FROM campaigns WHERE id = ? FOR UPDATE"_s, {id});
        }
        // Checked again inside the transaction: the campaign may have been reopened meanwhile.
        const QVariant still = m_db.scalar(u"SELECT count(*) FROM campaigns WHERE id = ? AND status IN "
                                           "('completed', 'cancelled') AND end_time < ?"_s,
                                           {id, m_db.timeValue(result.cutoff)});
        if (still.toLongLong() == 0) {
            continue;
        }
        const qint64 n = Erasure::eraseCampaignRows(m_db, id, now);
        tx.commit();
        result.rows += n;
        result.campaigns += n > 0 ? 1 : 0;
    }
    return result;
}

} // namespace herald
