#include "pricing/RecipientCountries.h"

#include "db/Database.h"

#include <QHash>
#include <QSqlQuery>

#include <list>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr int kPrefixChars = 4; // "+" and three digits: every calling code fits

// The calling code that begins these digits and the regions that share it; code 0 when none.
struct CallingCode
{
    int code = 0;
    std::list<std::string> regions;
};

CallingCode callingCodeOf(QStringView digits)
{
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    CallingCode out;
    // Calling codes are prefix-free: the first length that names a region is the code.
    for (qsizetype len = 1; len <= 3 && len <= digits.size(); ++len) {
        bool ok = false;
        const int code = digits.left(len).toInt(&ok);
        if (!ok) {
            return out;
        }
        util->GetRegionCodesForCountryCallingCode(code, &out.regions);
        if (!out.regions.empty()) {
            out.code = code;
            return out;
        }
    }
    return out;
}

// The region of a number whose calling code is known, without parsing the text again: the
// number is built as libphonenumber's parser would build it (leading zeros of the national
// number kept as Italian-style zeros), which is what region lookup reads.
QString regionOfNational(int callingCode, QStringView national)
{
    qsizetype zeros = 0;
    while (zeros < national.size() - 1 && national.at(zeros) == u'0') {
        ++zeros;
    }
    bool ok = false;
    const quint64 value = national.toULongLong(&ok);
    if (!ok || national.isEmpty()) {
        return u"ZZ"_s;
    }
    PhoneNumber number;
    number.set_country_code(callingCode);
    number.set_national_number(value);
    if (zeros > 0) {
        number.set_italian_leading_zero(true);
        number.set_number_of_leading_zeros(int(zeros));
    }
    std::string region;
    PhoneNumberUtil::GetInstance()->GetRegionCodeForNumber(number, &region);
    return region.empty() ? u"ZZ"_s : QString::fromStdString(region);
}

QString statusFilter(RecipientCountries::Scope scope)
{
    return scope == RecipientCountries::Scope::Remaining ? u" AND status IN ('ready', 'processing')"_s
                                                         : QString();
}

} // namespace

QString RecipientCountries::regionOf(const QString &e164)
{
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return u"ZZ"_s;
    }
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    return region.empty() ? u"ZZ"_s : QString::fromStdString(region);
}

QMap<QString, qint64> RecipientCountries::count(Database &db, const QString &campaignId, Scope scope)
{
    const QString campaign = db.isPostgres() ? u"campaign_id = CAST(? AS uuid)"_s : u"campaign_id = ?"_s;
    const QString filter = statusFilter(scope);
    QMap<QString, qint64> counts;
    qint64 unknown = 0;
    {
        QSqlQuery q = db.prepare(u"SELECT region, COUNT(*) FROM send_queue WHERE "_s + campaign + filter +
                                 u" GROUP BY region"_s);
        Database::exec(q, {campaignId});
        while (q.next()) {
            const QString region = q.value(0).toString();
            if (region.isEmpty()) {
                unknown = q.value(1).toLongLong();
            } else {
                counts[region] += q.value(1).toLongLong();
            }
        }
    }
    if (unknown == 0) {
        return counts;
    }
    QList<std::pair<QString, qint64>> prefixes;
    {
        QSqlQuery q =
            db.prepare(u"SELECT substr(phone, 1, %1), COUNT(*) FROM send_queue WHERE "_s.arg(kPrefixChars) +
                       campaign + filter + u" AND region = '' GROUP BY 1"_s);
        Database::exec(q, {campaignId});
        while (q.next()) {
            prefixes.append({q.value(0).toString(), q.value(1).toLongLong()});
        }
    }
    QSqlQuery numbers = db.prepare(u"SELECT phone FROM send_queue WHERE "_s + campaign + filter +
                                   u" AND region = '' AND phone >= ? AND phone < ?"_s);
    numbers.setForwardOnly(true);
    for (const auto &[prefix, rows] : std::as_const(prefixes)) {
        const CallingCode cc =
            prefix.startsWith(u'+') ? callingCodeOf(QStringView(prefix).sliced(1)) : CallingCode();
        if (cc.regions.size() == 1) {
            counts[QString::fromStdString(cc.regions.front())] += rows;
            continue;
        }
        if (cc.code == 0) {
            counts[u"ZZ"_s] += rows;
            continue;
        }
        // A shared calling code: the rest of the number decides. The range keeps to the
        // campaign's (campaign_id, phone) index.
        QString end = prefix;
        end.back() = QChar(end.back().unicode() + 1);
        Database::exec(numbers, {campaignId, prefix, end});
        const qsizetype nationalStart = 1 + QString::number(cc.code).size();
        QHash<QString, qint64> byRegion;
        while (numbers.next()) {
            const QString phone = numbers.value(0).toString();
            byRegion[regionOfNational(cc.code,
                                      QStringView(phone).sliced(qMin(nationalStart, phone.size())))] += 1;
        }
        for (auto it = byRegion.cbegin(); it != byRegion.cend(); ++it) {
            counts[it.key()] += it.value();
        }
        numbers.finish();
    }
    return counts;
}

} // namespace herald
