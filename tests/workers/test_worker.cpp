// herald-cli worker as a real child process against the Cloud API simulator, on SQLite and
// PostgreSQL: it sends the running campaigns it may take, starts a scheduled one when due, takes
// one created after it started, and leaves alone a paused campaign and one it was not given;
// while idle the consoles still see it; SIGTERM drains (answers in flight recorded, held rows
// released) and exits 0 with the campaign still running, and a restarted worker finishes it.
// Two workers on one campaign: test_workershare.
#include "WorkerHarness.h"
#include "queue/Schedule.h"
#include "sender/SenderPresence.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aWorkerTakesRunningDueAndNewCampaignsAndLeavesTheRestAlone()
    {
        HERALD_TEST_DB(tdb);
        Setup s;
        QVERIFY(s.start(*tdb, 200, 5));
        Database &db = tdb->db();
        const Campaign a = runningCampaign(db, u"A"_s, 300, 0);
        const Campaign b = readyCampaign(db, u"B"_s, 200, 10'000);
        Schedule(db, Clock::system()).schedule(b.id, QDateTime::currentDateTimeUtc().addSecs(4));
        const Campaign d = runningCampaign(db, u"D"_s, 100, 20'000);
        CampaignStore(db, Clock::system()).transition(d.id, CampaignStatus::Paused, u"by hand"_s);
        const Campaign e = runningCampaign(db, u"Elsewhere"_s, 100, 30'000);

        auto w = s.worker(*tdb, u"Worker one"_s,
                          {u"--campaigns"_s, u"A"_s, u"--campaigns"_s, u"B"_s, u"--campaigns"_s, u"C"_s,
                           u"--campaigns"_s, u"D"_s});
        QVERIFY(w->start());
        QVERIFY2(
            waitFor([&] { return count(db, u"SELECT count(*) FROM senders WHERE kind = 'worker'"_s) == 1; },
                    30'000),
            qPrintable(w->output()));
        QCOMPARE(db.scalar(u"SELECT name FROM senders"_s).toString(), u"Worker one"_s);
        QCOMPARE(db.scalar(u"SELECT scope FROM senders"_s).toString(), u"A\nB\nC\nD"_s);
        // Created while the worker runs: taken once it is running.
        const Campaign c = runningCampaign(db, u"C"_s, 150, 40'000);

        QVERIFY2(waitFor(
                     [&] {
                         return statusOf(db, a.id) == CampaignStatus::Completed &&
                                statusOf(db, b.id) == CampaignStatus::Completed &&
                                statusOf(db, c.id) == CampaignStatus::Completed;
                     },
                     90'000),
                 qPrintable(w->output()));
        QCOMPARE(acceptedFor(db, *s.sim, a.id), 300);
        QCOMPARE(acceptedFor(db, *s.sim, b.id), 200);
        QCOMPARE(acceptedFor(db, *s.sim, c.id), 150);

        // Idle now, and still heard: the consoles list it.
        QTest::qWait(3000);
        QVERIFY(w->isRunning());
        QCOMPARE(count(db, u"SELECT count(*) FROM campaign_holds"_s), 0);
        QVERIFY(SenderPresence(db, Clock::system()).senders().value(0).live);

        // Paused elsewhere, and not given to it: untouched.
        QCOMPARE(statusOf(db, d.id), CampaignStatus::Paused);
        QCOMPARE(statusOf(db, e.id), CampaignStatus::Running);
        QCOMPARE(acceptedFor(db, *s.sim, d.id), 0);
        QCOMPARE(acceptedFor(db, *s.sim, e.id), 0);

        QVERIFY(w->terminate());
        QVERIFY2(w->finish(60'000) == 0, qPrintable(w->output()));
        QCOMPARE(count(db, u"SELECT count(*) FROM senders"_s), 0); // signed off
        const QString out = w->output();
        QCOMPARE(events(out, u"scheduled_start"_s).size(), 1);
        QCOMPARE(events(out, u"scheduled_start"_s).first().value(u"campaign"_s).toString(), u"B"_s);
        QCOMPARE(events(out, u"sending"_s).size(), 3);
        QCOMPARE(events(out, u"stopped"_s).size(), 1);
        const KillCheck check = checkAfterKill(db, a.id, *s.sim, recipientKeys(db, a.id), Lease);
        QVERIFY2(check.countersEqualRecount && check.duplicates == 0, qPrintable(check.why));
    }

    void sigtermDrainsLeavesTheCampaignRunningAndARestartFinishesIt()
    {
        HERALD_TEST_DB(tdb);
        Setup s;
        QVERIFY(s.start(*tdb, 60, 150)); // 150 ms per answer: requests are in flight at the signal
        Database &db = tdb->db();
        const Campaign c = runningCampaign(db, u"Long"_s, 1200, 0);
        const QSet<QString> keys = recipientKeys(db, c.id);

        auto first = s.worker(*tdb, u"first"_s);
        QVERIFY(first->start());
        QVERIFY2(waitFor([&] { return s.sim->log().totals().accepted >= 150; }, 60'000),
                 qPrintable(first->output()));
        QVERIFY(first->terminate());
        QVERIFY2(first->finish(60'000) == 0, qPrintable(first->output()));

        // Drained: still running, nothing held or in processing, nothing interrupted.
        QCOMPARE(statusOf(db, c.id), CampaignStatus::Running);
        QCOMPARE(count(db, u"SELECT count(*) FROM send_queue WHERE status = 'processing'"_s), 0);
        QCOMPARE(count(db, u"SELECT count(*) FROM send_queue WHERE error_reason = 'interrupted'"_s), 0);
        QCOMPARE(count(db, u"SELECT count(*) FROM campaign_holds"_s), 0);
        QCOMPARE(count(db, u"SELECT count(*) FROM senders"_s), 0);
        KillCheck check = checkAfterKill(db, c.id, *s.sim, keys, Lease);
        QVERIFY2(check.ok(), qPrintable(check.why));
        const Campaign drained = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(qint64(s.sim->log().totals().accepted), drained.totalSent); // every answer recorded
        QVERIFY(drained.totalSent < 1200);
        const QList<QJsonObject> ended = events(first->output(), u"ended"_s);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().value(u"end"_s).toString(), u"detached"_s);

        auto second = s.worker(*tdb, u"second"_s);
        QVERIFY(second->start());
        QVERIFY2(waitFor([&] { return statusOf(db, c.id) == CampaignStatus::Completed; }, 120'000),
                 qPrintable(second->output()));
        QVERIFY(second->terminate());
        QVERIFY2(second->finish(60'000) == 0, qPrintable(second->output()));
        const EndCheck end = checkAtEnd(db, c.id, *s.sim, 1200);
        QVERIFY2(end.ok(), qPrintable(end.why));
        QCOMPARE(end.sent, 1200);
    }
};

QTEST_GUILESS_MAIN(TestWorker)
#include "test_worker.moc"
