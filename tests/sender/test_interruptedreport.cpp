// What the console reports at start after a crash: rows a gone sender left in flight are
// recovered through QueueEngine and counted per campaign; a live sender's rows and the
// console's own are left alone; only what was interrupted since the given time counts.
// SQLite and PostgreSQL, with time moved by a ManualClock.
#include "../queue/QueueTestUtil.h"
#include "sender/InterruptedReport.h"
#include "sender/SenderPresence.h"
#include "sender/WorkerIdentity.h"

#include <QSysInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace std::chrono_literals;

namespace {
QString remoteSender(const QString &name)
{
    return u"remote-host-%1/4242/00000001"_s.arg(name);
}

Campaign runningCampaign(Database &db, const Clock &clock, const QString &name, int recipients)
{
    const Campaign c = makeCampaign(db, clock, name, recipients);
    return CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
}

qint64 processingBy(Database &db, const QString &worker)
{
    return db
        .scalar(u"SELECT count(*) FROM send_queue WHERE status = 'processing' AND claimed_by = ?"_s, {worker})
        .toLongLong();
}
} // namespace

class TestInterruptedReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aGoneSendersRowsAreRecoveredAndCountedWhileLiveAndOwnRowsStay()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign a = runningCampaign(db, clock, u"Alpha"_s, 10);
        const Campaign b = runningCampaign(db, clock, u"Bravo"_s, 10);
        const QDateTime since = clock.now();
        SenderPresence presence(db, clock, 10s);
        QueueEngine engine(db, clock);
        const QString live = remoteSender(u"live"_s);
        const QString silent = remoteSender(u"silent"_s);
        const QString own = remoteSender(u"own"_s);
        presence.announce(live, SenderKind::Run);
        presence.announce(silent, SenderKind::Run);
        QCOMPARE(engine.claim(a.id, live, 3).size(), 3);
        QCOMPARE(engine.claim(a.id, own, 2).size(), 2); // this console's (never registered: no matter)
        QCOMPARE(engine.claim(b.id, silent, 4).size(), 4);
        clock.advanceMs(11'000); // the silent sender is gone, the live one keeps talking
        presence.heartbeat(live, SenderKind::Run);

        const InterruptedSummary s = InterruptedReport(db, clock).collect(since, own, 10s, 300s);
        QCOMPARE(s.recoveredNow, 4);
        QCOMPARE(s.campaigns.size(), 1);
        QCOMPARE(s.campaigns.first().id, b.id);
        QCOMPARE(s.campaigns.first().name, u"Bravo"_s);
        QCOMPARE(s.campaigns.first().count, 4);
        QCOMPARE(s.total(), 4);
        QCOMPARE(processingBy(db, live), 3);
        QCOMPARE(processingBy(db, own), 2);
        QCOMPARE(processingBy(db, silent), 0);
        QVERIFY(countersMatch(db, clock, a.id));
        QVERIFY(countersMatch(db, clock, b.id));
        // Recovered as the senders recover: failed "interrupted", with the warning in the details.
        QCOMPARE(
            db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'failed' "
                      "AND error_reason = 'interrupted' AND error_details LIKE '%Meta may or may not%'"_s,
                      {b.id})
                .toLongLong(),
            4);
    }

    void aDeadProcessOfThisMachineIsRecoveredAtOnceAndAnExpiredLeaseToo()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign a = runningCampaign(db, clock, u"Alpha"_s, 10);
        const Campaign b = runningCampaign(db, clock, u"Bravo"_s, 10);
        const QDateTime since = clock.now();
        SenderPresence presence(db, clock, 10s);
        QueueEngine engine(db, clock);
        const QString dead = u"%1/%2/0000dead"_s.arg(QSysInfo::machineHostName()).arg(2'000'000'000);
        QVERIFY(WorkerIdentity::isDeadLocalWorker(dead));
        presence.announce(dead, SenderKind::Run); // its heartbeat is fresh, but its process is gone
        QCOMPARE(engine.claim(a.id, dead, 5).size(), 5);
        // A live sender whose rows sat unrenewed past the lease: the senders' own rule applies.
        const QString stuck = remoteSender(u"stuck"_s);
        presence.announce(stuck, SenderKind::Worker);
        QCOMPARE(engine.claim(b.id, stuck, 2).size(), 2);
        clock.advanceMs(5'000);
        presence.heartbeat(stuck, SenderKind::Worker);

        const InterruptedSummary s = InterruptedReport(db, clock).collect(since, QString(), 10s, 3s);
        QCOMPARE(s.recoveredNow, 7);
        QCOMPARE(s.campaigns.size(), 2);
        QCOMPARE(s.campaigns.at(0).name, u"Alpha"_s);
        QCOMPARE(s.campaigns.at(0).count, 5);
        QCOMPARE(s.campaigns.at(1).name, u"Bravo"_s);
        QCOMPARE(s.campaigns.at(1).count, 2);
    }

    void onlyWhatWasInterruptedSinceTheGivenTimeCounts()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign a = runningCampaign(db, clock, u"Alpha"_s, 10);
        QueueEngine engine(db, clock);
        const QString gone = remoteSender(u"gone"_s);
        QCOMPARE(engine.claim(a.id, gone, 3).size(), 3);
        QCOMPARE(engine.recoverWorker(gone), 3); // interrupted before the last clean exit
        clock.advanceMs(60'000);
        const QDateTime since = clock.now();
        QVERIFY(InterruptedReport(db, clock).collect(since, QString(), 10s, 300s).isEmpty());

        QCOMPARE(engine.claim(a.id, gone, 2).size(), 2);
        clock.advanceMs(1'000);
        QCOMPARE(engine.recoverWorker(gone), 2); // recovered by another sender after it
        const InterruptedSummary s = InterruptedReport(db, clock).collect(since, QString(), 10s, 300s);
        QCOMPARE(s.recoveredNow, 0);
        QCOMPARE(s.total(), 2);
        QCOMPARE(InterruptedReport(db, clock).countSince(a.id, since.addSecs(-120)), 5);
        // Resent by the user, they are no longer interrupted.
        QCOMPARE(engine.resend(a.id, u"interrupted"_s), 5);
        QVERIFY(InterruptedReport(db, clock).collect(since, QString(), 10s, 300s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInterruptedReport)
#include "test_interruptedreport.moc"
