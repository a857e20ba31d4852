#pragma once

#include "pricing/RateCard.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>

class QIODevice;

namespace herald {

// Reads a rate card from CSV. One row per market, a header naming the columns:
//
//   market,countries,currency,MARKETING,UTILITY,AUTHENTICATION,SERVICE
//   Germany,DE,USD,0.1365,0.0550,0.0768,0
//   Rest of Western Europe,"AT BE DK FI IE NO PT SE",USD,0.0592,0.0171,0.0171,0
//   Other,*,USD,0.0604,0.0077,0.0077,0
//
// `market`, `countries` and `currency` are required (any case, any order); every other column
// is a category, its name upper-cased with spaces and hyphens as underscores
// ("Authentication-International" → AUTHENTICATION_INTERNATIONAL). Countries are ISO 3166
// alpha-2 codes separated by spaces, commas, semicolons or bars; "*" makes the market the rest
// of the world. An empty price cell: the market does not price that category. Prices use a
// decimal point, at most six decimals. Every row has the same currency; each country is in at
// most one market. Encoding and delimiter are detected as for contact files.
//
// The first problem ends the reading: the result names the file, the line and the reason, and
// no card is returned, so a bad file stores nothing.
class RateCardCsv
{
    Q_DECLARE_TR_FUNCTIONS(RateCardCsv)

public:
    struct Result
    {
        std::optional<RateCard> card;
        qint64 line = 0;      // of the problem; 0 when it has no line
        QString reason;       // the problem, without file and line
        QString errorMessage; // "card.csv, line 7: <reason>"
    };

    // The card's name and effective date are not in the file: the caller names them (Meta
    // publishes one file per currency and date, with neither inside).
    static Result read(const QString &path, const QString &name, const QDate &effectiveDate);
    static Result read(QIODevice *device, const QString &displayName, const QString &name,
                       const QDate &effectiveDate);

    // "Authentication-International" → "AUTHENTICATION_INTERNATIONAL"; empty when it cannot be
    // a category name.
    static QString categoryName(QStringView header);
};

} // namespace herald
