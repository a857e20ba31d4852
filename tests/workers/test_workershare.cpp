// Two herald-cli workers as real child processes send one campaign together, on SQLite and
// PostgreSQL: nobody messaged twice, both take a part, and together they keep to the number's
// ceiling (SharedPacer). It runs alone (RUN_SERIAL): the busiest second is measured where the
// simulator stamps arrivals, on the cores the other tests would share.
#include "WorkerHarness.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestWorkerShare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void twoWorkersShareOneCampaignWithoutOverlap()
    {
        HERALD_TEST_DB(tdb);
        Setup s;
        QVERIFY(s.start(*tdb, 100, 20));
        Database &db = tdb->db();
        const Campaign c = runningCampaign(db, u"Shared"_s, 1500, 0);
        const QSet<QString> keys = recipientKeys(db, c.id);
        auto one = s.worker(*tdb, u"one"_s);
        auto two = s.worker(*tdb, u"two"_s);
        QVERIFY(one->start());
        QVERIFY(two->start());
        QVERIFY2(waitFor([&] { return count(db, u"SELECT count(*) FROM campaign_holds"_s) == 2; }, 30'000),
                 qPrintable(one->output() + two->output()));
        QVERIFY2(waitFor([&] { return statusOf(db, c.id) == CampaignStatus::Completed; }, 120'000),
                 qPrintable(one->output() + two->output()));
        QVERIFY(waitFor([&] { return count(db, u"SELECT count(*) FROM campaign_holds"_s) == 0; }, 30'000));
        QVERIFY(one->terminate());
        QVERIFY(two->terminate());
        QVERIFY2(one->finish(60'000) == 0, qPrintable(one->output()));
        QVERIFY2(two->finish(60'000) == 0, qPrintable(two->output()));

        // Together under the number's ceiling (SharedPacer): no sliding second of the simulator's
        // arrivals above max(1.02 × 100, 100 + 1).
        const qint64 peak = s.sim->log().totals().peakSendsPerSecond;
        qInfo("two workers on one number at a 100/s ceiling: busiest second %lld", peak);
        QVERIFY2(peak <= 102, qPrintable(QString::number(peak)));

        const KillCheck check = checkAfterKill(db, c.id, *s.sim, keys, Lease);
        QVERIFY2(check.ok(), qPrintable(check.why));
        const EndCheck end = checkAtEnd(db, c.id, *s.sim, 1500);
        QVERIFY2(end.ok(), qPrintable(end.why));
        // Both sent a part of it.
        qint64 total = 0;
        for (Child *w : {one.get(), two.get()}) {
            const QList<QJsonObject> ended = events(w->output(), u"ended"_s);
            QCOMPARE(ended.size(), 1);
            QCOMPARE(ended.first().value(u"end"_s).toString(), u"completed"_s);
            const qint64 sent = ended.first().value(u"sent"_s).toInteger();
            QVERIFY2(sent > 0, qPrintable(w->output()));
            total += sent;
        }
        QCOMPARE(total, 1500);
    }
};

QTEST_GUILESS_MAIN(TestWorkerShare)
#include "test_workershare.moc"
