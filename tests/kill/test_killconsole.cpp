// The kill harness for the console's sender: the real `herald` program (offscreen) sending a
// campaign, SIGKILLed mid-campaign at seeded moments and started again, until a restart finishes
// the campaign. The console sends a campaign set running (`herald-cli resume`) that no live
// process holds — the path a user takes after `resume`, or after a console closed or crashed
// mid-campaign — so no click is needed. After every kill the same promises as for `herald-cli run`
// hold; at the end every row is sent or failed with a reason, and no file the consoles wrote (logs,
// session markers, settings, database) holds the access token. SQLite and PostgreSQL.
#include "../secrets/SecretSearch.h"
#include "KillHarness.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
constexpr std::chrono::seconds Lease{300};
}

class TestKillConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aConsoleKilledMidCampaignIsFinishedByARestartWithNobodyMessagedTwice()
    {
        HERALD_TEST_DB(tdb);
        const KillSize size = killSize(1200, 3, 6000, 12);
        const quint64 seed = killSeed("test_killconsole");
        std::mt19937_64 rng(seed);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString token = uniqueToken();
        SimulatorConfig sc;
        sc.latencyMs = 40;
        sc.accessToken = token;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());

        const int rate = 60;
        const int maxDelayMs = std::max(500, size.kills > 0 ? size.messages * 1000 / rate / size.kills : 0);
        Database &db = tdb->db();
        storeSimulatorSettings(db, sim, rate);
        const QString cli = QString::fromUtf8(HERALD_CLI_PATH);
        auto runCli = [&](const QStringList &args) {
            Child child(cli, QStringList{u"--db"_s, tdb->url()} + args, home.path(), token, u"cli.out"_s);
            return child.start() ? std::make_pair(child.finish(60'000), child.output())
                                 : std::make_pair(-3, QString());
        };
        const auto sync = runCli({u"templates"_s, u"sync"_s});
        QVERIFY2(sync.first == 0, qPrintable(sync.second));
        const Campaign c = readyCampaign(db, u"Console kill"_s, size.messages);
        readyCampaign(db, u"Bystanders"_s, 300, 5'000'000);
        const QSet<QString> keys = recipientKeys(db, c.id);
        const auto resume = runCli({u"resume"_s, u"--campaign"_s, c.name});
        QVERIFY2(resume.first == 0, qPrintable(resume.second));

        const QString gui = QString::fromUtf8(HERALD_GUI_PATH);
        const QStringList guiArgs{u"--db"_s, tdb->url()};
        QElapsedTimer clock;
        clock.start();
        int kills = 0;
        for (int i = 0; i < size.kills; ++i) {
            Child console(gui, guiArgs, home.path(), token, u"console.out"_s);
            QVERIFY(console.start());
            const qint64 acceptedBefore = sim.log().totals().accepted;
            // The console takes the campaign over, recovers what the killed one held, and sends.
            QVERIFY2(
                waitFor([&] { return !console.isRunning() || sim.log().totals().accepted > acceptedBefore; },
                        90'000),
                "the console did not take the running campaign over");
            QVERIFY2(console.isRunning(), qPrintable(console.output()));
            QVERIFY2(waitFor([&] { return processingHeldByOthers(db, c.id, console.pid()) == 0; }, 60'000),
                     "rows of a killed console stayed in processing while its successor sent");
            QTest::qWait(std::uniform_int_distribution<int>(0, maxDelayMs)(rng));
            if (!console.kill()) {
                break;
            }
            ++kills;
            const KillCheck check = checkAfterKill(db, c.id, sim, keys, Lease);
            QVERIFY2(
                check.ok(),
                qPrintable(u"after kill %1: %2 (HERALD_KILL_SEED=%3)"_s.arg(kills).arg(check.why).arg(seed)));
            const CampaignStatus status = CampaignStore(db, Clock::system()).byId(c.id).status;
            if (status == CampaignStatus::Completed) {
                break; // it had sent everything before this kill
            }
            QVERIFY2(status == CampaignStatus::Running,
                     "a killed console's campaign is no longer running: nobody would take it over");
        }
        QVERIFY2(kills > 0, "not one kill landed: the test proved nothing");

        // A restarted console finishes the campaign.
        {
            Child console(gui, guiArgs, home.path(), token, u"console.out"_s);
            QVERIFY(console.start());
            QVERIFY2(waitFor(
                         [&] {
                             return !console.isRunning() ||
                                    CampaignStore(db, Clock::system()).byId(c.id).status ==
                                        CampaignStatus::Completed;
                         },
                         600'000, 200),
                     "the restarted console did not finish the campaign");
            QVERIFY2(console.isRunning(), qPrintable(console.output()));
            console.kill();
        }
        const double seconds = clock.elapsed() / 1000.0;
        const KillCheck check = checkAfterKill(db, c.id, sim, keys, Lease);
        QVERIFY2(check.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(check.why).arg(seed)));
        const EndCheck end = checkAtEnd(db, c.id, sim, size.messages);
        QVERIFY2(end.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(end.why).arg(seed)));

        const QStringList roots = filesWrittenBy(*tdb, home.path());
        int filesRead = 0;
        const QStringList withToken = filesWithText(roots, token, &filesRead);
        QVERIFY2(withToken.isEmpty(), qPrintable(u"the access token is in: "_s + withToken.join(u", "_s)));
        QVERIFY2(!filesWithText({home.path() + u"/data"_s}, u"Herald"_s).isEmpty(),
                 "the consoles wrote no log: the search proved nothing");

        qInfo("%s: %d messages, %d console kills survived, %lld sent, %lld failed \"interrupted\" (%lld of "
              "them "
              "accepted), duplicates %lld, wrong recipients %lld, %d files searched for the token (0 hits), "
              "%.1f s, "
              "HERALD_KILL_SEED=%llu",
              qPrintable(backend), size.messages, kills, end.sent, end.failed, end.acceptedInterrupted,
              check.duplicates, check.wrongRecipients, filesRead, seconds,
              static_cast<unsigned long long>(seed));
    }
};

QTEST_GUILESS_MAIN(TestKillConsole)
#include "test_killconsole.moc"
