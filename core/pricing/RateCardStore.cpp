#include "pricing/RateCardStore.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"

#include <QFile>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

RateCard cardFromRow(const QSqlQuery &q)
{
    RateCard c;
    c.id = q.value(0).toLongLong();
    c.name = q.value(1).toString();
    c.effectiveDate = QDate::fromString(q.value(2).toString().left(10), Qt::ISODate);
    c.currency = q.value(3).toString();
    c.isExample = q.value(4).toBool();
    c.source = q.value(5).toString();
    c.importedAt = Database::readTime(q.value(6));
    return c;
}

const QString kCardColumns = u"id, name, effective_date, currency, is_example, source, imported_at"_s;

} // namespace

RateCardStore::RateCardStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString RateCardStore::exampleResourcePath()
{
    return u":/herald/ratecards/example_rate_card.csv"_s;
}

QString RateCardStore::exampleName()
{
    return tr("Herald example card");
}

QDate RateCardStore::exampleEffectiveDate()
{
    // The start of Meta's per-message pricing, the model the example follows.
    return QDate(2025, 7, 1);
}

QVariant RateCardStore::dateValue(const QDate &date) const
{
    return m_db.isPostgres() ? QVariant(date) : QVariant(date.toString(Qt::ISODate));
}

RateCardCsv::Result RateCardStore::importFile(const QString &path, const QString &name,
                                              const QDate &effectiveDate)
{
    RateCardCsv::Result r = RateCardCsv::read(path, name, effectiveDate);
    if (r.card) {
        r.card->id = save(*r.card);
        if (std::optional<RateCard> stored = load(r.card->id)) {
            r.card = std::move(stored);
        }
    }
    return r;
}

qint64 RateCardStore::save(RateCard card)
{
    Transaction tx(m_db);
    const QString dateSql = m_db.isPostgres() ? u"CAST(? AS date)"_s : u"?"_s;
    QSqlQuery q =
        m_db.run(u"INSERT INTO rate_cards (name, effective_date, currency, is_example, source, "
                 "imported_at) VALUES (?, "_s +
                     dateSql + u", ?, ?, ?, ?) RETURNING id"_s,
                 {card.name, card.effectiveDate.toString(Qt::ISODate), card.currency, card.isExample,
                  Database::textOrNull(card.source), m_db.timeValue(m_clock.now())});
    if (!q.next()) {
        throw DbError(tr("The rate card \"%1\" was not stored.").arg(card.name));
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    QSqlQuery market = m_db.prepare(
        u"INSERT INTO rate_card_markets (card_id, market, rest_of_world, position) VALUES (?, ?, ?, ?)"_s);
    QSqlQuery country =
        m_db.prepare(u"INSERT INTO rate_card_countries (card_id, region, market) VALUES (?, ?, ?)"_s);
    QSqlQuery price = m_db.prepare(
        u"INSERT INTO rate_card_prices (card_id, market, category, price_micros) VALUES (?, ?, ?, ?)"_s);
    int position = 0;
    for (const RateCardMarket &m : std::as_const(card.markets)) {
        Database::exec(market, {id, m.name, m.restOfWorld, position++});
        for (const QString &c : m.countries) {
            Database::exec(country, {id, c, m.name});
        }
        for (auto it = m.priceMicros.cbegin(); it != m.priceMicros.cend(); ++it) {
            Database::exec(price, {id, m.name, it.key(), it.value()});
        }
    }
    tx.commit();
    return id;
}

std::optional<RateCard> RateCardStore::load(qint64 id) const
{
    QSqlQuery q = m_db.run(u"SELECT "_s + kCardColumns + u" FROM rate_cards WHERE id = ?"_s, {id});
    if (!q.next()) {
        return std::nullopt;
    }
    RateCard card = cardFromRow(q);
    q.finish();
    QHash<QString, qsizetype> byName;
    QSqlQuery m = m_db.run(
        u"SELECT market, rest_of_world FROM rate_card_markets WHERE card_id = ? ORDER BY position"_s, {id});
    while (m.next()) {
        RateCardMarket market;
        market.name = m.value(0).toString();
        market.restOfWorld = m.value(1).toBool();
        byName.insert(market.name, card.markets.size());
        card.markets.append(market);
    }
    QSqlQuery c =
        m_db.run(u"SELECT region, market FROM rate_card_countries WHERE card_id = ? ORDER BY region"_s, {id});
    while (c.next()) {
        if (const auto it = byName.constFind(c.value(1).toString()); it != byName.cend()) {
            card.markets[*it].countries << c.value(0).toString();
        }
    }
    QSqlQuery p =
        m_db.run(u"SELECT market, category, price_micros FROM rate_card_prices WHERE card_id = ?"_s, {id});
    while (p.next()) {
        if (const auto it = byName.constFind(p.value(0).toString()); it != byName.cend()) {
            card.markets[*it].priceMicros.insert(p.value(1).toString(), p.value(2).toLongLong());
        }
    }
    return card;
}

QList<RateCard> RateCardStore::list() const
{
    QList<RateCard> out;
    QSqlQuery q =
        m_db.run(u"SELECT "_s + kCardColumns + u" FROM rate_cards ORDER BY imported_at DESC, id DESC"_s);
    while (q.next()) {
        out.append(cardFromRow(q));
    }
    return out;
}

bool RateCardStore::remove(qint64 id)
{
    QSqlQuery q = m_db.run(u"DELETE FROM rate_cards WHERE id = ?"_s, {id});
    return q.numRowsAffected() > 0;
}

RateCard RateCardStore::current()
{
    const QVariant today = dateValue(m_clock.now().toUTC().date());
    const QString dateSql = m_db.isPostgres() ? u"CAST(? AS date)"_s : u"?"_s;
    QSqlQuery q = m_db.run(u"SELECT id FROM rate_cards WHERE is_example = ? AND effective_date <= "_s +
                               dateSql + u" ORDER BY effective_date DESC, id DESC LIMIT 1"_s,
                           {false, today});
    qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    if (id == 0) {
        QSqlQuery later = m_db.run(
            u"SELECT id FROM rate_cards WHERE is_example = ? ORDER BY effective_date, id DESC LIMIT 1"_s,
            {false});
        id = later.next() ? later.value(0).toLongLong() : 0;
    }
    if (id == 0) {
        id = ensureExample();
    }
    std::optional<RateCard> card = load(id);
    if (!card) {
        throw DbError(DbError::Kind::NotFound, tr("The rate card %1 disappeared while it was read.").arg(id));
    }
    return *card;
}

qint64 RateCardStore::ensureExample()
{
    QSqlQuery q = m_db.run(u"SELECT id FROM rate_cards WHERE is_example = ? ORDER BY id LIMIT 1"_s, {true});
    if (q.next()) {
        return q.value(0).toLongLong();
    }
    q.finish();
    QFile file(exampleResourcePath());
    if (!file.open(QIODevice::ReadOnly)) {
        throw DbError(
            tr("The example rate card is missing from this build (%1).").arg(exampleResourcePath()));
    }
    RateCardCsv::Result r =
        RateCardCsv::read(&file, u"example_rate_card.csv"_s, exampleName(), exampleEffectiveDate());
    if (!r.card) {
        throw DbError(tr("The example rate card is broken: %1").arg(r.errorMessage));
    }
    r.card->isExample = true;
    r.card->source = exampleResourcePath();
    return save(*r.card);
}

} // namespace herald
