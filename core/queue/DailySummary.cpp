#include "queue/DailySummary.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

DailySummary::DailySummary(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QDate DailySummary::since(int days) const
{
    return days > 0 ? m_clock.now().toUTC().date().addDays(-(days - 1)) : QDate();
}

QString DailySummary::dayParameter() const
{
    // PostgreSQL must be told the type of a parameter that is compared with NULL.
    return m_db.isPostgres() ? u"CAST(? AS date)"_s : u"?"_s;
}

qint64 DailySummary::refresh(int days)
{
    const QDate from = since(days);
    const QVariant fromValue = from.isValid() ? QVariant(from.toString(Qt::ISODate)) : Database::nullString();
    Transaction tx(m_db);
    if (m_db.isPostgres()) {
        m_db.run(u"SELECT refresh_daily_summary(CAST(? AS date))"_s, {fromValue});
    } else {
        m_db.run(u"DELETE FROM daily_summary WHERE ? IS NULL OR day >= ?"_s, {fromValue, fromValue});
        m_db.run(u"INSERT INTO daily_summary (day, campaign_id, sent, failed, delivered, read) "
                 "SELECT substr(COALESCE(sent_at, updated_at), 1, 10), campaign_id, "
                 "       sum(status = 'sent'), sum(status = 'failed'), "
                 "       sum(status = 'sent' AND delivered_at IS NOT NULL), "
                 "       sum(status = 'sent' AND read_at IS NOT NULL) "
                 "  FROM send_queue WHERE status IN ('sent', 'failed') "
                 "   AND (? IS NULL OR COALESCE(sent_at, updated_at) >= ?) "
                 " GROUP BY 1, 2"_s,
                 {fromValue, fromValue});
    }
    const QString day = dayParameter();
    const qint64 n =
        m_db.scalar(u"SELECT count(*) FROM daily_summary WHERE "_s + day + u" IS NULL OR day >= "_s + day,
                    {fromValue, fromValue})
            .toLongLong();
    tx.commit();
    return n;
}

QList<DailySummaryRow> DailySummary::rows(int days) const
{
    const QDate from = since(days);
    const QVariant fromValue = from.isValid() ? QVariant(from.toString(Qt::ISODate)) : Database::nullString();
    const QString param = dayParameter();
    QSqlQuery q = m_db.run(
        u"SELECT d.day, d.campaign_id, c.name, d.sent, d.failed, d.delivered, d.read FROM daily_summary d "
        "JOIN campaigns c ON c.id = d.campaign_id WHERE "_s +
            param + u" IS NULL OR d.day >= "_s + param + u" ORDER BY d.day DESC, c.name"_s,
        {fromValue, fromValue});
    QList<DailySummaryRow> out;
    while (q.next()) {
        DailySummaryRow r;
        const QVariant day = q.value(0);
        r.day =
            day.typeId() == QMetaType::QDate ? day.toDate() : QDate::fromString(day.toString(), Qt::ISODate);
        r.campaignId = q.value(1).toString();
        r.campaignName = q.value(2).toString();
        r.sent = q.value(3).toLongLong();
        r.failed = q.value(4).toLongLong();
        r.delivered = q.value(5).toLongLong();
        r.read = q.value(6).toLongLong();
        out << r;
    }
    return out;
}

} // namespace herald
