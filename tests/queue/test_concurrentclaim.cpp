// Four connections claim from one campaign at the same time. On PostgreSQL they must never
// share a row (FOR UPDATE SKIP LOCKED); on SQLite, concurrent writers must wait for each
// other on the busy timeout rather than fail. Either way every row is sent exactly once and
// the counters and completion come out exact.
#include "QueueTestUtil.h"
#include "db/DbError.h"
#include "queue/Repair.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestConcurrentClaim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void fourWorkersNeverShareARowAndFinishTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        const int rows = 2000;
        const Campaign c = makeCampaign(tdb->db(), clock, u"Concurrent"_s, rows);
        CampaignStore(tdb->db(), clock).transition(c.id, CampaignStatus::Running);

        QMutex mutex;
        QList<qint64> claimed;
        QStringList errors;
        std::atomic<int> maxBatchesAtOnce{0};
        std::atomic<int> inside{0};
        QList<QThread *> threads;
        for (int w = 0; w < 4; ++w) {
            threads << QThread::create([&, w] {
                try {
                    auto db = tdb->open(u"worker%1"_s.arg(w));
                    QueueEngine engine(*db, clock);
                    const QString worker = u"worker-%1"_s.arg(w);
                    for (;;) {
                        const auto batch = engine.claim(c.id, worker, 25);
                        if (batch.isEmpty()) {
                            break;
                        }
                        const int now = ++inside;
                        int seen = maxBatchesAtOnce.load();
                        while (now > seen && !maxBatchesAtOnce.compare_exchange_weak(seen, now)) {
                        }
                        QList<Outcome> outcomes;
                        for (const auto &m : batch) {
                            outcomes << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
                        }
                        QThread::usleep(200); // "sending": lets the other workers claim meanwhile
                        // Until two batches were out at once, hold this one (at most 2 s) while
                        // another worker claims: a claim must never wait for another batch's
                        // outcomes. A 200 µs window alone was sometimes missed on SQLite.
                        const QDeadlineTimer patience(2000);
                        while (maxBatchesAtOnce.load() < 2 && !patience.hasExpired()) {
                            QThread::usleep(100);
                        }
                        --inside;
                        engine.record(outcomes);
                        QMutexLocker lock(&mutex);
                        for (const auto &m : batch) {
                            claimed << m.id;
                        }
                    }
                } catch (const DbError &e) {
                    QMutexLocker lock(&mutex);
                    errors << e.message();
                }
            });
        }
        for (QThread *t : threads) {
            t->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(120'000));
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        const QSet<qint64> unique(claimed.cbegin(), claimed.cend());
        QCOMPARE(claimed.size(), rows);
        QCOMPARE(unique.size(), rows);
        QVERIFY2(maxBatchesAtOnce.load() >= 2, "the workers never overlapped: the test proved nothing");
        const Campaign after = CampaignStore(tdb->db(), clock).byId(c.id);
        QCOMPARE(after.totalSent, qint64(rows));
        QCOMPARE(after.status, CampaignStatus::Completed);
        QVERIFY(countersMatch(tdb->db(), clock, c.id));
    }

    // The doctor's check (Repair::analyze, which the console runs at start) while a sender
    // records outcomes on another connection: it reads the counters, their recount and the
    // history as of one moment, so a campaign being sent never looks damaged.
    void theRepairCheckSeesOneMomentWhileASenderRecords()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        const int rows = 1500;
        const Campaign c = makeCampaign(tdb->db(), clock, u"Checked while sending"_s, rows);
        CampaignStore(tdb->db(), clock).transition(c.id, CampaignStatus::Running);
        std::atomic<bool> done{false};
        QString error;
        QThread *sender = QThread::create([&] {
            try {
                auto db = tdb->open(u"sender"_s);
                QueueEngine engine(*db, clock);
                for (;;) {
                    const auto batch = engine.claim(c.id, u"sender"_s, 3);
                    if (batch.isEmpty()) {
                        break;
                    }
                    QList<Outcome> outcomes;
                    for (const auto &m : batch) {
                        outcomes << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
                    }
                    engine.record(outcomes);
                }
            } catch (const DbError &e) {
                error = e.message();
            }
            done = true;
        });
        sender->start();
        int checks = 0;
        QStringList seen;
        while (!done) {
            for (const RepairItem &item : Repair(tdb->db(), clock).analyze(c.id)) {
                if (item.needsRepair() && seen.size() < 5) {
                    seen << u"stored %1 sent, recount %2, history %3"_s.arg(item.stored.sent)
                                .arg(item.recounted.sent)
                                .arg(item.history.sent);
                }
            }
            ++checks;
        }
        QVERIFY(sender->wait(120'000));
        delete sender;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(checks >= 20, "too few checks overlapped the sending: the test proved nothing");
        QVERIFY2(seen.isEmpty(), qPrintable(u"%1 checks; damage seen: "_s.arg(checks) + seen.join(u"; "_s)));
        QCOMPARE(CampaignStore(tdb->db(), clock).byId(c.id).status, CampaignStatus::Completed);
        qInfo("%d checks while 1,500 messages were recorded in batches of 3: none saw damage", checks);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentClaim)
#include "test_concurrentclaim.moc"
