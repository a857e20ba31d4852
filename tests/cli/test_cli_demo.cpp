// herald-cli demo and run as a new user meets them: the demo sends a sample campaign to the
// in-process simulator end to end; run refuses a campaign whose template was never synced.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "sender/SenderPresence.h"
#include "simulator/CloudApiSimulator.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
// Values for the simulator's order_update template beyond body {{1}}.
QJsonObject sampleDefaults()
{
    return QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                   {u"body.1"_s, u"Ann"_s},
                                                   {u"body.2"_s, u"A1"_s},
                                                   {u"button.0"_s, u"A1"_s}}}};
}
} // namespace

class TestCliDemo : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void theDemoSendsASampleCampaignEndToEndAndReportsFailuresByReason()
    {
        HERALD_TEST_DB(tdb);
        const CliRun r = runCli(m_home.path(), {u"--db"_s, tdb->url(), u"demo"_s, u"--contacts"_s, u"300"_s,
                                                u"--rate"_s, u"1000"_s, u"--latency"_s, u"0"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"end"_s).toString(), u"completed"_s);
        QCOMPARE(o.value(u"total_contacts"_s).toInteger(), 300);
        // Three sample numbers end in the simulator's outcomes: undeliverable, opted out, and a
        // transient error that exhausts its retries.
        QCOMPARE(o.value(u"total_failed"_s).toInteger(), 3);
        QCOMPARE(o.value(u"total_sent"_s).toInteger(), 297);
        QCOMPARE(o.value(u"pending"_s).toInteger(), 0);
        QCOMPARE(tdb->db().scalar(u"SELECT count(*) FROM opt_outs"_s).toInt(), 1);
    }

    void runRefusesACampaignWhoseTemplateWasNeverSynced()
    {
        HERALD_TEST_DB(tdb);
        const Campaign c = CampaignStore(tdb->db(), Clock::system())
                               .create({u"Unsynced"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        QueueEngine(tdb->db(), Clock::system()).enqueue(c.id, {Recipient{u"+4915123456789"_s, {}, {}, 0}});
        const CliRun r = runCli(m_home.path(),
                                {u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, u"Unsynced"_s,
                                 u"--api-base"_s, u"http://127.0.0.1:9"_s, u"--phone-number-id"_s, u"1"_s},
                                u"token-for-the-test"_s);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"templates sync"_s), qPrintable(r.describe()));
        QCOMPARE(CampaignStore(tdb->db(), Clock::system()).byId(c.id).status, CampaignStatus::Draft);
    }

    // A campaign is sent from one place at a time: run refuses one that a live console holds,
    // naming it, and touches nothing.
    void runRefusesACampaignAnotherLiveSenderHolds()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Database &db = tdb->db();
        QCOMPARE(runCli(m_home.path(),
                        {u"--db"_s, tdb->url(), u"templates"_s, u"sync"_s, u"--api-base"_s,
                         sim.baseUrl().toString(), u"--waba-id"_s, sim.config().wabaId},
                        sim.config().accessToken)
                     .exitCode,
                 0);
        const Campaign c = CampaignStore(db, Clock::system())
                               .create({u"Held"_s, u"order_update"_s, u"en_US"_s, {}, sampleDefaults()});
        QueueEngine(db, Clock::system()).enqueue(c.id, {Recipient{u"+4915123456789"_s, {}, {}, 0}});
        SenderPresence console(db, Clock::system());
        console.announce(u"office-pc/4711/00c0ffee"_s, SenderKind::Console);
        console.acquire(c.id, u"office-pc/4711/00c0ffee"_s);
        const CliRun r =
            runCli(m_home.path(),
                   {u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, u"Held"_s, u"--api-base"_s,
                    sim.baseUrl().toString(), u"--phone-number-id"_s, sim.config().phoneNumberId},
                   sim.config().accessToken);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.out.contains(u"office-pc"_s) || r.err.contains(u"office-pc"_s), qPrintable(r.describe()));
        QCOMPARE(sim.log().totals().sendRequests, 0);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).status, CampaignStatus::Draft);
    }

    void runMayOnlyLowerTheNumbersCeiling()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QCOMPARE(runCli(m_home.path(),
                        {u"--db"_s, tdb->url(), u"templates"_s, u"sync"_s, u"--api-base"_s,
                         sim.baseUrl().toString(), u"--waba-id"_s, sim.config().wabaId},
                        sim.config().accessToken)
                     .exitCode,
                 0);
        const Campaign c = CampaignStore(tdb->db(), Clock::system())
                               .create({u"Fast"_s, u"order_update"_s, u"en_US"_s, {}, sampleDefaults()});
        QueueEngine(tdb->db(), Clock::system()).enqueue(c.id, {Recipient{u"+4915123456789"_s, {}, {}, 0}});
        const CliRun r = runCli(m_home.path(),
                                {u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, u"Fast"_s, u"--rate"_s,
                                 u"500"_s, u"--api-base"_s, sim.baseUrl().toString(), u"--phone-number-id"_s,
                                 sim.config().phoneNumberId},
                                sim.config().accessToken);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"api.rate_ceiling"_s), qPrintable(r.describe()));
        QCOMPARE(sim.log().totals().sendRequests, 0);
    }

    void runTakesTheTokenOnlyFromTheEnvironment()
    {
        HERALD_TEST_DB(tdb);
        const CliRun r = runCli(m_home.path(), {u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, u"X"_s,
                                                u"--token"_s, u"secret-on-the-command-line"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.out.contains(u"secret-on-the-command-line"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliDemo)
#include "test_cli_demo.moc"
