// The sender end to end: the real HTTP stack against the Cloud API simulator on 127.0.0.1,
// on SQLite and PostgreSQL. Every run checks the invariants that matter to a user: every
// message ends sent or failed with a reason, the counters equal a recount, and no recipient
// was accepted twice (the simulator's own log).
#include "SenderTestUtil.h"
#include "db/Transaction.h"
#include "webhook/CallbackData.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
void verifyNobodyMessagedTwice(const CloudApiSimulator &sim)
{
    const auto recipients = sim.log().recipients();
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        QVERIFY2(it->accepted <= 1,
                 qPrintable(u"%1 was accepted %2 times"_s.arg(it.key()).arg(it->accepted)));
    }
}

// Every request names its row and claim for the status webhooks (CallbackData); a row's last
// request carries the claim the row still has, which is what reconciliation of a lost answer
// ("no response") looks for.
void verifyCallbackData(Database &db, const CloudApiSimulator &sim, const QString &campaignId)
{
    QSqlQuery q =
        db.run(u"SELECT id, phone, claim_count FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
    int checked = 0;
    while (q.next()) {
        const RecipientLog log = sim.log().recipient(q.value(1).toString());
        QVERIFY2(log.received > 0, qPrintable(q.value(1).toString()));
        const QJsonObject body = QJsonDocument::fromJson(log.lastPayload).object();
        QCOMPARE(body.value("biz_opaque_callback_data"_L1).toString(),
                 CallbackData::format(campaignId, q.value(0).toLongLong(), q.value(2).toLongLong()));
        ++checked;
    }
    QVERIFY(checked > 0);
}
} // namespace

class TestSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void twoThousandMessagesWithInjectedFaultsAllEndSentOrFailedWithAReason()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.error500Rate = 0.015;
        sc.error131000Rate = 0.01;
        sc.htmlErrorRate = 0.005;
        sc.resetRate = 0.01;
        sc.timeoutRate = 0.01;
        sc.seed = 7;
        CloudApiSimulator sim(sc);
        QString error;
        QVERIFY2(sim.start(0, &error), qPrintable(error));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Faults"_s, 2000);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.api.setRequestTimeout(std::chrono::milliseconds(1000));
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 120'000);
        QCOMPARE(SendResult::endName(r.end), SendResult::endName(SendResult::End::Completed));
        Database &db = tdb->db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Completed);
        QCOMPARE(after.totalSent + after.totalFailed, 2000);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(countWhere(db, u"status = 'failed' AND (error_reason IS NULL OR error_reason = '')"_s), 0);
        QCOMPARE(countWhere(db, u"status = 'sent' AND (wamid IS NULL OR wamid = '')"_s), 0);
        // Resets and timeouts went out and got no answer: unknown outcome, never retried.
        QVERIFY(countWhere(db, u"status = 'failed' AND error_reason = 'no response'"_s) > 0);
        QVERIFY(after.totalSent > 1800);
        verifyNobodyMessagedTwice(sim);
        QCOMPARE(sim.log().totals().accepted, after.totalSent);
        QCOMPARE(r.sent, after.totalSent);
        verifyCallbackData(db, sim, c.id);
    }

    void aThrottlingStormSlowsTheLimiterAndLosesNothing()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.throughputPerSecond = 150;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Storm"_s, 600);
        Sender sender;
        double lowest = 1e9;
        const SendResult r = runToEnd(sender, senderConfigFor(*tdb, sim, c.id), 120'000,
                                      [&](const SendProgress &p) { lowest = std::min(lowest, p.ceiling); });
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        QVERIFY(sim.log().outcomeCount(RequestLog::outcomeGraph(130429)) > 0);
        QVERIFY2(lowest < 500, qPrintable(u"limiter never backed off: lowest rate %1"_s.arg(lowest)));
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 600);
        QCOMPARE(after.totalFailed, 0);
        verifyNobodyMessagedTwice(sim);
    }

    void anInvalidTokenStopsTheSenderAndPausesTheCampaignWithTheReason()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.latencyMs = 20;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Token"_s, 3000);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.rate = 300;
        Sender sender;
        bool rotated = false;
        const SendResult r = runToEnd(sender, cfg, 60'000, [&](const SendProgress &p) {
            if (!rotated && p.sent >= 200) {
                SimulatorConfig changed = sim.config();
                changed.accessToken = u"rotated-token"_s; // Herald's token is now invalid: 190
                QVERIFY(const_cast<CloudApiSimulator &>(sim).setConfig(changed));
                rotated = true;
            }
        });
        QVERIFY(rotated);
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        Database &db = tdb->db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QVERIFY2(after.statusReason.contains(u"190"_s), qPrintable(after.statusReason));
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QVERIFY(after.pending > 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(sim.log().totals().accepted, after.totalSent);
        // Nothing that was refused for the token was counted as failed.
        QCOMPARE(after.totalFailed, 0);
    }

    void pauseStopsSendingAtOnceAndResumeFinishesWithoutDuplicates()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.latencyMs = 50;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Pause"_s, 1500);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.rate = 400;
        Sender sender;
        bool paused = false;
        const SendResult r = runToEnd(sender, cfg, 60'000, [&](const SendProgress &p) {
            if (!paused && p.sent >= 100) {
                sender.pause(u"lunch break"_s);
                paused = true;
            }
        });
        QCOMPARE(SendResult::endName(r.end), u"paused"_s);
        Database &db = tdb->db();
        Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QCOMPARE(after.statusReason, u"lunch break"_s);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        const qint64 acceptedAtPause = sim.log().totals().accepted;
        QCOMPARE(acceptedAtPause, after.totalSent);
        QVERIFY2(after.pending > 500, "the pause was not prompt");

        const SendResult resumed = runToEnd(sender, cfg, 60'000);
        QCOMPARE(SendResult::endName(resumed.end), u"completed"_s);
        after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 1500);
        verifyNobodyMessagedTwice(sim);
        QCOMPARE(sim.log().totals().accepted, 1500);
    }

    void cancelMidFlightRecordsWhatWentOutAndCancelsTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig sc;
        sc.latencyMs = 50;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Cancel"_s, 1500);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.rate = 400;
        Sender sender;
        bool cancelled = false;
        const SendResult r = runToEnd(sender, cfg, 60'000, [&](const SendProgress &p) {
            if (!cancelled && p.sent >= 100) {
                sender.cancel();
                cancelled = true;
            }
        });
        QCOMPARE(SendResult::endName(r.end), u"cancelled"_s);
        Database &db = tdb->db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Cancelled);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(sim.log().totals().accepted, after.totalSent);
    }

    void permanentFailuresAreRecordedWithMetasCodeAndOptOutsAreRemembered()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, Clock::system(), u"Endings"_s, 0);
        QList<Recipient> list = makeRecipients(20);
        list << Recipient{u"+15559991026"_s, {}, QJsonObject{{u"body.1"_s, u"Undeliverable"_s}}, 0};
        list << Recipient{u"+15559991050"_s, {}, QJsonObject{{u"body.1"_s, u"Opted out"_s}}, 0};
        QueueEngine(db, Clock::system()).enqueue(c.id, list);
        Sender sender;
        const SendResult r = runToEnd(sender, senderConfigFor(*tdb, sim, c.id), 30'000);
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        QSqlQuery q =
            db.run(u"SELECT phone, error_code, error_reason, fbtrace_id FROM send_queue WHERE status = "
                   "'failed' ORDER BY phone"_s);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"+15559991026"_s);
        QCOMPARE(q.value(1).toInt(), 131026);
        QCOMPARE(q.value(2).toString(), u"131026"_s);
        QVERIFY(!q.value(3).toString().isEmpty());
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toInt(), 131050);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM opt_outs WHERE phone = '+15559991050'"_s).toInt(), 1);
    }

    void aCampaignWhoseMessagesMostlyFailPermanentlyPausesInsteadOfBurningTheList()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, Clock::system(), u"Threshold"_s, 0);
        // 600 different numbers that all end in the simulator's 131026 (undeliverable) ending.
        QList<Recipient> list;
        for (int npa = 200; npa < 800; ++npa) {
            list << Recipient{u"+1%1"_s.arg(npa) + u"9991026"_s, {}, QJsonObject{{u"body.1"_s, u"X"_s}}, 0};
        }
        QueueEngine(db, Clock::system()).enqueue(c.id, list);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.rate = 200;
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 60'000);
        QCOMPARE(SendResult::endName(r.end), u"paused"_s);
        QVERIFY2(r.reason.contains(u"failed permanently"_s), qPrintable(r.reason));
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QVERIFY2(after.pending > 300, "the threshold did not stop the run early");
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
    }

    // A big contact import holds SQLite's write lock for its whole transaction (about 15 s per
    // million rows). A campaign sending meanwhile waits for it rather than stopping. Here another
    // connection holds the lock for 12 s, longer than a connection's default 10 s wait.
    void aSenderWaitsForAnotherWriterInsteadOfStopping()
    {
        HERALD_TEST_DB(tdb);
        if (tdb->isPostgres()) {
            QSKIP("PostgreSQL writers do not share one database-wide lock");
        }
        SimulatorConfig sc;
        sc.latencyMs = 5;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Wait"_s, 600);
        SenderConfig cfg = senderConfigFor(*tdb, sim, c.id);
        cfg.rate = 200;
        Sender sender;
        std::thread writer;
        std::atomic<bool> held{false};
        QElapsedTimer clock;
        const SendResult r = runToEnd(sender, cfg, 60'000, [&](const SendProgress &p) {
            if (writer.joinable() || p.sent < 100) {
                return;
            }
            writer = std::thread([&] {
                const std::unique_ptr<Database> other = tdb->open(u"importer"_s);
                Transaction tx(*other); // BEGIN IMMEDIATE: SQLite's write lock
                held = true;
                clock.start();
                std::this_thread::sleep_for(std::chrono::seconds(12));
                tx.commit();
            });
        });
        if (writer.joinable()) {
            writer.join();
        }
        QVERIFY(held);
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        QVERIFY2(clock.elapsed() >= 12'000, "the sender finished while the lock was still held");
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 600);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), c.id));
        verifyNobodyMessagedTwice(sim);
    }

    void aSenderRefusesToStartOnAnIncompleteSchema()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Doctor"_s, 5);
        tdb->db().execDirect(u"DROP INDEX send_queue_failed_idx"_s);
        Sender sender;
        const SendResult r = runToEnd(sender, senderConfigFor(*tdb, sim, c.id), 30'000);
        QCOMPARE(SendResult::endName(r.end), u"refused"_s);
        QVERIFY2(r.reason.contains(u"send_queue_failed_idx"_s), qPrintable(r.reason));
        QCOMPARE(sim.log().totals().sendRequests, 0);
    }
};

QTEST_GUILESS_MAIN(TestSender)
#include "test_sender.moc"
