// The kill harness for sending: `herald-cli run` as a real child process against the Cloud API
// simulator, SIGKILLed at seeded random moments and restarted each time, then run to the end.
// After every kill the counters equal a recount, nothing stays in processing past its lease (and
// the restart recovers every row a killed sender held), nobody was accepted twice and nobody
// outside the campaign was messaged; at the end every row is sent or failed with a reason. Then
// every file the run wrote is searched for the access token. SQLite and PostgreSQL.
//
// Short by default (CI); HERALD_KILL_FULL=1 runs 20,000 messages with 50 kills, HERALD_KILL_SEED
// replays a run (docs/RELIABILITY.md, "Crash safety").
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
constexpr std::chrono::seconds Lease{300}; // SenderConfig's default, which herald-cli run keeps

qint64 count(Database &db, const QString &campaignId, const QString &condition)
{
    return db
        .scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND "_s + condition, {campaignId})
        .toLongLong();
}
} // namespace

class TestKillRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aCampaignKilledAtSeededMomentsMessagesEveryoneOnceAndLeavesNoTokenBehind()
    {
        HERALD_TEST_DB(tdb);
        const KillSize size = killSize(2000, 8, 20000, 50);
        const quint64 seed = killSeed("test_killrun");
        std::mt19937_64 rng(seed);
        auto uniform = [&](int lo, int hi) {
            return std::uniform_int_distribution<int>(lo, hi)(rng);
        };

        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString token = uniqueToken();
        SimulatorConfig sc;
        sc.latencyMs = 40;
        sc.accessToken = token;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());

        // Paced so that the kills spread over most of the campaign: the sending time the kills
        // interrupt is about 60 % of what the whole campaign needs.
        const int rate = size.full ? 200 : 80;
        const int sendingMs = size.messages * 1000 / rate;
        const int maxDelayMs = std::max(300, size.kills > 0 ? sendingMs * 6 / 5 / size.kills : 0);

        Database &db = tdb->db();
        storeSimulatorSettings(db, sim, rate);
        const QString cli = QString::fromUtf8(HERALD_CLI_PATH);
        {
            Child sync(cli, {u"--db"_s, tdb->url(), u"templates"_s, u"sync"_s}, home.path(), token,
                       u"templates-sync.out"_s);
            QVERIFY(sync.start());
            QVERIFY2(sync.finish(60'000) == 0, qPrintable(sync.output()));
        }
        const Campaign c = readyCampaign(db, u"Kill harness"_s, size.messages);
        // Another campaign's contacts, never to be messaged by this run: a wrong recipient would be
        // one of them (or anybody else).
        readyCampaign(db, u"Bystanders"_s, 500, 5'000'000);
        const QSet<QString> keys = recipientKeys(db, c.id);
        QCOMPARE(keys.size(), size.messages);

        const QStringList runArgs{u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, c.name};
        QElapsedTimer clock;
        clock.start();
        int kills = 0;
        int earlyKills = 0;
        qint64 inFlightAtKills = 0;
        for (int i = 0; i < size.kills; ++i) {
            Child child(cli, runArgs, home.path(), token, u"run.out"_s);
            QVERIFY(child.start());
            // One kill in four lands anywhere in the first 600 ms: while the process starts, takes the
            // campaign over, recovers the killed one's rows or sends its first batch.
            const bool early = uniform(0, 3) == 0;
            if (early) {
                QTest::qWait(uniform(0, 600));
            } else {
                const qint64 acceptedBefore = sim.log().totals().accepted;
                // The restart recovers what its predecessors left in processing before it sends.
                const bool recovered = waitFor(
                    [&] { return !child.isRunning() || processingHeldByOthers(db, c.id, child.pid()) == 0; },
                    60'000);
                QVERIFY2(recovered,
                         qPrintable(u"rows of a killed sender stayed in processing after the restart "
                                    "(HERALD_KILL_SEED=%1)"_s.arg(seed)));
                waitFor([&] { return !child.isRunning() || sim.log().totals().accepted > acceptedBefore; },
                        60'000);
                QTest::qWait(uniform(0, maxDelayMs));
            }
            if (!child.kill()) {
                QVERIFY2(count(db, c.id, u"status IN ('ready', 'processing')"_s) == 0,
                         qPrintable(u"the run ended before its kill with work left:\n"_s + child.output()));
                break; // the campaign was done before this kill
            }
            ++kills;
            earlyKills += early ? 1 : 0;
            inFlightAtKills += count(db, c.id, u"status = 'processing'"_s);
            const KillCheck check = checkAfterKill(db, c.id, sim, keys, Lease);
            QVERIFY2(
                check.ok(),
                qPrintable(u"after kill %1: %2 (HERALD_KILL_SEED=%3)"_s.arg(kills).arg(check.why).arg(seed)));
            if (CampaignStore(db, Clock::system()).byId(c.id).status == CampaignStatus::Completed) {
                break; // the kill came after the last message: nothing is left to restart for
            }
        }

        // The last restart runs to the end.
        if (CampaignStore(db, Clock::system()).byId(c.id).status != CampaignStatus::Completed) {
            Child last(cli, runArgs, home.path(), token, u"run.out"_s);
            QVERIFY(last.start());
            const int code = last.finish(900'000);
            QVERIFY2(code == 0, qPrintable(u"exit %1:\n"_s.arg(code) + last.output()));
        }
        const double seconds = clock.elapsed() / 1000.0;
        const KillCheck check = checkAfterKill(db, c.id, sim, keys, Lease);
        QVERIFY2(check.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(check.why).arg(seed)));

        const EndCheck end = checkAtEnd(db, c.id, sim, size.messages);
        QVERIFY2(end.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(end.why).arg(seed)));
        QVERIFY(end.failed <= inFlightAtKills);
        if (size.kills > 0) {
            QVERIFY2(kills > 0, "not one kill landed: the test proved nothing");
        }

        // The token is nowhere in what the run wrote: database files, logs, settings, session
        // markers, the children's output. A phone of the campaign is: the search reads the right files.
        const QStringList roots = filesWrittenBy(*tdb, home.path());
        int filesRead = 0;
        const QStringList withToken = filesWithText(roots, token, &filesRead);
        QVERIFY2(withToken.isEmpty(), qPrintable(u"the access token is in: "_s + withToken.join(u", "_s)));
        QVERIFY(filesRead > 0);
        QVERIFY2(!filesWithText(roots, u"+4915100000000"_s).isEmpty(),
                 "the search did not see the database's files");

        qInfo("%s: %d messages, %d kills survived (%d early), %lld rows in flight at the kills, %lld sent, "
              "%lld failed \"interrupted\" (%lld of them accepted), duplicates %lld, wrong recipients %lld, "
              "%d files searched for the token (0 hits), %.1f s, HERALD_KILL_SEED=%llu",
              qPrintable(backend), size.messages, kills, earlyKills, inFlightAtKills, end.sent, end.failed,
              end.acceptedInterrupted, check.duplicates, check.wrongRecipients, filesRead, seconds,
              static_cast<unsigned long long>(seed));
    }
};

QTEST_GUILESS_MAIN(TestKillRun)
#include "test_killrun.moc"
