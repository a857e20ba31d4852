#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "simulator/CloudApiSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {} // namespace

// `templates` and `config` driven through the real herald-cli, once per backend.
class TestCliTemplates : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(TestDatabase &tdb, const QStringList &args, const QString &token = {})
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args, token);
    }

    static QStringList apiArgs(const CloudApiSimulator &sim)
    {
        return {u"--api-base"_s, sim.baseUrl().toString(), u"--waba-id"_s, sim.config().wabaId};
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(QFile::exists(QString::fromUtf8(HERALD_CLI_PATH)), HERALD_CLI_PATH);
    }

    void syncStoresTheCatalogueAndASecondSyncReportsACategoryChange()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig config;
        config.categoryChanges = {CategoryChange{1, u"order_update"_s, u"en_US"_s, u"MARKETING"_s}};
        CloudApiSimulator sim(config);
        QVERIFY(sim.start());
        const QString token = sim.config().accessToken;

        CliRun r =
            cli(*tdb, QStringList{u"templates"_s, u"sync"_s, u"--page-size"_s, u"4"_s} + apiArgs(sim), token);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"9 templates listed: 9 new"_s), qPrintable(r.describe()));
        QCOMPARE(sim.log().totals().templateListings, 3);
        QVERIFY(!r.out.contains(token) && !r.err.contains(token));

        r = cli(*tdb, QStringList{u"templates"_s, u"sync"_s, u"--json"_s} + apiArgs(sim), token);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json.value(u"seen"_s).toInt(), 9);
        QCOMPARE(json.value(u"updated"_s).toInt(), 1);
        const QJsonObject change = json.value(u"category_changes"_s).toArray().first().toObject();
        QCOMPARE(change.value(u"name"_s).toString(), u"order_update"_s);
        QCOMPARE(change.value(u"previous_category"_s).toString(), u"UTILITY"_s);
        QCOMPARE(change.value(u"category"_s).toString(), u"MARKETING"_s);

        r = cli(*tdb, {u"templates"_s, u"list"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains(u"appointment_reminder"_s));
        QVERIFY(r.out.contains(u"body.first_name, body.date"_s));
        QVERIFY(r.out.contains(u"UTILITY ("_s)); // previous category with the time it changed

        r = cli(*tdb, {u"templates"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray list = r.json().value(u"templates"_s).toArray();
        QCOMPARE(list.size(), 9);
        bool seenChanged = false;
        for (const QJsonValue &v : list) {
            const QJsonObject t = v.toObject();
            if (t.value(u"name"_s) == u"order_update"_s && t.value(u"language"_s) == u"en_US"_s) {
                seenChanged = true;
                QCOMPARE(t.value(u"previous_category"_s).toString(), u"UTILITY"_s);
                QVERIFY(!t.value(u"category_changed_at"_s).toString().isEmpty());
                QCOMPARE(t.value(u"variables"_s).toArray().size(), 4);
            }
        }
        QVERIFY(seenChanged);
    }

    void syncWithAWrongTokenSaysSoAndStoresNothing()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const QString wrong = u"EAAwrongTokenWrongTokenWrong123"_s;
        const CliRun r = cli(*tdb, QStringList{u"templates"_s, u"sync"_s} + apiArgs(sim), wrong);
        QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"access token"_s), qPrintable(r.describe()));
        QVERIFY(!r.err.contains(wrong) && !r.out.contains(wrong));
        QCOMPARE(
            cli(*tdb, {u"templates"_s, u"list"_s, u"--json"_s}).json().value(u"templates"_s).toArray().size(),
            0);
    }

    void syncWithoutATokenInTheEnvironmentIsAUsageError()
    {
        HERALD_TEST_DB(tdb);
        const CliRun r = cli(*tdb, {u"templates"_s, u"sync"_s, u"--waba-id"_s, u"1"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"HERALD_ACCESS_TOKEN"_s), qPrintable(r.describe()));
    }

    void aTokenOnTheCommandLineIsNotAnOption()
    {
        HERALD_TEST_DB(tdb);
        const QString secret = u"EAAcommandLineSecret1234567890"_s;
        for (const QString &option : {u"--access-token"_s, u"--token"_s}) {
            const CliRun r = cli(*tdb, {u"templates"_s, u"sync"_s, option, secret});
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY(!r.err.contains(secret) && !r.out.contains(secret));
        }
    }

    void aPlainHttpApiBaseOutsideThisComputerIsRefused()
    {
        HERALD_TEST_DB(tdb);
        CliRun r =
            cli(*tdb,
                {u"templates"_s, u"sync"_s, u"--api-base"_s, u"http://example.com"_s, u"--waba-id"_s, u"1"_s},
                u"herald-demo-token"_s);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"https://"_s), qPrintable(r.describe()));

        r = cli(*tdb, {u"config"_s, u"set"_s, u"api.base"_s, u"http://example.com"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"https://"_s), qPrintable(r.describe()));
        QCOMPARE(cli(*tdb, {u"config"_s, u"get"_s, u"api.base"_s}).exitCode, 5);
    }

    void configSetGetListUnset()
    {
        HERALD_TEST_DB(tdb);
        CliRun r = cli(*tdb, {u"config"_s, u"set"_s, u"api.base"_s, u"http://127.0.0.1:9"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli(*tdb, {u"config"_s, u"set"_s, u"api.waba_id"_s, u"102290129340398"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        r = cli(*tdb, {u"config"_s, u"get"_s, u"api.base"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out, u"http://127.0.0.1:9\n"_s);

        r = cli(*tdb, {u"config"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"settings"_s).toObject(),
                 (QJsonObject{{u"api.base"_s, u"http://127.0.0.1:9"_s},
                              {u"api.waba_id"_s, u"102290129340398"_s}}));

        r = cli(*tdb, {u"config"_s, u"list"_s});
        QVERIFY(r.out.contains(u"api.waba_id"_s));

        QCOMPARE(cli(*tdb, {u"config"_s, u"unset"_s, u"api.base"_s}).exitCode, 0);
        QCOMPARE(cli(*tdb, {u"config"_s, u"get"_s, u"api.base"_s}).exitCode, 5);
        QCOMPARE(cli(*tdb, {u"config"_s, u"unset"_s, u"api.base"_s}).exitCode, 5);

        r = cli(*tdb, {u"config"_s, u"set"_s, u"api.request_timeout_ms"_s, u"5"_s});
        QCOMPARE(r.exitCode, 2);
        r = cli(*tdb, {u"config"_s, u"set"_s, u"api.bse"_s, u"https://graph.facebook.com"_s});
        QCOMPARE(r.exitCode, 2);
        // The sending settings the console shares, checked by the same catalogue.
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"api.rate_ceiling"_s, u"250"_s}).exitCode, 0);
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"api.rate_ceiling"_s, u"5000"_s}).exitCode, 2);
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"api.concurrency"_s, u"0"_s}).exitCode, 0);
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"send.retry_no_response"_s, u"maybe"_s}).exitCode, 2);
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"import.region"_s, u"de"_s}).exitCode, 0);
        r = cli(*tdb, {u"config"_s, u"set"_s, u"import.region"_s, u"Germany"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"DE"_s), qPrintable(r.describe()));
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"send.colour"_s, u"blue"_s}).exitCode, 2);
    }

    void configRefusesTokenKeysWithoutEchoingTheValue()
    {
        HERALD_TEST_DB(tdb);
        const QString secret = u"EAAstoredSecret1234567890abc"_s;
        const CliRun r = cli(*tdb, {u"config"_s, u"set"_s, u"api.access_token"_s, secret});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"HERALD_ACCESS_TOKEN"_s), qPrintable(r.describe()));
        QVERIFY(!r.err.contains(secret));
        QCOMPARE(
            cli(*tdb, {u"config"_s, u"list"_s, u"--json"_s}).json().value(u"settings"_s).toObject().size(),
            0);
    }

    void storedSettingsAreUsedWhenTheCommandLineGivesNone()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"api.base"_s, sim.baseUrl().toString()}).exitCode, 0);
        QCOMPARE(cli(*tdb, {u"config"_s, u"set"_s, u"api.waba_id"_s, sim.config().wabaId}).exitCode, 0);
        const CliRun r = cli(*tdb, {u"templates"_s, u"sync"_s}, sim.config().accessToken);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains(u"9 new"_s));
    }

    void checkRefusesWithExit6AndPassesOnceTheMappingIsComplete()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        CampaignStore store(tdb->db(), Clock::system());
        const Campaign c = store.create({u"Autumn"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        QList<Recipient> recipients;
        for (int i = 0; i < 3; ++i) {
            Recipient rec;
            rec.phone = u"+4917%1"_s.arg(400000000 + i);
            rec.params =
                QJsonObject{{u"body.1"_s, u"Alex"_s}, {u"body.2"_s, u"A1"_s}, {u"button.0"_s, u"A1"_s}};
            recipients << rec;
        }
        QueueEngine(tdb->db(), Clock::system()).enqueue(c.id, recipients);

        CliRun r = cli(*tdb, {u"templates"_s, u"check"_s, u"--campaign"_s, u"Autumn"_s});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"not in the synced list; run templates sync"_s), qPrintable(r.describe()));

        QCOMPARE(cli(*tdb, QStringList{u"templates"_s, u"sync"_s} + apiArgs(sim), sim.config().accessToken)
                     .exitCode,
                 0);
        r = cli(*tdb, {u"templates"_s, u"check"_s, u"--campaign"_s, u"Autumn"_s});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"header.1 has no value for 3 contacts and no campaign default"_s),
                 qPrintable(r.describe()));

        r = cli(*tdb, {u"templates"_s, u"check"_s, u"--campaign"_s, u"Autumn"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 6);
        QCOMPARE(r.json().value(u"ready"_s).toBool(), false);
        QCOMPARE(r.json().value(u"contacts"_s).toInt(), 3);

        store.updateSettings(
            c.id,
            QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://cdn.example.com/a.jpg"_s}}}});
        r = cli(*tdb, {u"templates"_s, u"check"_s, u"--campaign"_s, u"Autumn"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains(u"is ready"_s));

        QCOMPARE(cli(*tdb, {u"templates"_s, u"check"_s, u"--campaign"_s, u"Nope"_s}).exitCode, 5);
    }
};

QTEST_GUILESS_MAIN(TestCliTemplates)
#include "test_cli_templates.moc"
