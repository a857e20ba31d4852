// The incident's own figures. FILE 31: 10,549 contacts, 10,521 sent and 28 failed, must be
// completed; FILE 32: 31,265 contacts at 24,181 sent and 84 failed must still be running;
// counters zeroed by hand (the seed's 0/0) are repaired to exactly these numbers.
#include "QueueTestUtil.h"
#include "queue/Repair.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
// Sends `sent` and fails `failed` of the campaign's rows through the engine, in batches.
void process(Database &db, const Clock &clock, const QString &id, qint64 sent, qint64 failed)
{
    QueueEngine engine(db, clock);
    qint64 doneSent = 0;
    qint64 doneFailed = 0;
    while (doneSent < sent || doneFailed < failed) {
        const auto batch = engine.claim(id, u"seed"_s, 500);
        QVERIFY(!batch.isEmpty());
        QList<Outcome> out;
        for (const auto &m : batch) {
            if (doneFailed < failed && (m.id % 300 == 0 || doneSent >= sent)) {
                out << Outcome::failed(m, u"135000"_s, u"Generic user error"_s, 135000);
                ++doneFailed;
            } else if (doneSent < sent) {
                out << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
                ++doneSent;
            } else {
                break;
            }
        }
        // Rows claimed beyond the figures go back to the queue.
        for (qsizetype i = out.size(); i < batch.size(); ++i) {
            out << Outcome::retry(batch[i], clock.now().addSecs(-1), u"131000"_s);
        }
        engine.record(out);
    }
}
} // namespace

class TestSeedScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void theIncidentsCampaignsCompleteOrKeepRunningAndRepairToTheirTrueFigures()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign f31 = makeCampaign(db, clock, u"FIN NEW DATA 10 NOV 2025 FILE 31"_s, 0);
        const Campaign f32 = makeCampaign(db, clock, u"FIN NEW DATA FILE 32"_s, 0);
        QueueEngine engine(db, clock);
        QCOMPARE(engine.enqueue(f31.id, makeRecipients(10549, 0)).inserted, 10549);
        QCOMPARE(engine.enqueue(f32.id, makeRecipients(31265, 100000)).inserted, 31265);
        store.transition(f31.id, CampaignStatus::Running);
        store.transition(f32.id, CampaignStatus::Running);

        process(db, clock, f31.id, 10521, 28);
        process(db, clock, f32.id, 24181, 84);

        Campaign a = store.byId(f31.id);
        QCOMPARE(a.totalSent, 10521);
        QCOMPARE(a.totalFailed, 28);
        QCOMPARE(a.status, CampaignStatus::Completed);
        Campaign b = store.byId(f32.id);
        QCOMPARE(b.totalSent, 24181);
        QCOMPARE(b.totalFailed, 84);
        QCOMPARE(b.totalContacts, 31265);
        QCOMPARE(b.pending, 31265 - 24181 - 84);
        QCOMPARE(b.status, CampaignStatus::Running);

        // The seed's state: counters at 0/0 and FILE 31 stuck in running.
        db.run(u"UPDATE campaigns SET total_sent = 0, total_failed = 0"_s);
        db.run(u"UPDATE campaigns SET status = 'running', end_time = NULL WHERE id = ?"_s, {f31.id});
        Repair repair(db, clock);
        const auto items = repair.apply();
        QCOMPARE(items.size(), 2);
        a = store.byId(f31.id);
        b = store.byId(f32.id);
        QCOMPARE(a.totalSent, 10521);
        QCOMPARE(a.totalFailed, 28);
        QCOMPARE(a.status, CampaignStatus::Completed);
        QCOMPARE(b.totalSent, 24181);
        QCOMPARE(b.totalFailed, 84);
        QCOMPARE(b.status, CampaignStatus::Running);
        QVERIFY(!repair.analyze().first().needsRepair());
    }

    void theSeedsCounterFunctionsCanNeverMakeTheCountersDrift()
    {
        HERALD_TEST_DB(tdb);
        if (!tdb->isPostgres()) {
            QSKIP("the seed's functions exist on PostgreSQL only");
        }
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        const Campaign c = makeCampaign(db, clock, u"Legacy writer"_s, 3);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        // An old writer: flips a row, then calls the seed's function — here twice for one
        // message, and the wrong one for another. Adding one would drift; recounting cannot.
        db.run(u"UPDATE send_queue SET status = 'sent' WHERE id = (SELECT min(id) FROM send_queue)"_s);
        db.run(u"SELECT increment_campaign_sent(CAST(? AS uuid))"_s, {c.id});
        db.run(u"SELECT increment_campaign_sent(CAST(? AS uuid))"_s, {c.id});
        QVERIFY(countersMatch(db, clock, c.id));
        db.run(u"UPDATE send_queue SET status = 'failed' WHERE id = (SELECT max(id) FROM send_queue)"_s);
        db.run(u"SELECT increment_campaign_sent(CAST(? AS uuid))"_s, {c.id});
        QVERIFY(countersMatch(db, clock, c.id));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Running);
        db.run(u"UPDATE send_queue SET status = 'sent' WHERE status = 'ready'"_s);
        db.run(u"SELECT increment_campaign_failed(CAST(? AS uuid))"_s, {c.id});
        QVERIFY(countersMatch(db, clock, c.id));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Completed);
    }
};

QTEST_GUILESS_MAIN(TestSeedScenario)
#include "test_seedscenario.moc"
