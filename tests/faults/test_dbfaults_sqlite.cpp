// SQLite under fault, each injected for real while a sender runs a campaign against the
// simulator: the write lock held by another process (the sqlite3 command-line tool), and the
// disk full under the database (a small tmpfs, resized while the sender waits). The sender
// stops sending while the database cannot be written, goes on when it can, and stops with an
// error naming the cause when that lasts longer than its patience; what is stored stays
// consistent, and nobody is messaged twice.
#include "ForeignWriteLock.h"
#include "SqlitePageLimit.h"
#include "db/Migrator.h"
#include "test_dbfaults_common.h"

#include <QDir>
#include <QSqlError>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <optional>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// Whether a write on the database fails at once because someone else holds its write lock.
bool writeLockIsTaken(const DatabaseConfig &cfg)
{
    Database probe(cfg, u"probe"_s);
    probe.setBusyTimeout(std::chrono::milliseconds(0));
    try {
        probe.execDirect(u"BEGIN IMMEDIATE"_s);
        probe.execDirect(u"ROLLBACK"_s);
        return false;
    } catch (const DbError &e) {
        return e.cause() == DbError::Cause::Busy;
    }
}

// A tmpfs of a given size, mounted in a temporary folder for one test and unmounted (with its
// folder) whatever happens. Needs root, or a machine that lets the test mount one.
class SmallDisk
{
public:
    ~SmallDisk()
    {
        if (m_mounted) {
            ::umount2(m_path.constData(), MNT_DETACH);
        }
        if (!m_path.isEmpty()) {
            ::rmdir(m_path.constData());
        }
    }

    bool mount(qint64 bytes, QString *why)
    {
        QByteArray pattern = QDir::tempPath().toLocal8Bit() + "/herald-disk.XXXXXX";
        if (!::mkdtemp(pattern.data())) {
            *why = u"no temporary folder"_s;
            return false;
        }
        m_path = pattern;
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0755";
        if (::mount("tmpfs", m_path.constData(), "tmpfs", 0, options.constData()) != 0) {
            *why = u"cannot mount a tmpfs here (%1): run as root to test a full disk"_s.arg(
                QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        m_mounted = true;
        return true;
    }

    bool resize(qint64 bytes)
    {
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0755";
        return ::mount("tmpfs", m_path.constData(), "tmpfs", MS_REMOUNT, options.constData()) == 0;
    }

    qint64 used() const
    {
        struct statvfs s
        {
        };
        ::statvfs(m_path.constData(), &s);
        return qint64(s.f_blocks - s.f_bfree) * qint64(s.f_frsize);
    }
    qint64 available() const
    {
        struct statvfs s
        {
        };
        ::statvfs(m_path.constData(), &s);
        return qint64(s.f_bavail) * qint64(s.f_frsize);
    }

    QString file(const QString &name) const { return QString::fromLocal8Bit(m_path) + u'/' + name; }

private:
    QByteArray m_path;
    bool m_mounted = false;
};

constexpr int kRecipients = 3000;

// How the disk fills up: a small tmpfs where the test may mount one (root), and everywhere
// SQLite's page limit, which gives the same SQLITE_FULL (SqlitePageLimit.h). The disk-full
// tests run with both, so that CI, which is root, checks the fallback too.
enum class FullDisk { Tmpfs, PageLimit };
} // namespace
Q_DECLARE_METATYPE(FullDisk)
namespace {

void addFullDiskRows()
{
    QTest::addColumn<FullDisk>("kind");
    QTest::newRow("tmpfs") << FullDisk::Tmpfs;
    QTest::newRow("max_page_count") << FullDisk::PageLimit;
}

// A migrated database with one campaign of kRecipients on the small disk, which is then shrunk
// to what the database uses plus a little room: the sender fills it within a few hundred
// messages. With the page limit the database lives in a temporary folder and every connection
// opened afterwards (the sender's) may add a few pages only.
struct FullDiskSetUp
{
    FullDisk kind = FullDisk::Tmpfs;
    SmallDisk disk;
    QTemporaryDir folder;
    std::optional<SqlitePageLimit> pageLimit;
    qint64 maxPages = 0;
    DatabaseConfig config;
    std::unique_ptr<Database> db;
    QString campaignId;

    bool prepare(FullDisk how, QString *why)
    {
        kind = how;
        if (kind == FullDisk::PageLimit) {
            return preparePageLimit(why);
        }
        const qint64 headroom = 192 * 1024;
        if (!disk.mount(64 << 20, why)) {
            return false;
        }
        QString error;
        if (!DatabaseConfig::parse(disk.file(u"herald.db"_s), &config, &error)) {
            *why = error;
            return false;
        }
        db = std::make_unique<Database>(config, u"test"_s);
        Migrator(*db).migrate();
        campaignId = makeCampaign(*db, Clock::system(), u"Full disk"_s, kRecipients).id;
        db->execDirect(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        const qint64 size = disk.used() + headroom;
        if (!disk.resize(size)) {
            *why = u"cannot shrink the tmpfs to %1 bytes: %2"_s.arg(size).arg(
                QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        qInfo("small disk: %lld KiB used by the database, %lld KiB left", disk.used() / 1024,
              disk.available() / 1024);
        return true;
    }

    bool preparePageLimit(QString *why)
    {
        *why = SqlitePageLimit::unavailableReason();
        if (!why->isEmpty()) {
            return false;
        }
        QString error;
        if (!folder.isValid() || !DatabaseConfig::parse(folder.filePath(u"herald.db"_s), &config, &error)) {
            *why = error.isEmpty() ? u"no temporary folder"_s : error;
            return false;
        }
        db = std::make_unique<Database>(config, u"test"_s);
        Migrator(*db).migrate();
        campaignId = makeCampaign(*db, Clock::system(), u"Full disk"_s, kRecipients).id;
        const qint64 pages = db->scalar(u"PRAGMA page_count"_s).toLongLong();
        maxPages = pages + kPageLimitRoom;
        pageLimit.emplace();
        pageLimit->limitNewConnections(maxPages);
        // The limit must reach connections opened through Qt, as the sender's are; otherwise the
        // test would prove nothing.
        const qint64 seen = Database(config, u"probe"_s).scalar(u"PRAGMA max_page_count"_s).toLongLong();
        if (seen != maxPages) {
            *why = u"SQLite's page limit did not reach a connection opened through Qt (%1 pages, not %2)"_s
                       .arg(seen)
                       .arg(maxPages);
            pageLimit.reset();
            return false;
        }
        qInfo("page limit: the database has %lld pages and may grow to %lld", pages, maxPages);
        return true;
    }

    // How much the database may still grow, in bytes.
    qint64 spaceLeft() const
    {
        if (kind == FullDisk::Tmpfs) {
            return disk.available();
        }
        const qint64 pageSize = db->scalar(u"PRAGMA page_size"_s).toLongLong();
        return (maxPages - db->scalar(u"PRAGMA page_count"_s).toLongLong()) * pageSize;
    }

    // Space comes back: the tmpfs grows, or the page limit is raised on the open connections.
    bool makeRoom()
    {
        if (kind == FullDisk::Tmpfs) {
            return disk.resize(64 << 20);
        }
        maxPages = 1 << 30;
        pageLimit->raise(maxPages);
        return true;
    }

    // A few pages only: the campaign's rows grow as answers are recorded, and fill them within a
    // few hundred messages.
    static constexpr qint64 kPageLimitRoom = 8;
};

QString integrity(Database &db)
{
    return db.scalar(u"PRAGMA integrity_check"_s).toString();
}

} // namespace

class TestDbFaultsSqlite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // test_sender.cpp::aSenderWaitsForAnotherWriterInsteadOfStopping covers another connection
    // of the same process; this is another process, past the sender's busy timeout.
    void anotherProcessHoldingTheWriteLockMakesTheSenderWaitThenGoOn()
    {
        QString skip;
        const auto tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(tdb, qPrintable(skip));
        SimulatorConfig sc;
        sc.latencyMs = 5;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Locked"_s, 1500);
        SenderConfig cfg = senderConfigOn(tdb->config(), sim, c.id);
        cfg.rate = 200;
        cfg.lease = std::chrono::seconds(6); // each statement waits 3 s for the lock, then fails
        cfg.databasePatience = std::chrono::seconds(60);

        ForeignWriteLock lock;
        bool taken = false;
        bool confirmed = false;
        QString why;
        qint64 acceptedAtLock = -1;
        qint64 acceptedAtRelease = -1;
        qint64 heldMs = 0;
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 120'000, [&](const SendProgress &p) {
            if (taken || !why.isEmpty() || p.sent < 200) {
                return;
            }
            taken = lock.take(TestDatabase::sqlitePath(*tdb), &why);
            acceptedAtLock = sim.log().totals().accepted;
            QTimer::singleShot(9000, &sender, [&] {
                confirmed = writeLockIsTaken(tdb->config());
                acceptedAtRelease = sim.log().totals().accepted;
                heldMs = lock.release();
            });
        });
        QVERIFY2(taken, qPrintable(why));
        QVERIFY2(confirmed, "the write lock was not held by the other process: the test proved nothing");
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        qInfo("write lock held %lld ms by sqlite3; messages accepted while it was held: %lld (the sender "
              "sends what it holds, then waits)",
              heldMs, acceptedAtRelease - acceptedAtLock);
        // Without waiting, the 1,300 messages left would all have gone out during the 9 s.
        QVERIFY2(acceptedAtRelease - acceptedAtLock < 400, "the sender went on sending without its database");
        Database &db = tdb->db();
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).totalSent, 1500);
        const QString bad = inconsistency(db, c.id);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        QCOMPARE(acceptedOnceEach(sim, &twice), 1500);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
    }

    void anotherProcessHoldingTheWriteLockTooLongStopsTheSenderWithAClearError()
    {
        QString skip;
        const auto tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(tdb, qPrintable(skip));
        SimulatorConfig sc;
        sc.latencyMs = 5;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Locked too long"_s, 1500);
        SenderConfig cfg = senderConfigOn(tdb->config(), sim, c.id);
        cfg.rate = 200;
        cfg.lease = std::chrono::seconds(4);
        cfg.databasePatience = std::chrono::seconds(5);

        ForeignWriteLock lock;
        bool taken = false;
        QString why;
        SendResult r;
        // One Sender for both runs, as the console keeps one (and so one sender id) for its
        // life: rows its first run left held when it gave up must end "interrupted" when it
        // sends again — neither resent nor left held forever under its renewed lease.
        Sender sender;
        r = runToEnd(sender, cfg, 120'000, [&](const SendProgress &p) {
            if (!taken && why.isEmpty() && p.sent >= 200) {
                taken = lock.take(TestDatabase::sqlitePath(*tdb), &why);
            }
        });
        QVERIFY2(taken, qPrintable(why));
        QVERIFY2(writeLockIsTaken(tdb->config()), "the lock was gone before the sender gave up");
        const qint64 heldMs = lock.release();
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        QVERIFY2(r.reason.contains(u"another program holds the database's write lock"_s),
                 qPrintable(r.reason));
        qInfo("the sender gave up after the lock had been held %lld ms: %s", heldMs, qPrintable(r.reason));

        Database &db = tdb->db();
        QCOMPARE(integrity(db), u"ok"_s);
        QString bad = inconsistency(db, c.id);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        // Left resumable: sending again finishes it, nobody messaged twice. A long lease, so
        // that the first run's rows are not simply taken for an expired lease's.
        const qint64 leftHeld = countWhere(db, u"status = 'processing'"_s);
        qInfo("rows left held by the run that gave up: %lld", leftHeld);
        SenderConfig again = senderConfigOn(tdb->config(), sim, c.id);
        again.lease = std::chrono::seconds(600);
        const SendResult r2 = runToEnd(sender, again, 120'000);
        QCOMPARE(SendResult::endName(r2.end), u"completed"_s);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent + after.totalFailed, 1500);
        QCOMPARE(countWhere(db, u"status = 'failed' AND error_reason <> 'interrupted'"_s), 0);
        bad = inconsistency(db, c.id);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        const qint64 accepted = acceptedOnceEach(sim, &twice);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
        QVERIFY(accepted >= after.totalSent && accepted <= 1500);
    }

    void aFullDiskStopsSendingUntilSpaceIsBack_data() { addFullDiskRows(); }
    void aFullDiskStopsSendingUntilSpaceIsBack()
    {
        QFETCH(FullDisk, kind);
        FullDiskSetUp setUp;
        QString why;
        if (!setUp.prepare(kind, &why)) {
            QSKIP(qPrintable(why));
        }
        SimulatorConfig sc;
        sc.latencyMs = 5;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        SenderConfig cfg = senderConfigOn(setUp.config, sim, setUp.campaignId);
        cfg.databasePatience = std::chrono::seconds(120);

        // Once the disk is full and nothing more goes out for two seconds, space comes back.
        qint64 acceptedWhenFull = -1;
        qint64 stalledMs = 0;
        QElapsedTimer stalled;
        qint64 lastAccepted = -1;
        QTimer watch;
        watch.setInterval(250);
        QObject::connect(&watch, &QTimer::timeout, [&] {
            const qint64 accepted = sim.log().totals().accepted;
            if (setUp.spaceLeft() > 32 * 1024 || accepted != lastAccepted) {
                lastAccepted = accepted;
                stalled.start();
                return;
            }
            if (stalled.elapsed() >= 2000) {
                acceptedWhenFull = accepted;
                stalledMs = stalled.elapsed();
                watch.stop();
                QVERIFY(setUp.makeRoom());
            }
        });
        watch.start();
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 180'000);
        QVERIFY2(acceptedWhenFull > 0, "the disk never filled up: the test proved nothing");
        QVERIFY(acceptedWhenFull < kRecipients);
        qInfo("disk full after %lld messages; sending stood still %lld ms until space came back",
              acceptedWhenFull, stalledMs);
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        Database &db = *setUp.db;
        QCOMPARE(integrity(db), u"ok"_s);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(setUp.campaignId).totalSent, kRecipients);
        const QString bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        QCOMPARE(acceptedOnceEach(sim, &twice), kRecipients);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
    }

    void aFullDiskForLongerThanThePatienceStopsWithAClearErrorAndResumesLater_data() { addFullDiskRows(); }
    void aFullDiskForLongerThanThePatienceStopsWithAClearErrorAndResumesLater()
    {
        QFETCH(FullDisk, kind);
        FullDiskSetUp setUp;
        QString why;
        if (!setUp.prepare(kind, &why)) {
            QSKIP(qPrintable(why));
        }
        SimulatorConfig sc;
        sc.latencyMs = 5;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        SenderConfig cfg = senderConfigOn(setUp.config, sim, setUp.campaignId);
        cfg.databasePatience = std::chrono::seconds(3);
        SendResult r;
        {
            Sender sender;
            r = runToEnd(sender, cfg, 120'000);
        }
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        QVERIFY2(r.reason.contains(u"the disk holding the database is full"_s), qPrintable(r.reason));
        qInfo("stopped with: %s", qPrintable(r.reason));
        Database &db = *setUp.db;
        QCOMPARE(integrity(db), u"ok"_s);
        QString bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));

        // Space is back: sending the campaign again finishes it, nobody messaged twice.
        QVERIFY(setUp.makeRoom());
        Sender again;
        const SendResult r2 = runToEnd(again, senderConfigOn(setUp.config, sim, setUp.campaignId), 120'000);
        QCOMPARE(SendResult::endName(r2.end), u"completed"_s);
        QCOMPARE(integrity(db), u"ok"_s);
        const Campaign after = CampaignStore(db, Clock::system()).byId(setUp.campaignId);
        QCOMPARE(after.totalSent + after.totalFailed, kRecipients);
        QCOMPARE(countWhere(db, u"status = 'failed' AND error_reason <> 'interrupted'"_s), 0);
        bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        const qint64 accepted = acceptedOnceEach(sim, &twice);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
        QVERIFY(accepted >= after.totalSent && accepted <= kRecipients);
        qInfo("after resuming: %lld sent, %lld failed \"interrupted\" (answers that could not be recorded)",
              after.totalSent, after.totalFailed);
    }
};

QTEST_GUILESS_MAIN(TestDbFaultsSqlite)
#include "test_dbfaults_sqlite.moc"
