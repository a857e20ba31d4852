#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

// What sending a campaign's template to its recipients would cost, priced from a rate card:
// recipients by country × the template's category. Meta charges delivered messages only, so
// this is an upper bound of what Meta bills for these recipients at these prices.
struct CostEstimate
{
    Q_DECLARE_TR_FUNCTIONS(CostEstimate)

public:
    struct Market
    {
        QString name;
        qint64 recipients = 0;
        qint64 priceMicros = 0;
        qint64 totalMicros = 0;
    };
    struct Country
    {
        QString region; // ISO 3166 alpha-2; "001" non-geographic; "ZZ" unknown
        QString name;   // "Germany", in English (QLocale's territory names)
        QString market; // empty when unpriced
        qint64 recipients = 0;
        qint64 priceMicros = 0;
        qint64 totalMicros = 0;
        QString unpricedReason; // why the card has no price for it; empty when priced
    };

    QString campaignId;
    QString templateName;
    QString templateLanguage;
    QString category;                 // MARKETING, UTILITY, …
    bool categoryFromTemplate = true; // false: given by the caller, not the template's
    bool remainingOnly = false;       // only rows still to send were counted
    qint64 cardId = 0;
    QString cardName;
    QDate cardEffectiveDate;
    bool cardIsExample = false;
    QString currency;
    QDateTime madeAt;

    qint64 recipients = 0;       // every counted recipient
    qint64 pricedRecipients = 0; // those with a price
    qint64 totalMicros = 0;
    QList<Market> markets;    // by total, largest first
    QList<Country> countries; // by recipients, most first

    qint64 unpricedRecipients() const { return recipients - pricedRecipients; }
    // "1,234.5 USD"-style total for people: "1234.50 USD".
    QString totalText() const;
    QString cardLabel() const;

    QJsonObject toJson() const;
    static CostEstimate fromJson(const QJsonObject &o);
};

} // namespace herald
