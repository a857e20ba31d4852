#include "QueueTestUtil.h"
#include "db/DbError.h"
#include "queue/CampaignHistory.h"
#include "queue/DailySummary.h"
#include "queue/Repair.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
Outcome lateOutcome(Outcome::Kind kind, const ClaimedMessage &claim, const ManualClock &clock)
{
    switch (kind) {
    case Outcome::Kind::Sent:
        return Outcome::sent(claim, u"wamid.late"_s);
    case Outcome::Kind::Failed:
        return Outcome::failed(claim, u"131026"_s, u"late failure"_s, 131026);
    case Outcome::Kind::Retry:
        break;
    }
    return Outcome::retry(claim, clock.now(), u"131000"_s, {}, 131000);
}

QString rowStatus(Database &db, qint64 id)
{
    return db.scalar(u"SELECT status FROM send_queue WHERE id = ?"_s, {id}).toString();
}
} // namespace

class TestQueueEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void enqueueCountsInsertedDuplicatesAndOptedOut()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 0);
        db.run(u"INSERT INTO opt_outs (phone, source, created_at) VALUES ('+4915100000003', 'manual', ?)"_s,
               {db.timeValue(clock.now())});
        QList<Recipient> list = makeRecipients(5);
        list << list.at(1); // a duplicate inside the batch
        QueueEngine engine(db, clock);
        const EnqueueResult r = engine.enqueue(c.id, list);
        QCOMPARE(r.inserted, 4);
        QCOMPARE(r.duplicates, 1);
        QCOMPARE(r.optedOut, 1);
        const EnqueueResult again = engine.enqueue(c.id, makeRecipients(5));
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.duplicates, 4);
        QCOMPARE(again.optedOut, 1);
        QCOMPARE(CampaignStore(db, clock).byId(c.id).totalContacts, 4);
        QVERIFY(countersMatch(db, clock, c.id));
    }

    void claimHandsOutNothingUntilTheCampaignRuns()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 10);
        QueueEngine engine(db, clock);
        QVERIFY(engine.claim(c.id, u"w1"_s, 5).isEmpty());
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        const auto batch = engine.claim(c.id, u"w1"_s, 4);
        QCOMPARE(batch.size(), 4);
        QCOMPARE(batch.first().attempts, 1);
        QCOMPARE(batch.first().params.value(u"body.1"_s).toString(), u"Contact 0"_s);
        QCOMPARE(batch.first().phone, u"+4915100000000"_s);
        QCOMPARE(CampaignStore(db, clock).byId(c.id).pending, 10);
    }

    void recordingTheLastBatchCompletesTheCampaignInTheSameTransaction()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto batch = engine.claim(c.id, u"w1"_s, 10);
        QCOMPARE(batch.size(), 3);
        const RecordResult r =
            engine.record({Outcome::sent(batch[0], u"wamid.A"_s),
                           Outcome::failed(batch[1], u"131026"_s, u"undeliverable"_s, 131026, u"trace1"_s),
                           Outcome::sent(batch[2], u"wamid.C"_s)});
        QCOMPARE(r.sent, 2);
        QCOMPARE(r.failed, 1);
        QCOMPARE(r.completedCampaigns, QStringList{c.id});
        const Campaign after = store.byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Completed);
        QVERIFY(after.endTime.isValid());
        QCOMPARE(after.totalSent, 2);
        QCOMPARE(after.totalFailed, 1);
        QSqlQuery q = db.run(
            u"SELECT error_code, error_reason, error_details, fbtrace_id FROM send_queue WHERE id = ?"_s,
            {batch[1].id});
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 131026);
        QCOMPARE(q.value(1).toString(), u"131026"_s);
        QCOMPARE(q.value(2).toString(), u"undeliverable"_s);
        QCOMPARE(q.value(3).toString(), u"trace1"_s);
    }

    void aClaimThatFindsNothingLeftCompletesTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        // Finish every row behind the engine's back, as the seed's sender did.
        db.run(u"UPDATE send_queue SET status = 'sent'"_s);
        QVERIFY(QueueEngine(db, clock).claim(c.id, u"w1"_s, 10).isEmpty());
        QCOMPARE(store.byId(c.id).status, CampaignStatus::Completed);
    }

    void retryReturnsTheRowToTheQueueOnlyWhenItsTimeComes()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        auto batch = engine.claim(c.id, u"w1"_s, 1);
        const RecordResult r =
            engine.record({Outcome::retry(batch[0], clock.now().addSecs(30), u"131000"_s, {}, 131000)});
        QCOMPARE(r.retried, 1);
        QCOMPARE(engine.nextRetryTime(c.id), clock.now().addSecs(30));
        QVERIFY(engine.claim(c.id, u"w1"_s, 1).isEmpty());
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Running);
        clock.advanceMs(30'000);
        batch = engine.claim(c.id, u"w1"_s, 1);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch[0].attempts, 2);
    }

    void outcomesForRowsNoLongerProcessingAreIgnored()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto batch = engine.claim(c.id, u"w1"_s, 2);
        QCOMPARE(engine.recoverWorker(u"w1"_s), 2);
        ClaimedMessage wrongCampaign = batch[1];
        wrongCampaign.campaignId = u"00000000-0000-0000-0000-000000000000"_s;
        const RecordResult r = engine.record({Outcome::sent(batch[0], u"wamid.late"_s),
                                              Outcome::sent(wrongCampaign, u"wamid.wrong-campaign"_s)});
        QCOMPARE(r.sent, 0);
        QCOMPARE(r.ignored, 2);
        QVERIFY(countersMatch(db, clock, c.id));
    }

    // A sender's answer may arrive after its row was recovered as interrupted (its lease ran
    // out, or its worker was declared dead). Whatever the answer says, the row stays failed
    // "interrupted": counted once, never sent again behind the user's back.
    void lateOutcomesOfEveryKindLeaveARecoveredRowAlone_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("sent") << int(Outcome::Kind::Sent);
        QTest::newRow("failed") << int(Outcome::Kind::Failed);
        QTest::newRow("retry") << int(Outcome::Kind::Retry);
    }

    void lateOutcomesOfEveryKindLeaveARecoveredRowAlone()
    {
        QFETCH(int, kind);
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto batch = engine.claim(c.id, u"w1"_s, 1);
        QCOMPARE(batch.size(), 1);
        clock.advanceMs(400'000);
        QCOMPARE(engine.recoverExpiredLeases(std::chrono::seconds(300)), 1);
        const RecordResult r = engine.record({lateOutcome(Outcome::Kind(kind), batch[0], clock)});
        QCOMPARE(r.ignored, 1);
        QCOMPARE(r.sent + r.failed + r.retried, 0);
        QCOMPARE(rowStatus(db, batch[0].id), u"failed"_s);
        QCOMPARE(db.scalar(u"SELECT error_reason FROM send_queue WHERE id = ?"_s, {batch[0].id}).toString(),
                 FailureReason::Interrupted);
        QVERIFY(countersMatch(db, clock, c.id));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).totalFailed, 1);
        // Nothing was put back: the two other rows are all there is to claim.
        QCOMPARE(engine.claim(c.id, u"w2"_s, 10).size(), 2);
    }

    // The status guard alone is not enough: after recovery and a resend the row is claimed
    // again — by another worker, or by the same one — and is `processing` once more. The first
    // claim's late answer must not land on the second claim.
    void aLateOutcomeNeverLandsOnTheRowsNextClaim_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("nextWorker");
        for (const QString &worker : {u"w2"_s, u"w1"_s}) {
            const QString who = worker == u"w1"_s ? u"same worker"_s : u"other worker"_s;
            QTest::addRow("sent, %s", qPrintable(who)) << int(Outcome::Kind::Sent) << worker;
            QTest::addRow("failed, %s", qPrintable(who)) << int(Outcome::Kind::Failed) << worker;
            QTest::addRow("retry, %s", qPrintable(who)) << int(Outcome::Kind::Retry) << worker;
        }
    }

    void aLateOutcomeNeverLandsOnTheRowsNextClaim()
    {
        QFETCH(int, kind);
        QFETCH(QString, nextWorker);
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const ClaimedMessage first = engine.claim(c.id, u"w1"_s, 1).value(0);
        QCOMPARE(engine.recoverWorker(u"w1"_s), 1);
        QCOMPARE(engine.resend(c.id, FailureReason::Interrupted), 1); // reopens the campaign, paused
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        const ClaimedMessage second = engine.claim(c.id, nextWorker, 1).value(0);
        QCOMPARE(second.id, first.id);
        QVERIFY(second.claim > first.claim);

        const RecordResult late = engine.record({lateOutcome(Outcome::Kind(kind), first, clock)});
        QCOMPARE(late.ignored, 1);
        QCOMPARE(rowStatus(db, first.id), u"processing"_s);
        QCOMPARE(db.scalar(u"SELECT claimed_by FROM send_queue WHERE id = ?"_s, {first.id}).toString(),
                 nextWorker);
        QVERIFY(countersMatch(db, clock, c.id));
        // A stale release is refused the same way.
        QCOMPARE(engine.release({first}), 0);
        QCOMPARE(rowStatus(db, first.id), u"processing"_s);

        // The claim that holds the row records its own answer.
        const RecordResult own = engine.record({Outcome::sent(second, u"wamid.second"_s)});
        QCOMPARE(own.sent, 1);
        QCOMPARE(own.ignored, 0);
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Completed);
        QVERIFY(countersMatch(db, clock, c.id));
    }

    void expiredLeasesFailAsInterruptedAndAreNeverResentSilently()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 5);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        QCOMPARE(engine.claim(c.id, u"dead"_s, 3).size(), 3);
        clock.advanceMs(60'000);
        QCOMPARE(engine.recoverExpiredLeases(std::chrono::seconds(120)), 0);
        clock.advanceMs(120'000);
        QCOMPARE(engine.recoverExpiredLeases(std::chrono::seconds(120)), 3);
        QCOMPARE(
            db.scalar(
                  u"SELECT count(*) FROM send_queue WHERE status = 'failed' AND error_reason = 'interrupted'"_s)
                .toInt(),
            3);
        const auto next = engine.claim(c.id, u"w2"_s, 10);
        QCOMPARE(next.size(), 2); // only the two never-claimed rows
        QVERIFY(countersMatch(db, clock, c.id));
        QCOMPARE(store.byId(c.id).totalFailed, 3);
    }

    void aPhoneThatOptsOutAfterBeingQueuedIsNeverHandedOut()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        db.run(u"INSERT INTO opt_outs (phone, source, created_at) VALUES ('+4915100000001', 'manual', ?)"_s,
               {db.timeValue(clock.now())});
        QueueEngine engine(db, clock);
        const auto batch = engine.claim(c.id, u"w1"_s, 10);
        QCOMPARE(batch.size(), 2);
        QVERIFY(std::none_of(batch.cbegin(), batch.cend(),
                             [](const auto &m) { return m.phone == "+4915100000001"_L1; }));
        QCOMPARE(
            db.scalar(u"SELECT error_reason FROM send_queue WHERE phone = '+4915100000001'"_s).toString(),
            FailureReason::OptedOut);
        QCOMPARE(store.byId(c.id).totalFailed, 1);
        QVERIFY(countersMatch(db, clock, c.id));
    }

    void releasedRowsGoBackUnsentWithTheirAttemptGivenBack()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto batch = engine.claim(c.id, u"w1"_s, 3);
        ClaimedMessage notItsRow = batch[0];
        notItsRow.claimedBy = u"other"_s;
        QCOMPARE(engine.release({notItsRow}), 0);
        QCOMPARE(engine.release({batch[0], batch[1]}), 2);
        QCOMPARE(engine.recoverWorker(u"w1"_s), 1); // only the row still held
        const auto again = engine.claim(c.id, u"w2"_s, 3);
        QCOMPARE(again.size(), 2);
        QCOMPARE(again[0].attempts, 1);
        QVERIFY(countersMatch(db, clock, c.id));
    }

    void resendByReasonQueuesOnlyThoseAndReopensACompletedCampaign()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 4);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto b = engine.claim(c.id, u"w1"_s, 4);
        db.run(u"INSERT INTO opt_outs (phone, source, created_at) VALUES (?, 'api', ?)"_s,
               {b[3].phone, db.timeValue(clock.now())});
        engine.record({Outcome::failed(b[0], FailureReason::NoResponse),
                       Outcome::failed(b[1], u"131026"_s, {}, 131026), Outcome::sent(b[2], u"wamid.x"_s),
                       Outcome::failed(b[3], FailureReason::NoResponse)});
        QCOMPARE(store.byId(c.id).status, CampaignStatus::Completed);
        QCOMPARE(engine.resend(c.id, u"no response"_s), 1); // the opted-out one stays failed
        const Campaign reopened = store.byId(c.id);
        QCOMPARE(reopened.status, CampaignStatus::Paused);
        QCOMPARE(reopened.totalFailed, 2);
        QCOMPARE(reopened.pending, 1);
        QVERIFY(countersMatch(db, clock, c.id));
        QCOMPARE(engine.resend(c.id, u"no response"_s), 0);
        store.transition(c.id, CampaignStatus::Running);
        const auto again = engine.claim(c.id, u"w1"_s, 10);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, b[0].id);
        QCOMPARE(again[0].attempts, 1);
    }

    void illegalTransitionsAndUnknownCampaignsAreRefusedClearly()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        CampaignStore store(db, clock);
        const Campaign empty = makeCampaign(db, clock, u"Empty"_s, 0);
        QVERIFY_THROWS_EXCEPTION(DbError, store.transition(empty.id, CampaignStatus::Running));
        try {
            store.transition(empty.id, CampaignStatus::Completed);
            QFAIL("draft -> completed was accepted");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains("draft"_L1) && e.message().contains("completed"_L1),
                     qPrintable(e.message()));
        }
        store.transition(empty.id, CampaignStatus::Cancelled);
        QVERIFY_THROWS_EXCEPTION(DbError, store.transition(empty.id, CampaignStatus::Running));
        QVERIFY_THROWS_EXCEPTION(DbError, QueueEngine(db, clock).enqueue(empty.id, makeRecipients(1)));
        try {
            store.byName(u"No such campaign"_s);
            QFAIL("unknown campaign was found");
        } catch (const DbError &e) {
            QVERIFY(e.message().contains("No such campaign"_L1));
        }
        QVERIFY_THROWS_EXCEPTION(DbError, store.create({u"Empty"_s, u"t"_s, u"en"_s, {}, {}}));
        QCOMPARE(db.scalar(u"SELECT count(*) FROM campaigns"_s).toInt(), 1);
    }

    // The console charts a campaign from its per-minute history: sent and failed land in the
    // minute they happened, a resend takes its failures back in its own minute, and the
    // sums are always the counters — also when a lost history is rebuilt by repair.
    void historyKeepsSentAndFailedPerMinuteAndResendTakesFailuresBack()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(QDateTime(QDate(2026, 12, 1), QTime(9, 59, 30), Qt::UTC));
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 4);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto b = engine.claim(c.id, u"w1"_s, 4);
        engine.record({Outcome::sent(b[0], u"wamid.0"_s), Outcome::sent(b[1], u"wamid.1"_s)});
        clock.advanceMs(60'000); // 10:00:30
        engine.record({Outcome::failed(b[2], u"131026"_s, {}, 131026)});
        clock.advanceMs(120'000); // 10:02:30
        QCOMPARE(engine.recoverWorker(u"w1"_s), 1);
        QCOMPARE(
            db.scalar(u"SELECT count(*) FROM send_queue WHERE status = 'failed' AND failed_at IS NOT NULL"_s)
                .toInt(),
            2);
        clock.advanceMs(60'000); // 10:03:30
        QCOMPARE(engine.resend(c.id, u"131026"_s), 1);
        QCOMPARE(db.scalar(u"SELECT failed_at FROM send_queue WHERE id = ?"_s, {b[2].id}).isNull(), true);

        const auto at = [](int h, int m) {
            return QDateTime(QDate(2026, 12, 1), QTime(h, m), Qt::UTC);
        };
        const QList<MinuteCount> expected{
            {at(9, 59), 2, 0}, {at(10, 0), 0, 1}, {at(10, 2), 0, 1}, {at(10, 3), 0, -1}};
        QCOMPARE(CampaignHistory(db).minutes(c.id), expected);
        QCOMPARE(CampaignHistory(db).minutes(c.id, at(10, 2)), expected.mid(2));
        const CounterValues sums = Counters::historyTotals(db, c.id);
        const Campaign now = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(sums.sent, now.totalSent);
        QCOMPARE(sums.failed, now.totalFailed);

        // A lost history is found and rebuilt from the rows' own times.
        db.run(u"DELETE FROM campaign_minutes"_s);
        Repair repair(db, clock);
        QVERIFY(repair.analyze(c.id).first().historyDiffers());
        repair.apply(c.id);
        QVERIFY(!repair.analyze(c.id).first().needsRepair());
        const QList<MinuteCount> rebuilt{{at(9, 59), 2, 0}, {at(10, 2), 0, 1}};
        QCOMPARE(CampaignHistory(db).minutes(c.id), rebuilt);
    }

    void repairRestoresZeroedCountersAndCompletesStuckCampaigns()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore store(db, clock);
        store.transition(c.id, CampaignStatus::Running);
        db.run(u"UPDATE send_queue SET status = 'sent'"_s);
        db.run(u"UPDATE campaigns SET total_sent = 0, total_failed = 0, total_contacts = 0"_s);
        Repair repair(db, clock);
        const auto dry = repair.analyze();
        QCOMPARE(dry.size(), 1);
        QVERIFY(dry[0].countersDiffer());
        QCOMPARE(dry[0].repairedStatus, CampaignStatus::Completed);
        QCOMPARE(store.byId(c.id).totalSent, 0); // analyze wrote nothing
        repair.apply();
        const Campaign fixed = store.byId(c.id);
        QCOMPARE(fixed.totalSent, 3);
        QCOMPARE(fixed.totalContacts, 3);
        QCOMPARE(fixed.status, CampaignStatus::Completed);
        QVERIFY(!repair.analyze().first().needsRepair());
    }

    void dailySummaryCountsSentFailedDeliveredAndReadPerDay()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock(QDateTime(QDate(2026, 11, 27), QTime(23, 59, 59), Qt::UTC));
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const auto b = engine.claim(c.id, u"w"_s, 3);
        engine.record({Outcome::sent(b[0], u"w0"_s)});
        clock.advanceMs(2000); // next UTC day
        engine.record({Outcome::sent(b[1], u"w1"_s), Outcome::failed(b[2], u"131026"_s)});
        // Delivery callbacks: the first day's message was delivered and read, the second's delivered.
        const QVariant later = db.timeValue(clock.now());
        db.run(u"UPDATE send_queue SET delivered_at = ?, read_at = ? WHERE wamid = 'w0'"_s, {later, later});
        db.run(u"UPDATE send_queue SET delivered_at = ? WHERE wamid = 'w1'"_s, {later});
        DailySummary summary(db, clock);
        QCOMPARE(summary.refresh(7), 2);
        const auto rows = summary.rows(7);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].day, QDate(2026, 11, 28));
        QCOMPARE(rows[0].sent, 1);
        QCOMPARE(rows[0].failed, 1);
        QCOMPARE(rows[0].delivered, 1);
        QCOMPARE(rows[0].read, 0);
        QCOMPARE(rows[1].day, QDate(2026, 11, 27));
        QCOMPARE(rows[1].sent, 1);
        QCOMPARE(rows[1].delivered, 1); // counted on the day it was sent
        QCOMPARE(rows[1].read, 1);
        QCOMPARE(rows[1].campaignName, u"A"_s);
    }
};

QTEST_GUILESS_MAIN(TestQueueEngine)
#include "test_queueengine.moc"
