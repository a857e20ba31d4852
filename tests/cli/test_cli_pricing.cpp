// ratecard import/show/list/remove, campaign estimate and import --skip-recent-days through
// the real herald-cli, on both backends.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "templates/TemplateStore.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
QString fixture(const QString &name)
{
    return QStringLiteral(HERALD_PRICING_DATA) + u'/' + name;
}
} // namespace

class TestCliPricing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(TestDatabase &tdb, const QStringList &args)
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aBadCardExitsSevenNamingLineAndReasonAndStoresNothing()
    {
        HERALD_TEST_DB(tdb);
        const CliRun bad = cli(*tdb, {u"ratecard"_s, u"import"_s, fixture(u"bad_country.csv"_s),
                                      u"--effective"_s, u"2026-10-01"_s});
        QCOMPARE(bad.exitCode, 7);
        QVERIFY2(bad.err.contains(u"bad_country.csv, line 4: \"UK\" is not an ISO 3166 country code"_s),
                 qPrintable(bad.describe()));
        QVERIFY(bad.err.contains(u"Nothing was stored."_s));
        const CliRun list = cli(*tdb, {u"ratecard"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray cards = list.json().value(u"rate_cards"_s).toArray();
        QCOMPARE(cards.size(), 1); // only the example, installed on first use
        QVERIFY(cards.at(0).toObject().value(u"example"_s).toBool());

        const CliRun noDate = cli(*tdb, {u"ratecard"_s, u"import"_s, fixture(u"fixture_card.csv"_s)});
        QCOMPARE(noDate.exitCode, 2);
    }

    void anImportedCardPricesTheEstimateExactly()
    {
        HERALD_TEST_DB(tdb);
        const CliRun imported = cli(*tdb, {u"ratecard"_s, u"import"_s, fixture(u"fixture_card.csv"_s),
                                           u"--effective"_s, u"2026-10-01"_s, u"--name"_s, u"Fixture EUR"_s});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
        QVERIFY(imported.out.contains(u"Stored rate card"_s));
        const CliRun shown = cli(*tdb, {u"ratecard"_s, u"show"_s, u"--json"_s});
        QCOMPARE(shown.json().value(u"name"_s).toString(), u"Fixture EUR"_s);
        QCOMPARE(shown.json().value(u"markets"_s).toArray().size(), 4);

        const Clock &clock = Clock::system();
        TemplateRecord t;
        t.name = u"spring_promo"_s;
        t.language = u"en_US"_s;
        t.status = u"APPROVED"_s;
        t.category = u"UTILITY"_s;
        TemplateStore(tdb->db(), clock).upsert(t);
        const Campaign c =
            CampaignStore(tdb->db(), clock).create({u"Spring"_s, u"spring_promo"_s, u"en_US"_s, {}, {}});
        QList<Recipient> list;
        for (const QString &p :
             {u"+4915112345670"_s, u"+4915112345671"_s, u"+16502530000"_s, u"+447781123456"_s}) {
            list << Recipient{p, {}, {}, 0};
        }
        QueueEngine(tdb->db(), clock).enqueue(c.id, list);

        const CliRun first =
            cli(*tdb, {u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s, u"--json"_s});
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        QJsonObject e = first.json();
        QCOMPARE(e.value(u"category"_s).toString(), u"UTILITY"_s);
        QCOMPARE(e.value(u"recipients"_s).toInteger(), 4);
        QCOMPARE(e.value(u"total"_s).toString(), u"0.1015"_s); // 2 × 0.0456 + 0.0034 + 0.0069
        QVERIFY(e.value(u"warning"_s).isNull());

        t.category = u"MARKETING"_s;
        TemplateStore(tdb->db(), clock).upsert(t);
        const CliRun changed = cli(*tdb, {u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s});
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.describe()));
        QVERIFY2(
            changed.out.contains(u"Warning: Meta changed the category of template spring_promo (en_US) from "
                                 u"UTILITY to MARKETING"_s),
            qPrintable(changed.describe()));
        // 2 × 0.1131 + 0.0219 + 0.05
        QVERIFY2(changed.out.contains(u"0.1015 EUR → 0.2981 EUR"_s), qPrintable(changed.describe()));
        QVERIFY(changed.out.contains(u"Total: 0.2981 EUR for 4 recipients."_s));
    }

    void importSkipsRecentlyMessagedNumbers()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        const Campaign earlier =
            CampaignStore(tdb->db(), clock).create({u"Earlier"_s, u"t"_s, u"en"_s, {}, {}});
        QueueEngine(tdb->db(), clock).enqueue(earlier.id, {Recipient{u"+4915112345670"_s, {}, {}, 0}});
        tdb->db().run(u"UPDATE send_queue SET status = 'sent', sent_at = ?"_s,
                      {tdb->db().timeValue(clock.now().addDays(-1))});
        CampaignStore(tdb->db(), clock).create({u"Next"_s, u"t"_s, u"en"_s, {}, {}});
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c.csv"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("phone\n+4915112345670\n+4915112345671\n");
        f.close();
        const CliRun bad =
            cli(*tdb, {u"import"_s, path, u"--campaign"_s, u"Next"_s, u"--skip-recent-days"_s, u"0"_s});
        QCOMPARE(bad.exitCode, 2);
        const CliRun r = cli(*tdb, {u"import"_s, path, u"--campaign"_s, u"Next"_s, u"--skip-recent-days"_s,
                                    u"7"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"imported"_s).toInteger(), 1);
        QCOMPARE(r.json().value(u"recently_messaged"_s).toInteger(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliPricing)
#include "test_cli_pricing.moc"
