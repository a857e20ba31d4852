// Reconciliation end to end, over real sockets and real processes: `herald-cli run` sends a
// campaign to the Cloud API simulator, which accepts some sends and then drops the connection
// without answering (the "no response" fault) while the test SIGKILLs the sender at seeded
// moments (rows in flight become "interrupted"). The simulator posts every accepted message's
// status callbacks — late, duplicated, out of order, some of them late failures — to Herald's
// webhook receiver. Afterwards every recipient the simulator accepted is `sent` in Herald with
// the simulator's wamid, nobody was messaged twice, the only failures left are sends the
// simulator never accepted, and the delivery counters equal both a recount and what the
// simulator reported. SQLite and PostgreSQL.
#include "../secrets/SecretSearch.h"
#include "KillHarness.h"
#include "WebhookReceiver.h"
#include "db/Clock.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueTypes.h"
#include "simulator/StatusCallbacks.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
constexpr std::chrono::seconds Lease{300};

qint64 count(Database &db, const QString &campaignId, const QString &condition)
{
    return db
        .scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND "_s + condition, {campaignId})
        .toLongLong();
}

// checkAfterKill on one snapshot: the receiver keeps writing while the test reads, and counters
// read a moment before their recount would differ by what it committed meanwhile.
KillCheck snapshotCheck(Database &db, const QString &campaignId, const CloudApiSimulator &sim,
                        const QSet<QString> &keys)
{
    Transaction tx(db); // SQLite: BEGIN IMMEDIATE, so no writer in between
    if (db.isPostgres()) {
        db.execDirect(u"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"_s);
    }
    return checkAfterKill(db, campaignId, sim, keys, Lease); // rolled back: it only read
}

// Rows whose answer was lost although the simulator accepted them: what reconciliation must fix.
qint64 lostButAccepted(Database &db, const QString &campaignId, const CloudApiSimulator &sim)
{
    QSqlQuery q =
        db.run(u"SELECT phone FROM send_queue WHERE campaign_id = ? AND status <> 'sent'"_s, {campaignId});
    qint64 n = 0;
    while (q.next()) {
        n += sim.log().acceptedFor(q.value(0).toString()) > 0 ? 1 : 0;
    }
    return n;
}
} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void afterLostAnswersAndKillsTheCallbacksTellWhoGotTheMessage()
    {
        HERALD_TEST_DB(tdb);
        const KillSize size = killSize(1200, 4, 10000, 20);
        const quint64 seed = killSeed("test_reconciliation");
        std::mt19937_64 rng(seed);

        Database &db = tdb->db();
        WebhookReceiver::Options ro;
        ro.appSecret = "reconciliation-app-secret";
        ro.verifyToken = "reconciliation-verify-token";
        ro.commit.retryInterval = std::chrono::milliseconds(300);
        WebhookReceiver receiver(tdb->config(), ro);
        QString problem;
        QCOMPARE(receiver.start(QHostAddress::LocalHost, 0, &problem), WebhookReceiver::StartResult::Started);

        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString token = uniqueToken();
        SimulatorConfig sc;
        sc.latencyMs = 30;
        sc.accessToken = token;
        sc.seed = seed;
        sc.closeAfterAcceptEvery = 13; // accepted, then the connection closes: "no response"
        sc.statusWebhookUrl = receiver.url();
        sc.webhookAppSecret = ro.appSecret;
        sc.deliveredAfterMs = 300;
        sc.readAfterMs = 700;
        sc.readShare = 0.5;
        sc.lateFailureShare = 0.1;
        sc.duplicateShare = 0.2;
        sc.reorderMs = 400;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());

        storeSimulatorSettings(db, sim, 150);
        const QString cli = QString::fromUtf8(HERALD_CLI_PATH);
        {
            Child sync(cli, {u"--db"_s, tdb->url(), u"templates"_s, u"sync"_s}, home.path(), token,
                       u"templates-sync.out"_s);
            QVERIFY(sync.start());
            QVERIFY2(sync.finish(60'000) == 0, qPrintable(sync.output()));
        }
        const Campaign c = readyCampaign(db, u"Reconciliation"_s, size.messages);
        const QSet<QString> keys = recipientKeys(db, c.id);
        const QStringList runArgs{u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, c.name};

        QElapsedTimer clock;
        clock.start();
        int kills = 0;
        for (int i = 0; i < size.kills; ++i) {
            Child child(cli, runArgs, home.path(), token, u"run.out"_s);
            QVERIFY(child.start());
            const qint64 acceptedBefore = sim.log().totals().accepted;
            waitFor([&] { return !child.isRunning() || sim.log().totals().accepted > acceptedBefore + 50; },
                    60'000);
            QTest::qWait(std::uniform_int_distribution<int>(0, 1500)(rng));
            if (!child.kill()) {
                break; // it finished first
            }
            ++kills;
            const KillCheck check = snapshotCheck(db, c.id, sim, keys);
            QVERIFY2(
                check.ok(),
                qPrintable(u"after kill %1: %2 (HERALD_KILL_SEED=%3)"_s.arg(kills).arg(check.why).arg(seed)));
        }
        if (CampaignStore(db, Clock::system()).byId(c.id).status != CampaignStatus::Completed) {
            Child last(cli, runArgs, home.path(), token, u"run.out"_s);
            QVERIFY(last.start());
            const int code = last.finish(600'000);
            QVERIFY2(code == 0, qPrintable(u"exit %1:\n"_s.arg(code) + last.output()));
        }
        const qint64 lostAtEndOfSending = lostButAccepted(db, c.id, sim);

        // Every callback posted and answered, and every lost answer the simulator accepted settled.
        const bool settled = waitFor(
            [&] { return sim.statusCallbacks().pending() == 0 && lostButAccepted(db, c.id, sim) == 0; },
            60'000, 100);
        const StatusInbox::Counts cb = sim.statusCallbacks().counts();
        QVERIFY2(settled,
                 qPrintable(u"%1 callbacks pending, %2 accepted rows still not sent (HERALD_KILL_SEED=%3)"_s
                                .arg(sim.statusCallbacks().pending())
                                .arg(lostButAccepted(db, c.id, sim))
                                .arg(seed)));
        QCOMPARE(cb.dropped, 0);

        const KillCheck check = snapshotCheck(db, c.id, sim, keys);
        QVERIFY2(check.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(check.why).arg(seed)));
        const EndCheck end = checkAtEnd(db, c.id, sim, size.messages);
        QVERIFY2(end.ok(), qPrintable(u"at the end: %1 (HERALD_KILL_SEED=%2)"_s.arg(end.why).arg(seed)));
        QCOMPARE(end.acceptedInterrupted, 0); // nobody Meta has is left looking unsent

        // Each sent row carries the simulator's wamid for its recipient.
        QSqlQuery q = db.run(
            u"SELECT phone, wamid FROM send_queue WHERE campaign_id = ? AND status = 'sent'"_s, {c.id});
        while (q.next()) {
            QCOMPARE(q.value(1).toString(), sim.log().recipient(q.value(0).toString()).lastWamid);
        }

        // The delivery counters: a recount, and what the simulator reported.
        const Campaign stored = CampaignStore(db, Clock::system()).byId(c.id);
        const CounterValues recount = Counters::recount(db, c.id);
        QCOMPARE(stored.totalDelivered, recount.delivered);
        QCOMPARE(stored.totalRead, recount.read);
        QCOMPARE(stored.totalFailedAfterSend, recount.failedAfterSend);
        QCOMPARE(stored.totalDelivered, cb.delivered);
        QCOMPARE(stored.totalRead, cb.read);
        QCOMPARE(stored.totalFailedAfterSend, cb.failed);
        QCOMPARE(cb.delivered + cb.failed, sim.log().totals().accepted);
        QCOMPARE(count(db, c.id,
                       u"late_failed_at IS NOT NULL AND (delivered_at IS NOT NULL OR read_at IS NOT NULL)"_s),
                 0);

        // The faults happened: answers were lost and the callbacks made those rows sent.
        QVERIFY(sim.log().totals().closedAfterAccept > 0);
        QVERIFY(lostAtEndOfSending + sim.log().totals().closedAfterAccept > 0);
        if (size.kills > 0) {
            QVERIFY2(kills > 0, "not one kill landed: the test proved nothing");
        }
        sim.stop();
        receiver.drain();
        qInfo("%s: %d messages, %d kills, %lld closed after accept, %lld accepted rows unsent when sending "
              "ended, callbacks %lld in %lld POSTs (%lld refused and sent again), delivered %lld, read %lld, "
              "late failures %lld, %.1f s, HERALD_KILL_SEED=%llu",
              QTest::currentDataTag(), size.messages, kills, sim.log().totals().closedAfterAccept,
              lostAtEndOfSending, cb.posted, cb.posts, cb.refused, stored.totalDelivered, stored.totalRead,
              stored.totalFailedAfterSend, clock.elapsed() / 1000.0, static_cast<unsigned long long>(seed));
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "test_reconciliation.moc"
