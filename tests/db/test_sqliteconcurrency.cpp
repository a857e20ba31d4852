#include "TestDatabase.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QTest>
#include <QThread>

#include <atomic>
#include <latch>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
// The first error of each thread, collected for the main thread's assertions (Qt Test's
// macros must not run outside the test thread).
class Errors
{
public:
    void add(const QString &e)
    {
        QMutexLocker lock(&m_mutex);
        m_list << e;
    }
    QStringList list() const
    {
        QMutexLocker lock(&m_mutex);
        return m_list;
    }

private:
    mutable QMutex m_mutex;
    QStringList m_list;
};

void runAll(std::vector<std::unique_ptr<QThread>> &threads)
{
    for (auto &t : threads) {
        t->start();
    }
    for (auto &t : threads) {
        t->wait();
    }
}
} // namespace

// The embedded database under the load of the console: several connections writing at once
// (sender, importer, GUI) must queue on SQLite's lock, never fail with "database is locked".
class TestSqliteConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrentWriteTransactionsAllSucceedAndNoneIsLost()
    {
        constexpr int kThreads = 4;
        constexpr int kTransactions = 200;
        QString skip;
        auto tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(tdb, qPrintable(skip));
        tdb->db().run(u"INSERT INTO app_settings (key, value) VALUES ('counter', '0')"_s);

        Errors errors;
        std::latch ready(kThreads + 1);
        std::atomic<bool> writing{true};
        std::atomic<int> reads{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                try {
                    Database db(tdb->config(), u"writer%1"_s.arg(t));
                    ready.arrive_and_wait(); // all connections open, then all write at once
                    for (int i = 0; i < kTransactions; ++i) {
                        Transaction tx(db);
                        // Read-modify-write: a lost update would show in the final counter.
                        const int n =
                            db.scalar(u"SELECT value FROM app_settings WHERE key = 'counter'"_s).toInt();
                        db.run(u"UPDATE app_settings SET value = ? WHERE key = 'counter'"_s,
                               {QString::number(n + 1)});
                        db.run(u"INSERT INTO app_settings (key, value) VALUES (?, ?)"_s,
                               {u"t%1-%2"_s.arg(t).arg(i), QString::number(i)});
                        tx.commit();
                    }
                } catch (const DbError &e) {
                    errors.add(u"writer %1: %2"_s.arg(t).arg(e.message()));
                }
            }));
        }
        // A reader alongside, as the GUI is: in WAL mode it is never blocked by the writers
        // and never sees a count go backwards.
        threads.emplace_back(QThread::create([&] {
            try {
                Database db(tdb->config(), u"reader"_s);
                ready.arrive_and_wait();
                int last = 0;
                while (writing.load()) {
                    const int n = db.scalar(u"SELECT count(*) FROM app_settings"_s).toInt();
                    if (n < last) {
                        errors.add(u"reader saw the row count go back from %1 to %2"_s.arg(last).arg(n));
                    }
                    last = n;
                    reads.fetch_add(1, std::memory_order_relaxed);
                }
            } catch (const DbError &e) {
                errors.add(u"reader: "_s + e.message());
            }
        }));
        for (auto &t : threads) {
            t->start();
        }
        for (int t = 0; t < kThreads; ++t) {
            threads[static_cast<size_t>(t)]->wait();
        }
        writing.store(false);
        threads.back()->wait();

        QVERIFY2(errors.list().isEmpty(), qPrintable(errors.list().join(u'\n')));
        Database &db = tdb->db();
        QCOMPARE(db.scalar(u"SELECT value FROM app_settings WHERE key = 'counter'"_s).toInt(),
                 kThreads * kTransactions);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM app_settings WHERE key <> 'counter'"_s).toInt(),
                 kThreads * kTransactions);
        QVERIFY(reads.load() > 0);
    }

    void aWriterWaitsForTheLockInsteadOfFailing()
    {
        // One connection holds the write lock for a while; a second one that wants to write
        // must wait for it (busy timeout) and then succeed.
        QString skip;
        auto tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(tdb, qPrintable(skip));
        constexpr int kHoldMs = 400;

        Errors errors;
        std::latch locked(2);
        qint64 waitedMs = -1;
        std::vector<std::unique_ptr<QThread>> threads;
        threads.emplace_back(QThread::create([&] {
            try {
                Database db(tdb->config(), u"holder"_s);
                Transaction tx(db);
                db.run(u"INSERT INTO app_settings (key, value) VALUES ('holder', '1')"_s);
                locked.arrive_and_wait();
                QThread::msleep(kHoldMs);
                tx.commit();
            } catch (const DbError &e) {
                errors.add(u"holder: "_s + e.message());
            }
        }));
        threads.emplace_back(QThread::create([&] {
            try {
                Database db(tdb->config(), u"waiter"_s);
                locked.arrive_and_wait();
                QElapsedTimer timer;
                timer.start();
                Transaction tx(db); // BEGIN IMMEDIATE: blocks here until the holder commits
                db.run(u"INSERT INTO app_settings (key, value) VALUES ('waiter', '1')"_s);
                tx.commit();
                waitedMs = timer.elapsed();
            } catch (const DbError &e) {
                errors.add(u"waiter: "_s + e.message());
            }
        }));
        runAll(threads);

        QVERIFY2(errors.list().isEmpty(), qPrintable(errors.list().join(u'\n')));
        QVERIFY2(waitedMs >= kHoldMs / 2, qPrintable(u"the waiter got the lock after %1 ms"_s.arg(waitedMs)));
        QCOMPARE(tdb->db().scalar(u"SELECT count(*) FROM app_settings"_s).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSqliteConcurrency)
#include "test_sqliteconcurrency.moc"
