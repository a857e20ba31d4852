// The lock order that keeps PostgreSQL writers free of deadlocks (Counters::lock): every
// transaction that changes queue rows and then a campaign's counters takes the campaign row
// first. Each case holds the campaign row from a second connection, starts one writer, waits
// until it is blocked, and then checks from a third connection that the writer holds none of
// the queue rows it is about to change. A writer that touched its rows first would hold them
// while waiting, which is the half of the deadlock seen with four workers on one campaign.
#include "QueueTestUtil.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "import/AddedRows.h"
#include "privacy/Erasure.h"
#include "webhook/DeliveryWriter.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids) {
        parts << QString::number(id);
    }
    return parts.join(u", "_s);
}

} // namespace

class TestLockOrder : public QObject
{
    Q_OBJECT

    // Runs `writer` on its own connection while the campaign row is held elsewhere; true when,
    // blocked, it held none of `rows`. The writer must then finish once the campaign is free.
    void checkCampaignFirst(TestDatabase &tdb, const QString &campaignId, const QList<qint64> &rows,
                            const std::function<void(Database &)> &writer)
    {
        auto holder = tdb.open(u"holder"_s);
        auto probe = tdb.open(u"probe"_s);
        auto hold = std::make_unique<Transaction>(*holder);
        holder->run(u"SELECT id FROM campaigns WHERE id = ? FOR UPDATE"_s, {campaignId});

        const qint64 holderPid = holder->scalar(u"SELECT pg_backend_pid()"_s).toLongLong();
        std::atomic<qint64> writerPid{0};
        QString error;
        QThread *thread = QThread::create([&] {
            try {
                auto db = tdb.open(u"writer"_s);
                writerPid = db->scalar(u"SELECT pg_backend_pid()"_s).toLongLong();
                writer(*db);
            } catch (const DbError &e) {
                error = e.message();
            }
        });
        thread->start();
        // Blocked by the holder itself, not by any other wait on the server.
        const auto waiting = [&] {
            return writerPid.load() != 0 &&
                   probe
                       ->scalar(u"SELECT CAST(? AS integer) = ANY(pg_blocking_pids(CAST(? AS integer)))"_s,
                                {holderPid, writerPid.load()})
                       .toBool();
        };
        // Whatever is found, the campaign is let go and the writer joined before any verdict.
        const bool blocked = QTest::qWaitFor(waiting, 20'000);
        bool rowsFree = true;
        QString why;
        try {
            Transaction t(*probe);
            QSqlQuery q = probe->run(u"SELECT id FROM send_queue WHERE id IN ("_s + idList(rows) +
                                     u") FOR UPDATE NOWAIT"_s);
            int locked = 0;
            while (q.next()) {
                ++locked;
            }
            q.finish();
            rowsFree = locked == rows.size();
            why = u"only %1 of %2 rows"_s.arg(locked).arg(rows.size());
        } catch (const DbError &e) {
            rowsFree = false;
            why = e.message();
        }
        hold.reset(); // rolls back: the writer may go on
        const bool joined = thread->wait(30'000);
        QVERIFY(joined);
        delete thread;
        QVERIFY2(blocked, "the writer never waited for the campaign row");
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(rowsFree,
                 qPrintable(u"the writer held its queue rows while waiting for the campaign: "_s + why));
    }

    struct Setup
    {
        Campaign campaign;
        QList<ClaimedMessage> batch;
    };

    Setup runningWithClaim(TestDatabase &tdb, int claim)
    {
        const Clock &clock = Clock::system();
        Setup s;
        s.campaign = makeCampaign(tdb.db(), clock, u"Lock order"_s, 40);
        CampaignStore(tdb.db(), clock).transition(s.campaign.id, CampaignStatus::Running);
        if (claim > 0) {
            s.batch = QueueEngine(tdb.db(), clock).claim(s.campaign.id, u"first"_s, claim);
        }
        return s;
    }

    static QList<qint64> ids(const QList<ClaimedMessage> &batch)
    {
        QList<qint64> out;
        for (const ClaimedMessage &m : batch) {
            out << m.id;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "postgresql"_L1) {
            QSKIP("SQLite has one writer at a time (BEGIN IMMEDIATE): there are no row locks to order.");
        }
    }

    void recordingOutcomesTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 10);
        QCOMPARE(s.batch.size(), 10);
        checkCampaignFirst(*tdb, s.campaign.id, ids(s.batch), [&](Database &db) {
            QList<Outcome> outcomes;
            for (const ClaimedMessage &m : s.batch) {
                outcomes << Outcome::sent(m, u"wamid.lock.%1"_s.arg(m.id));
            }
            QueueEngine(db, Clock::system()).record(outcomes);
        });
        QCOMPARE(CampaignStore(tdb->db(), Clock::system()).byId(s.campaign.id).totalSent, 10);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }

    void claimingTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 0);
        QList<qint64> next;
        QSqlQuery q = tdb->db().run(u"SELECT id FROM send_queue WHERE campaign_id = ? ORDER BY id LIMIT 5"_s,
                                    {s.campaign.id});
        while (q.next()) {
            next << q.value(0).toLongLong();
        }
        QList<ClaimedMessage> claimed;
        checkCampaignFirst(*tdb, s.campaign.id, next, [&](Database &db) {
            claimed = QueueEngine(db, Clock::system()).claim(s.campaign.id, u"second"_s, 5);
        });
        QCOMPARE(ids(claimed), next);
    }

    void recoveringLeasesTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 10);
        qint64 recovered = 0;
        checkCampaignFirst(*tdb, s.campaign.id, ids(s.batch), [&](Database &db) {
            recovered = QueueEngine(db, Clock::system()).recoverWorker(u"first"_s);
        });
        QCOMPARE(recovered, 10);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }

    void resendingTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 10);
        QueueEngine(tdb->db(), Clock::system()).recoverWorker(u"first"_s);
        qint64 resent = 0;
        checkCampaignFirst(*tdb, s.campaign.id, ids(s.batch), [&](Database &db) {
            resent = QueueEngine(db, Clock::system()).resend(s.campaign.id, u"all"_s);
        });
        QCOMPARE(resent, 10);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }

    void deliveryCallbacksTakeTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 10);
        QList<Outcome> outcomes;
        QList<StatusUpdate> updates;
        for (const ClaimedMessage &m : s.batch) {
            const QString wamid = u"wamid.lock.%1"_s.arg(m.id);
            outcomes << Outcome::sent(m, wamid);
            StatusUpdate u;
            u.wamid = wamid;
            u.status = DeliveryStatus::Delivered;
            u.timestamp = QDateTime::currentDateTimeUtc();
            u.phoneNumberId = u"1065"_s;
            updates << u;
        }
        QueueEngine(tdb->db(), Clock::system()).record(outcomes);
        qint64 changed = 0;
        checkCampaignFirst(*tdb, s.campaign.id, ids(s.batch), [&](Database &db) {
            changed = DeliveryWriter(db, Clock::system()).write(updates).changed;
        });
        QCOMPARE(changed, 10);
        QCOMPARE(CampaignStore(tdb->db(), Clock::system()).byId(s.campaign.id).totalDelivered, 10);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }

    void removingAnImportsRowsTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 0);
        AddedRows added;
        added.afterId = tdb->db().scalar(u"SELECT min(id) - 1 FROM send_queue"_s).toLongLong();
        added.lastId = tdb->db().scalar(u"SELECT max(id) FROM send_queue"_s).toLongLong();
        QList<qint64> rows;
        QSqlQuery q =
            tdb->db().run(u"SELECT id FROM send_queue WHERE campaign_id = ? ORDER BY id"_s, {s.campaign.id});
        while (q.next()) {
            rows << q.value(0).toLongLong();
        }
        q.finish();
        qint64 removed = 0;
        checkCampaignFirst(*tdb, s.campaign.id, rows, [&](Database &db) {
            removed = AddedRows::remove(db, s.campaign.id, added, Clock::system());
        });
        QCOMPARE(removed, 40);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }

    void erasingAPersonTakesTheCampaignFirst()
    {
        HERALD_TEST_DB(tdb);
        const Setup s = runningWithClaim(*tdb, 0);
        const qint64 row =
            tdb->db()
                .scalar(u"SELECT id FROM send_queue WHERE campaign_id = ? ORDER BY id LIMIT 1"_s,
                        {s.campaign.id})
                .toLongLong();
        const QString phone =
            tdb->db().scalar(u"SELECT phone FROM send_queue WHERE id = ?"_s, {row}).toString();
        qint64 erased = 0;
        checkCampaignFirst(*tdb, s.campaign.id, {row}, [&](Database &db) {
            erased = Erasure(db, Clock::system()).erasePhone(phone, false).rows;
        });
        QCOMPARE(erased, 1);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), s.campaign.id));
    }
};

QTEST_GUILESS_MAIN(TestLockOrder)
#include "test_lockorder.moc"
