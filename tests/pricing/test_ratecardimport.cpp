#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "pricing/RateCardCsv.h"
#include "pricing/RateCardStore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(HERALD_PRICING_DATA) + u'/' + name;
}

qint64 rows(Database &db, const QString &table)
{
    return db.scalar(u"SELECT COUNT(*) FROM "_s + table).toLongLong();
}

} // namespace

class TestRateCardImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aGoodCardIsStoredWithMarketsCountriesAndPrices()
    {
        HERALD_TEST_DB(tdb);
        RateCardStore store(tdb->db(), Clock::system());
        const RateCardCsv::Result r =
            store.importFile(fixture(u"fixture_card.csv"_s), u"Meta EUR"_s, QDate(2026, 10, 1));
        QVERIFY2(r.card.has_value(), qPrintable(r.errorMessage));
        QVERIFY(r.card->id > 0);
        const std::optional<RateCard> card = store.load(r.card->id);
        QVERIFY(card);
        QCOMPARE(card->name, u"Meta EUR"_s);
        QCOMPARE(card->effectiveDate, QDate(2026, 10, 1));
        QCOMPARE(card->currency, u"EUR"_s);
        QVERIFY(!card->isExample);
        QCOMPARE(card->markets.size(), 4);
        QCOMPARE(card->markets.at(0).name, u"Germany"_s); // the file's order
        QCOMPARE(card->markets.at(1).countries, (QStringList{u"CA"_s, u"US"_s}));
        QCOMPARE(card->markets.at(2).countries, (QStringList{u"AT"_s, u"CH"_s, u"NL"_s}));
        QVERIFY(card->markets.at(3).restOfWorld);
        QCOMPARE(card->markets.at(0).priceMicros.value(u"MARKETING"_s), 113100);
        QCOMPARE(card->markets.at(1).priceMicros.value(u"AUTHENTICATION"_s), 11500);
        // An empty cell: that market does not price the category.
        QVERIFY(!card->markets.at(2).priceMicros.contains(u"AUTHENTICATION"_s));
        QCOMPARE(card->categories(), (QStringList{u"AUTHENTICATION"_s, u"MARKETING"_s, u"UTILITY"_s}));
        QCOMPARE(rows(tdb->db(), u"rate_card_countries"_s), 6);
        QCOMPARE(rows(tdb->db(), u"rate_card_prices"_s), 11);
    }

    void aBadCardStoresNothingAndNamesFileLineAndReason_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown country")
            << u"bad_country.csv"_s << qint64(4) << u"\"UK\" is not an ISO 3166"_s;
        QTest::newRow("comma in a price") << u"bad_price.csv"_s << qint64(3) << u"uses a comma"_s;
        QTest::newRow("country in two markets")
            << u"country_twice.csv"_s << qint64(3) << u"DE is already in market \"Germany\" (line 2)"_s;
        QTest::newRow("two currencies") << u"mixed_currency.csv"_s << qint64(3) << u"one currency"_s;
        QTest::newRow("no countries column") << u"missing_column.csv"_s << qint64(1) << u"countries"_s;
        QTest::newRow("ragged row") << u"ragged_row.csv"_s << qint64(3) << u"field"_s;
    }
    void aBadCardStoresNothingAndNamesFileLineAndReason()
    {
        QFETCH(QString, file);
        QFETCH(qint64, line);
        QFETCH(QString, reason);
        HERALD_TEST_DB(tdb);
        RateCardStore store(tdb->db(), Clock::system());
        const RateCardCsv::Result r = store.importFile(fixture(file), u"Bad"_s, QDate(2026, 10, 1));
        QVERIFY(!r.card);
        QCOMPARE(r.line, line);
        QVERIFY2(r.errorMessage.startsWith(file + u", line "_s + QString::number(line) + u": "_s),
                 qPrintable(r.errorMessage));
        QVERIFY2(r.reason.contains(reason), qPrintable(r.reason));
        // The good rows before the bad one were not stored either.
        QCOMPARE(rows(tdb->db(), u"rate_cards"_s), 0);
        QCOMPARE(rows(tdb->db(), u"rate_card_markets"_s), 0);
        QCOMPARE(rows(tdb->db(), u"rate_card_countries"_s), 0);
        QCOMPARE(rows(tdb->db(), u"rate_card_prices"_s), 0);
    }

    void aCardNeedsANameAndADate()
    {
        const RateCardCsv::Result noName =
            RateCardCsv::read(fixture(u"fixture_card.csv"_s), u" "_s, QDate(2026, 1, 1));
        QVERIFY(!noName.card);
        QVERIFY(noName.errorMessage.contains(u"name"_s));
        const RateCardCsv::Result noDate = RateCardCsv::read(fixture(u"fixture_card.csv"_s), u"X"_s, QDate());
        QVERIFY(!noDate.card);
        QVERIFY(noDate.errorMessage.contains(u"date"_s));
    }

    void categoryHeadersAreNormalised()
    {
        QCOMPARE(RateCardCsv::categoryName(u"Authentication-International"),
                 u"AUTHENTICATION_INTERNATIONAL"_s);
        QCOMPARE(RateCardCsv::categoryName(u" marketing "), u"MARKETING"_s);
        QCOMPARE(RateCardCsv::categoryName(u"Price (USD)"), QString());
    }

    void theExampleIsInstalledOnceAndMarkedAndAnImportedCardWins()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC));
        RateCardStore store(tdb->db(), clock);
        const RateCard example = store.current();
        QVERIFY(example.isExample);
        QVERIFY(example.label().contains(u"example"_s));
        QVERIFY(example.markets.size() > 20);
        QVERIFY(example.restOfWorld() >= 0);
        QCOMPARE(store.ensureExample(), example.id);
        QCOMPARE(rows(tdb->db(), u"rate_cards"_s), 1);

        // A card announced for later is used only while no imported card is in effect.
        const auto later =
            store.importFile(fixture(u"fixture_card.csv"_s), u"December"_s, QDate(2026, 12, 1));
        QVERIFY(later.card);
        QCOMPARE(store.current().id, later.card->id);
        const auto now = store.importFile(fixture(u"fixture_card.csv"_s), u"October"_s, QDate(2026, 10, 1));
        QVERIFY(now.card);
        QCOMPARE(store.current().id, now.card->id);
        clock.set(QDateTime(QDate(2026, 12, 2), QTime(0, 0), Qt::UTC));
        QCOMPARE(store.current().id, later.card->id);
        QCOMPARE(store.list().size(), 3);
        QVERIFY(store.remove(later.card->id));
        QVERIFY(!store.remove(later.card->id));
        QCOMPARE(store.current().id, now.card->id);
    }
};

QTEST_GUILESS_MAIN(TestRateCardImport)
#include "test_ratecardimport.moc"
