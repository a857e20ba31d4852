#include "pricing/RateCard.h"

#include "pricing/Money.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace herald {

QStringList RateCard::categories() const
{
    QSet<QString> set;
    for (const RateCardMarket &m : markets) {
        for (auto it = m.priceMicros.cbegin(); it != m.priceMicros.cend(); ++it) {
            set.insert(it.key());
        }
    }
    QStringList out(set.cbegin(), set.cend());
    out.sort();
    return out;
}

QHash<QString, qsizetype> RateCard::regionIndex() const
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < markets.size(); ++i) {
        for (const QString &c : markets.at(i).countries) {
            index.insert(c, i);
        }
    }
    return index;
}

qsizetype RateCard::restOfWorld() const
{
    for (qsizetype i = 0; i < markets.size(); ++i) {
        if (markets.at(i).restOfWorld) {
            return i;
        }
    }
    return -1;
}

QString RateCard::label() const
{
    QString s = QCoreApplication::translate("RateCard", "%1, effective %2")
                    .arg(name, effectiveDate.toString(Qt::ISODate));
    if (isExample) {
        s += QCoreApplication::translate("RateCard", " (example: not Meta's prices)");
    }
    return s;
}

QJsonObject RateCard::toJson() const
{
    QJsonArray ms;
    for (const RateCardMarket &m : markets) {
        QJsonObject prices;
        for (auto it = m.priceMicros.cbegin(); it != m.priceMicros.cend(); ++it) {
            prices.insert(it.key(), Money::format(it.value()));
        }
        ms.append(QJsonObject{{u"market"_s, m.name},
                              {u"countries"_s, QJsonArray::fromStringList(m.countries)},
                              {u"rest_of_world"_s, m.restOfWorld},
                              {u"prices"_s, prices}});
    }
    return QJsonObject{{u"id"_s, id},
                       {u"name"_s, name},
                       {u"effective_date"_s, effectiveDate.toString(Qt::ISODate)},
                       {u"currency"_s, currency},
                       {u"example"_s, isExample},
                       {u"source"_s, source},
                       {u"imported_at"_s, importedAt.toUTC().toString(Qt::ISODateWithMs)},
                       {u"markets"_s, ms}};
}

} // namespace herald
