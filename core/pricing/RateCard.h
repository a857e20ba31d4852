#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace herald {

// One market of a rate card: one country or a group of countries, priced per category.
struct RateCardMarket
{
    QString name;                      // "Germany", "Rest of Western Europe"
    QStringList countries;             // ISO 3166 alpha-2, sorted; empty for the rest of the world
    bool restOfWorld = false;          // every country no other market of the card names
    QMap<QString, qint64> priceMicros; // category (MARKETING, …) → price in millionths
};

// What Meta charges per delivered template message, by market and category, in one currency,
// from a date. Imported from a CSV file (RateCardCsv) and kept in the database (RateCardStore).
struct RateCard
{
    qint64 id = 0; // 0 until stored
    QString name;
    QDate effectiveDate;
    QString currency; // ISO 4217
    // The card Herald ships to show what an estimate looks like: its prices are illustrative,
    // not Meta's, and every estimate made with it says so.
    bool isExample = false;
    QString source; // the file it was imported from
    QDateTime importedAt;
    QList<RateCardMarket> markets; // in the file's order

    // The categories any market prices, sorted.
    QStringList categories() const;
    // Region → index into markets; the rest-of-world market is not in it (see restOfWorld()).
    QHash<QString, qsizetype> regionIndex() const;
    // Index of the rest-of-world market; -1 when the card has none.
    qsizetype restOfWorld() const;
    // "Meta USD rates, effective 2026-10-01", with " (example)" for the example card.
    QString label() const;
    QJsonObject toJson() const;
};

} // namespace herald
