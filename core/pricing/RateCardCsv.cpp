#include "pricing/RateCardCsv.h"

#include "import/CsvReader.h"
#include "pricing/Money.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <phonenumbers/phonenumberutil.h>
#include <set>
#include <string>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

bool isKnownRegion(const QString &code)
{
    static const std::set<std::string> regions = [] {
        std::set<std::string> s;
        i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&s);
        return s;
    }();
    return regions.count(code.toStdString()) > 0 || QLocale::codeToTerritory(code) != QLocale::AnyTerritory;
}

} // namespace

QString RateCardCsv::categoryName(QStringView header)
{
    QString out;
    for (QChar c : header.trimmed()) {
        if (c == u' ' || c == u'-' || c == u'_') {
            if (!out.isEmpty() && !out.endsWith(u'_')) {
                out += u'_';
            }
        } else if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')) {
            out += c.toUpper();
        } else {
            return {};
        }
    }
    while (out.endsWith(u'_')) {
        out.chop(1);
    }
    if (out.isEmpty() || out.front().isDigit()) {
        return {};
    }
    return out;
}

RateCardCsv::Result RateCardCsv::read(const QString &path, const QString &name, const QDate &effectiveDate)
{
    QFile file(path);
    const QString display = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        Result r;
        r.reason = tr("cannot be opened: %1").arg(file.errorString());
        r.errorMessage = tr("%1: %2").arg(display, r.reason);
        return r;
    }
    Result r = read(&file, display, name, effectiveDate);
    if (r.card) {
        r.card->source = QFileInfo(path).absoluteFilePath();
    }
    return r;
}

RateCardCsv::Result RateCardCsv::read(QIODevice *device, const QString &displayName, const QString &name,
                                      const QDate &effectiveDate)
{
    Result result;
    auto fail = [&](qint64 line, const QString &reason) {
        result.card.reset();
        result.line = line;
        result.reason = reason;
        result.errorMessage = line > 0 ? tr("%1, line %2: %3").arg(displayName).arg(line).arg(reason)
                                       : tr("%1: %2").arg(displayName, reason);
        return result;
    };
    if (name.trimmed().isEmpty()) {
        return fail(0, tr("the rate card needs a name"));
    }
    if (!effectiveDate.isValid()) {
        return fail(0, tr("the rate card needs the date from which its prices apply"));
    }

    CsvReaderOptions options;
    options.hasHeader = true;
    CsvReader reader(options);
    if (!reader.open(device, displayName)) {
        result.line = reader.error().line;
        result.reason = reader.error().message;
        result.errorMessage = reader.error().message;
        return result;
    }
    const QStringList header = reader.header();
    const qint64 headerLine = std::max<qint64>(1, reader.detection().headerLine);
    qsizetype marketCol = -1;
    qsizetype countriesCol = -1;
    qsizetype currencyCol = -1;
    QList<std::pair<qsizetype, QString>> categoryCols;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString h = header.at(i).trimmed().toLower();
        if (h == "market"_L1) {
            marketCol = i;
        } else if (h == "countries"_L1 || h == "country"_L1) {
            countriesCol = i;
        } else if (h == "currency"_L1) {
            currencyCol = i;
        } else {
            const QString category = categoryName(header.at(i));
            if (category.isEmpty()) {
                return fail(headerLine, tr("column \"%1\" is not a category name (letters, digits, spaces, "
                                           "hyphens)")
                                            .arg(header.at(i)));
            }
            for (const auto &[col, existing] : std::as_const(categoryCols)) {
                if (existing == category) {
                    return fail(headerLine, tr("category %1 has two columns").arg(category));
                }
            }
            categoryCols.append({i, category});
        }
    }
    QStringList missing;
    if (marketCol < 0) {
        missing << u"market"_s;
    }
    if (countriesCol < 0) {
        missing << u"countries"_s;
    }
    if (currencyCol < 0) {
        missing << u"currency"_s;
    }
    if (!missing.isEmpty()) {
        return fail(headerLine, tr("the header lacks the column(s) %1 (a rate card's header is "
                                   "market,countries,currency, then one column per category)")
                                    .arg(missing.join(u", "_s)));
    }
    if (categoryCols.isEmpty()) {
        return fail(headerLine, tr("no category columns (e.g. MARKETING, UTILITY, AUTHENTICATION)"));
    }

    RateCard card;
    card.name = name.trimmed();
    card.effectiveDate = effectiveDate;
    QHash<QString, std::pair<QString, qint64>> countryAt; // region → market, line
    QHash<QString, qint64> marketAt;                      // market (case-folded) → line
    qint64 restOfWorldLine = 0;
    static const QRegularExpression separators(u"[\\s,;|]+"_s);
    static const QRegularExpression currencyCode(u"^[A-Z]{3}$"_s);
    CsvRecord rec;
    CsvReject rej;
    for (;;) {
        const CsvReader::Status st = reader.next(rec, rej);
        if (st == CsvReader::Status::End) {
            break;
        }
        if (st == CsvReader::Status::Error) {
            result.line = reader.error().line;
            result.reason = reader.error().message;
            result.errorMessage = reader.error().message;
            return result;
        }
        if (st == CsvReader::Status::Rejected) {
            return fail(rej.line, rej.reason);
        }
        const qint64 line = rec.line();
        RateCardMarket market;
        market.name = rec.field(marketCol).trimmed().toString();
        if (market.name.isEmpty()) {
            return fail(line, tr("the market has no name"));
        }
        if (const auto it = marketAt.constFind(market.name.toCaseFolded()); it != marketAt.cend()) {
            return fail(line, tr("market \"%1\" is already on line %2").arg(market.name).arg(*it));
        }
        marketAt.insert(market.name.toCaseFolded(), line);

        const QString currency = rec.field(currencyCol).trimmed().toString().toUpper();
        if (!currencyCode.match(currency).hasMatch()) {
            return fail(line, tr("\"%1\" is not a currency code (three letters, e.g. USD)")
                                  .arg(rec.field(currencyCol).toString()));
        }
        if (card.currency.isEmpty()) {
            card.currency = currency;
        } else if (card.currency != currency) {
            return fail(line, tr("the currency %1 differs from %2 above: a rate card has one currency")
                                  .arg(currency, card.currency));
        }

        const QStringList codes =
            rec.field(countriesCol).trimmed().toString().split(separators, Qt::SkipEmptyParts);
        if (codes.isEmpty()) {
            return fail(line, tr("market \"%1\" lists no countries (ISO codes such as DE, or * for every "
                                 "country no other market names)")
                                  .arg(market.name));
        }
        if (codes == QStringList{u"*"_s}) {
            if (restOfWorldLine > 0) {
                return fail(line, tr("only one market may be * (the rest of the world); line %1 is already")
                                      .arg(restOfWorldLine));
            }
            restOfWorldLine = line;
            market.restOfWorld = true;
        } else {
            for (const QString &raw : codes) {
                const QString code = raw.toUpper();
                if (code == "*"_L1) {
                    return fail(line, tr("* stands alone: it means every country no other market names"));
                }
                if (code.size() != 2 || !code.at(0).isLetter() || !code.at(1).isLetter() ||
                    !isKnownRegion(code)) {
                    return fail(line, tr("\"%1\" is not an ISO 3166 country code (two letters, e.g. DE; the "
                                         "United Kingdom is GB)")
                                          .arg(raw));
                }
                if (const auto it = countryAt.constFind(code); it != countryAt.cend()) {
                    return fail(line, tr("%1 is already in market \"%2\" (line %3): a country belongs to one "
                                         "market")
                                          .arg(code, it->first)
                                          .arg(it->second));
                }
                countryAt.insert(code, {market.name, line});
                market.countries << code;
            }
            market.countries.sort();
        }

        for (const auto &[col, category] : std::as_const(categoryCols)) {
            const QStringView cell = rec.field(col).trimmed();
            if (cell.isEmpty()) {
                continue;
            }
            QString why;
            const std::optional<qint64> micros = Money::parseMicros(cell, &why);
            if (!micros) {
                return fail(line, tr("%1 price of \"%2\": %3").arg(category, market.name, why));
            }
            market.priceMicros.insert(category, *micros);
        }
        card.markets.append(std::move(market));
    }
    if (card.markets.isEmpty()) {
        return fail(headerLine, tr("the file has a header but no markets"));
    }
    result.card = std::move(card);
    return result;
}

} // namespace herald
