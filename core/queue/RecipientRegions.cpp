#include "queue/RecipientRegions.h"

#include "db/Database.h"
#include "db/Transaction.h"
#include "phone/PhoneNormalizer.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <list>
#include <phonenumbers/phonenumberutil.h>
#include <set>
#include <string>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
constexpr int kFillBatch = 5000;
}

namespace {
// Calling code → its region, for the codes only one region uses (+49 → DE, +81 → JP): most
// numbers need no parsing at all. Codes several regions share (+1, +7, +44 …) are absent.
const QHash<QString, QString> &singleRegionCodes()
{
    static const QHash<QString, QString> codes = [] {
        QHash<QString, QString> out;
        const auto &util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
        std::set<int> calling;
        util.GetSupportedCallingCodes(&calling);
        for (int code : calling) {
            std::list<std::string> regions;
            util.GetRegionCodesForCountryCallingCode(code, &regions);
            if (regions.size() == 1 && regions.front().size() == 2) {
                out.insert(QString::number(code), QString::fromStdString(regions.front()));
            }
        }
        return out;
    }();
    return codes;
}

// Calling codes are a prefix code: no code begins another, so the first match is the code.
bool isCallingCode(QStringView digits)
{
    static const QSet<QString> all = [] {
        QSet<QString> out;
        std::set<int> calling;
        i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedCallingCodes(&calling);
        for (int code : calling) {
            out.insert(QString::number(code));
        }
        return out;
    }();
    return all.contains(digits.toString());
}
} // namespace

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
    for (qsizetype len = 1; len <= 3 && len < e164.size(); ++len) {
        const QStringView digits = QStringView(e164).mid(1, len);
        if (isCallingCode(digits)) {
            const auto it = singleRegionCodes().constFind(digits.toString());
            if (it != singleRegionCodes().cend()) {
                return *it;
            }
            break; // shared by several regions: the number itself decides
        }
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
