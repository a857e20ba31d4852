#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "pricing/CostEstimator.h"
#include "pricing/RateCardStore.h"
#include "pricing/RecipientCountries.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "templates/TemplateStore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(HERALD_PRICING_DATA) + u'/' + name;
}

TemplateRecord promo(const QString &category)
{
    TemplateRecord t;
    t.name = u"spring_promo"_s;
    t.language = u"en_US"_s;
    t.status = u"APPROVED"_s;
    t.category = category;
    t.components = QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Hello"_s}}};
    return t;
}

// Recipients by the country their number belongs to. +1 and +44 are shared calling codes:
// libphonenumber tells US from CA and GB from GG by the rest of the number.
QMap<QString, QStringList> recipients()
{
    QMap<QString, QStringList> m;
    for (int i = 0; i < 7; ++i) {
        m[u"DE"_s] << u"+491511234567%1"_s.arg(i);
    }
    m[u"US"_s] = QStringList{u"+16502530000"_s, u"+16502530001"_s, u"+12127365000"_s};
    m[u"CA"_s] = QStringList{u"+14162161000"_s, u"+16135551234"_s};
    for (int i = 0; i < 4; ++i) {
        m[u"AT"_s] << u"+43664123456%1"_s.arg(i);
    }
    m[u"GB"_s] = QStringList{u"+447400123456"_s};
    m[u"GG"_s] = QStringList{u"+447781123456"_s};
    return m;
}

struct Fixture
{
    QString campaignId;
    qint64 cardId = 0;
};

// A campaign on spring_promo with the recipients above and the fixture card imported. With
// `storedRegions` false the rows lose their region, as rows queued before schema version 4.
Fixture setUp(Database &db, const Clock &clock, const QString &category, bool storedRegions)
{
    Fixture f;
    TemplateStore(db, clock).upsert(promo(category));
    f.campaignId = CampaignStore(db, clock).create({u"Spring"_s, u"spring_promo"_s, u"en_US"_s, {}, {}}).id;
    QList<Recipient> list;
    const QMap<QString, QStringList> all = recipients();
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        for (const QString &phone : it.value()) {
            Recipient r;
            r.phone = phone;
            list << r;
        }
    }
    QueueEngine(db, clock).enqueue(f.campaignId, list);
    QSqlQuery set = db.prepare(u"UPDATE send_queue SET region = ? WHERE phone = ?"_s);
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        for (const QString &phone : it.value()) {
            Database::exec(set, {storedRegions ? it.key() : u""_s, phone});
        }
    }
    const auto r = RateCardStore(db, clock).importFile(fixture(u"fixture_card.csv"_s), u"Fixture EUR"_s,
                                                       QDate(2026, 10, 1));
    if (r.card) {
        f.cardId = r.card->id;
    }
    return f;
}

const CostEstimate::Market *market(const CostEstimate &e, const QString &name)
{
    for (const CostEstimate::Market &m : e.markets) {
        if (m.name == name) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace

class TestCostEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void regionsComeFromTheNumbersWhenRowsHaveNone()
    {
        const QMap<QString, QStringList> all = recipients();
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            for (const QString &phone : it.value()) {
                QCOMPARE(RecipientCountries::regionOf(phone), it.key());
            }
        }
        QCOMPARE(RecipientCountries::regionOf(u"+80012345678"_s), u"001"_s);
    }

    void recipientsAreCountedByCountry_data()
    {
        QTest::addColumn<bool>("storedRegions");
        QTest::newRow("regions stored with the rows") << true;
        QTest::newRow("regions read from the numbers") << false;
    }
    void recipientsAreCountedByCountry()
    {
        QFETCH(bool, storedRegions);
        HERALD_TEST_DB(tdb);
        const Fixture f = setUp(tdb->db(), Clock::system(), u"MARKETING"_s, storedRegions);
        const QMap<QString, qint64> counts = RecipientCountries::count(tdb->db(), f.campaignId);
        QMap<QString, qint64> expected;
        const QMap<QString, QStringList> all = recipients();
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            expected.insert(it.key(), it.value().size());
        }
        QCOMPARE(counts, expected);
    }

    void sharedCallingCodesWithLeadingZerosAreReadLikeTheParser()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        const QString id = CampaignStore(tdb->db(), clock).create({u"It"_s, u"t"_s, u"en"_s, {}, {}}).id;
        // +39 is shared by Italy and the Vatican; Rome's numbers keep their leading 0.
        const QStringList phones{u"+390612345678"_s, u"+393123456789"_s, u"+390669812345"_s};
        QList<Recipient> list;
        for (const QString &p : phones) {
            list << Recipient{p, {}, {}, 0};
        }
        QueueEngine(tdb->db(), clock).enqueue(id, list);
        tdb->db().run(u"UPDATE send_queue SET region = ''"_s);
        QMap<QString, qint64> expected;
        for (const QString &p : phones) {
            expected[RecipientCountries::regionOf(p)] += 1;
        }
        QCOMPARE(RecipientCountries::count(tdb->db(), id), expected);
        QCOMPARE(expected.value(u"IT"_s), 2);
    }

    void perMarketTotalsAreExact_data()
    {
        QTest::addColumn<bool>("storedRegions");
        QTest::newRow("regions stored with the rows") << true;
        QTest::newRow("regions read from the numbers") << false;
    }
    void perMarketTotalsAreExact()
    {
        QFETCH(bool, storedRegions);
        HERALD_TEST_DB(tdb);
        const Fixture f = setUp(tdb->db(), Clock::system(), u"MARKETING"_s, storedRegions);
        QVERIFY(f.cardId > 0);
        const CostEstimate e = CostEstimator(tdb->db(), Clock::system()).estimate(f.campaignId);
        QCOMPARE(e.category, u"MARKETING"_s);
        QCOMPARE(e.currency, u"EUR"_s);
        QCOMPARE(e.cardId, f.cardId);
        QCOMPARE(e.cardName, u"Fixture EUR"_s);
        QCOMPARE(e.cardEffectiveDate, QDate(2026, 10, 1));
        QVERIFY(!e.cardIsExample);
        QCOMPARE(e.recipients, 18);
        QCOMPARE(e.pricedRecipients, 18);
        // Germany 7 × 0.1131, North America (US 3 + CA 2) 5 × 0.0219, Rest of Western Europe
        // (AT) 4 × 0.0509, Other (GB, GG) 2 × 0.0500.
        QCOMPARE(e.markets.size(), 4);
        QCOMPARE(market(e, u"Germany"_s)->recipients, 7);
        QCOMPARE(market(e, u"Germany"_s)->totalMicros, 791700);
        QCOMPARE(market(e, u"North America"_s)->recipients, 5);
        QCOMPARE(market(e, u"North America"_s)->totalMicros, 109500);
        QCOMPARE(market(e, u"Rest of Western Europe"_s)->totalMicros, 203600);
        QCOMPARE(market(e, u"Other"_s)->recipients, 2);
        QCOMPARE(market(e, u"Other"_s)->totalMicros, 100000);
        QCOMPARE(e.totalMicros, 1204800);
        QCOMPARE(e.totalText(), u"1.2048 EUR"_s);
        QCOMPARE(e.markets.first().name, u"Germany"_s); // largest total first
        qint64 countrySum = 0;
        for (const CostEstimate::Country &c : e.countries) {
            countrySum += c.totalMicros;
        }
        QCOMPARE(countrySum, e.totalMicros);
        QCOMPARE(e.countries.first().region, u"DE"_s);
        QCOMPARE(e.countries.first().name, u"Germany"_s);
    }

    void aCategoryAMarketDoesNotPriceIsReportedUnpriced()
    {
        HERALD_TEST_DB(tdb);
        const Fixture f = setUp(tdb->db(), Clock::system(), u"AUTHENTICATION"_s, true);
        const CostEstimate e = CostEstimator(tdb->db(), Clock::system()).estimate(f.campaignId);
        QCOMPARE(e.unpricedRecipients(), 4); // Rest of Western Europe has no AUTHENTICATION price
        QCOMPARE(e.totalMicros, 7 * 63600 + 5 * 11500 + 2 * 30000);
        bool found = false;
        for (const CostEstimate::Country &c : e.countries) {
            if (c.region == "AT"_L1) {
                found = true;
                QVERIFY2(c.unpricedReason.contains(u"AUTHENTICATION"_s), qPrintable(c.unpricedReason));
            }
        }
        QVERIFY(found);
    }

    void aCategoryChangeTriggersTheWarningAndAReestimate()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC));
        const Fixture f = setUp(tdb->db(), clock, u"UTILITY"_s, true);
        CostEstimator estimator(tdb->db(), clock);
        const CostEstimator::Checked first = estimator.checked(f.campaignId);
        QVERIFY(first.reestimated); // there was none
        QVERIFY(first.warning.isEmpty());
        QCOMPARE(first.estimate.category, u"UTILITY"_s);
        QCOMPARE(first.estimate.totalMicros, 7 * 45600 + 5 * 3400 + 4 * 14700 + 2 * 6900);

        const CostEstimator::Checked unchanged = estimator.checked(f.campaignId);
        QVERIFY(!unchanged.reestimated);
        QVERIFY(unchanged.warning.isEmpty());
        QCOMPARE(unchanged.estimate.totalMicros, first.estimate.totalMicros);
        QCOMPARE(unchanged.estimate.madeAt, clock.now());

        // Meta re-categorises the template; the trigger records it.
        clock.advanceMs(3600 * 1000);
        TemplateStore(tdb->db(), clock).upsert(promo(u"MARKETING"_s));
        const CostEstimator::Checked changed = estimator.checked(f.campaignId);
        QVERIFY(changed.reestimated);
        QVERIFY(changed.previous);
        QCOMPARE(changed.previous->category, u"UTILITY"_s);
        QCOMPARE(changed.estimate.category, u"MARKETING"_s);
        QCOMPARE(changed.estimate.totalMicros, 1204800);
        QVERIFY2(changed.warning.contains(u"from UTILITY to MARKETING"_s), qPrintable(changed.warning));
        QVERIFY2(changed.warning.contains(first.estimate.totalText()), qPrintable(changed.warning));
        QVERIFY2(changed.warning.contains(u"1.2048 EUR"_s), qPrintable(changed.warning));

        // The new estimate is the stored one: the next check is quiet.
        QCOMPARE(estimator.stored(f.campaignId)->category, u"MARKETING"_s);
        const CostEstimator::Checked again = estimator.checked(f.campaignId);
        QVERIFY(!again.reestimated);
        QVERIFY(again.warning.isEmpty());
    }

    void theExampleCardIsUsedAndSaidWhenNoneWasImported()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        TemplateStore(tdb->db(), clock).upsert(promo(u"MARKETING"_s));
        const QString id =
            CampaignStore(tdb->db(), clock).create({u"C"_s, u"spring_promo"_s, u"en_US"_s, {}, {}}).id;
        Recipient r;
        r.phone = u"+4915112345670"_s;
        QueueEngine(tdb->db(), clock).enqueue(id, {r});
        const CostEstimate e = CostEstimator(tdb->db(), clock).estimateAndStore(id);
        QVERIFY(e.cardIsExample);
        QVERIFY(e.cardLabel().contains(u"example"_s));
        QCOMPARE(e.currency, u"USD"_s);
        QCOMPARE(e.recipients, 1);
        QVERIFY(e.totalMicros > 0);
        const std::optional<CostEstimate> back = CostEstimator(tdb->db(), clock).stored(id);
        QVERIFY(back);
        QCOMPARE(back->totalMicros, e.totalMicros);
        QVERIFY(back->cardIsExample);
        QCOMPARE(back->countries.size(), 1);
    }

    void anUnsyncedTemplateNeedsTheCategoryGiven()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        const QString id =
            CampaignStore(tdb->db(), clock).create({u"C"_s, u"unknown_tpl"_s, u"en_US"_s, {}, {}}).id;
        CostEstimator estimator(tdb->db(), clock);
        QVERIFY_THROWS_EXCEPTION(DbError, estimator.estimate(id));
        CostEstimator::Options o;
        o.category = u"utility"_s;
        QCOMPARE(estimator.estimate(id, o).category, u"UTILITY"_s);
    }
};

QTEST_GUILESS_MAIN(TestCostEstimate)
#include "test_costestimate.moc"
