#include "queue/RecipientRegions.h"

#include "db/Database.h"
#include "db/Transaction.h"
#include "phone/PhoneNormalizer.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
constexpr int kFillBatch = 5000;
}

QString RecipientRegions::of(const QString &e164)
{
    static const PhoneNormalizer normalizer([] {
        PhoneNormalizer::Options o;
        o.withRegion = true;
        return o;
    }());
    // Empty, never null: the column is NOT NULL and a null QString binds as NULL.
    const QString none = u""_s;
    if (!e164.startsWith(u'+')) {
        return none;
    }
    const PhoneNumberResult r = normalizer.normalize(e164);
    // "001" is libphonenumber's region for non-geographic numbers: no zone to speak of.
    return r.ok && r.region.size() == 2 ? r.region.toUpper() : none;
}

qint64 RecipientRegions::fill(Database &db, const QString &campaignId)
{
    qint64 filled = 0;
    qint64 after = 0;
    for (;;) {
        QList<QPair<qint64, QString>> rows;
        {
            // The region index starts at (campaign_id, ''): only rows still without a region.
            QSqlQuery q = db.run(u"SELECT id, phone FROM send_queue WHERE campaign_id = ? AND region = '' "
                                 "AND status IN ('ready', 'processing') AND id > ? ORDER BY id LIMIT ?"_s,
                                 {campaignId, after, kFillBatch});
            while (q.next()) {
                rows.append({q.value(0).toLongLong(), q.value(1).toString()});
            }
        }
        if (rows.isEmpty()) {
            return filled;
        }
        after = rows.last().first;
        Transaction tx(db);
        QSqlQuery update = db.prepare(u"UPDATE send_queue SET region = ? WHERE id = ? AND region = ''"_s);
        for (const auto &[id, phone] : std::as_const(rows)) {
            const QString region = of(phone);
            if (!region.isEmpty()) {
                Database::exec(update, {region, id});
                filled += update.numRowsAffected();
            }
        }
        tx.commit();
    }
}

QStringList RecipientRegions::waiting(Database &db, const QString &campaignId)
{
    // A skip scan of the region index: the smallest region, then the smallest above the last.
    QStringList out;
    const QString sql = u"SELECT region FROM send_queue WHERE campaign_id = ? AND status IN ('ready', "
                        "'processing')%1 ORDER BY region LIMIT 1"_s;
    {
        QSqlQuery first = db.run(sql.arg(QString()), {campaignId});
        if (!first.next()) {
            return out;
        }
        out << first.value(0).toString();
    }
    QSqlQuery next = db.prepare(sql.arg(u" AND region > ?"_s));
    for (;;) {
        Database::exec(next, {campaignId, out.last()});
        if (!next.next()) {
            return out;
        }
        out << next.value(0).toString();
        next.finish();
    }
}

} // namespace herald
