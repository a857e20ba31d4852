#include "pricing/CostEstimate.h"

#include "pricing/Money.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QJsonValue micros(qint64 m)
{
    return QJsonValue(Money::format(m));
}

qint64 microsFrom(const QJsonValue &v)
{
    return Money::parseMicros(v.toString(), nullptr).value_or(0);
}

} // namespace

QString CostEstimate::totalText() const
{
    return Money::format(totalMicros, currency);
}

QString CostEstimate::cardLabel() const
{
    QString s = tr("%1, effective %2").arg(cardName, cardEffectiveDate.toString(Qt::ISODate));
    if (cardIsExample) {
        s += tr(" (example: not Meta's prices)");
    }
    return s;
}

QJsonObject CostEstimate::toJson() const
{
    QJsonArray ms;
    for (const Market &m : markets) {
        ms.append(QJsonObject{{u"market"_s, m.name},
                              {u"recipients"_s, m.recipients},
                              {u"price"_s, micros(m.priceMicros)},
                              {u"total"_s, micros(m.totalMicros)}});
    }
    QJsonArray cs;
    for (const Country &c : countries) {
        QJsonObject o{{u"region"_s, c.region}, {u"name"_s, c.name}, {u"recipients"_s, c.recipients}};
        if (c.unpricedReason.isEmpty()) {
            o.insert(u"market"_s, c.market);
            o.insert(u"price"_s, micros(c.priceMicros));
            o.insert(u"total"_s, micros(c.totalMicros));
        } else {
            o.insert(u"market"_s, c.market.isEmpty() ? QJsonValue() : QJsonValue(c.market));
            o.insert(u"unpriced"_s, c.unpricedReason);
        }
        cs.append(o);
    }
    return QJsonObject{
        {u"campaign_id"_s, campaignId},
        {u"template"_s, templateName},
        {u"language"_s, templateLanguage},
        {u"category"_s, category},
        {u"category_from_template"_s, categoryFromTemplate},
        {u"remaining_only"_s, remainingOnly},
        {u"card"_s, QJsonObject{{u"id"_s, cardId},
                                {u"name"_s, cardName},
                                {u"effective_date"_s, cardEffectiveDate.toString(Qt::ISODate)},
                                {u"example"_s, cardIsExample}}},
        {u"currency"_s, currency},
        {u"made_at"_s, madeAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"recipients"_s, recipients},
        {u"priced_recipients"_s, pricedRecipients},
        {u"unpriced_recipients"_s, unpricedRecipients()},
        {u"total"_s, micros(totalMicros)},
        {u"markets"_s, ms},
        {u"countries"_s, cs},
    };
}

CostEstimate CostEstimate::fromJson(const QJsonObject &o)
{
    CostEstimate e;
    e.campaignId = o.value(u"campaign_id"_s).toString();
    e.templateName = o.value(u"template"_s).toString();
    e.templateLanguage = o.value(u"language"_s).toString();
    e.category = o.value(u"category"_s).toString();
    e.categoryFromTemplate = o.value(u"category_from_template"_s).toBool(true);
    e.remainingOnly = o.value(u"remaining_only"_s).toBool();
    const QJsonObject card = o.value(u"card"_s).toObject();
    e.cardId = card.value(u"id"_s).toInteger();
    e.cardName = card.value(u"name"_s).toString();
    e.cardEffectiveDate = QDate::fromString(card.value(u"effective_date"_s).toString(), Qt::ISODate);
    e.cardIsExample = card.value(u"example"_s).toBool();
    e.currency = o.value(u"currency"_s).toString();
    e.madeAt = QDateTime::fromString(o.value(u"made_at"_s).toString(), Qt::ISODateWithMs);
    e.recipients = o.value(u"recipients"_s).toInteger();
    e.pricedRecipients = o.value(u"priced_recipients"_s).toInteger();
    e.totalMicros = microsFrom(o.value(u"total"_s));
    for (const QJsonValue &v : o.value(u"markets"_s).toArray()) {
        const QJsonObject m = v.toObject();
        e.markets.append({m.value(u"market"_s).toString(), m.value(u"recipients"_s).toInteger(),
                          microsFrom(m.value(u"price"_s)), microsFrom(m.value(u"total"_s))});
    }
    for (const QJsonValue &v : o.value(u"countries"_s).toArray()) {
        const QJsonObject c = v.toObject();
        Country country;
        country.region = c.value(u"region"_s).toString();
        country.name = c.value(u"name"_s).toString();
        country.market = c.value(u"market"_s).toString();
        country.recipients = c.value(u"recipients"_s).toInteger();
        country.priceMicros = microsFrom(c.value(u"price"_s));
        country.totalMicros = microsFrom(c.value(u"total"_s));
        country.unpricedReason = c.value(u"unpriced"_s).toString();
        e.countries.append(country);
    }
    return e;
}

} // namespace herald
