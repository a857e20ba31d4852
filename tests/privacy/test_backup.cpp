// herald-cli backup and SqliteBackup: a consistent, checked copy of a SQLite database taken while
// `herald-cli run` sends a campaign against the in-process simulator; on PostgreSQL the pg_dump
// command it prints, run for real against the test cluster.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "privacy/SqliteBackup.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "simulator/CloudApiSimulator.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
QJsonObject sampleDefaults()
{
    return QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                   {u"body.1"_s, u"Ann"_s},
                                                   {u"body.2"_s, u"A1"_s},
                                                   {u"button.0"_s, u"A1"_s}}}};
}

qint64 sentIn(Database &db)
{
    return db.scalar(u"SELECT COALESCE(SUM(total_sent + total_failed), 0) FROM campaigns"_s).toLongLong();
}
} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(TestDatabase &tdb, const QStringList &args, const QString &token = {})
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args, token);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aBackupTakenWhileACampaignIsSendingIsConsistentAndPassesItsChecks()
    {
        HERALD_TEST_DB(tdb);
        if (tdb->isPostgres()) {
            QSKIP("SQLite only: PostgreSQL is backed up with pg_dump (next test)");
        }
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const CliRun sync = cli(*tdb,
                                {u"templates"_s, u"sync"_s, u"--api-base"_s, sim.baseUrl().toString(),
                                 u"--waba-id"_s, sim.config().wabaId},
                                sim.config().accessToken);
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.describe()));
        Database &db = tdb->db();
        const int total = 2000;
        const Campaign c =
            CampaignStore(db, Clock::system())
                .create({u"Backup while sending"_s, u"order_update"_s, u"en_US"_s, {}, sampleDefaults()});
        QList<Recipient> list;
        for (int i = 0; i < total; ++i) {
            list << Recipient{u"+49151%1"_s.arg(20000000 + i), u"Person %1"_s.arg(i), {}, i + 2};
        }
        QueueEngine(db, Clock::system()).enqueue(c.id, list);

        QProcess run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"HERALD_DB"_s);
        env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
        run.setProcessEnvironment(env);
        run.start(QString::fromUtf8(HERALD_CLI_PATH),
                  {u"--db"_s, tdb->url(), u"run"_s, u"--campaign"_s, c.name, u"--api-base"_s,
                   sim.baseUrl().toString(), u"--rate"_s, u"80"_s, u"--phone-number-id"_s,
                   sim.config().phoneNumberId});
        QVERIFY(run.waitForStarted());

        // Copies while the sender writes: in-process, and through herald-cli backup.
        QTemporaryDir out;
        int midCampaign = 0;
        int copies = 0;
        QDeadlineTimer deadline(240000);
        while (run.state() != QProcess::NotRunning && !deadline.hasExpired() && copies < 6) {
            QTest::qWait(700);
            const qint64 before = sentIn(db);
            if (before == 0) {
                continue;
            }
            const QString file = out.filePath(u"copy-%1.db"_s.arg(copies));
            BackupResult r;
            if (copies % 2 == 0) {
                r = SqliteBackup::copy(tdb->config(), file, false);
            } else {
                const CliRun b = cli(*tdb, {u"backup"_s, file, u"--json"_s});
                QVERIFY2(b.exitCode == 0, qPrintable(b.describe()));
                QVERIFY(b.json().value(u"ok"_s).toBool());
                SqliteBackup::check(file, &r);
            }
            ++copies;
            QCOMPARE(r.integrity, u"ok"_s);
            QVERIFY2(r.schema.ok(), qPrintable(r.schema.lines().join(u'\n')));
            QVERIFY2(r.counterMismatches.isEmpty(), qPrintable(r.counterMismatches.join(u", "_s)));
            // The copy is one moment of the campaign: between what was done before and after.
            DatabaseConfig copyConfig;
            QString error;
            QVERIFY(DatabaseConfig::parse(file, &copyConfig, &error));
            Database copy(copyConfig, u"copy"_s);
            const qint64 inCopy = sentIn(copy);
            QVERIFY2(inCopy >= before && inCopy <= sentIn(db),
                     qPrintable(u"%1 %2"_s.arg(before).arg(inCopy)));
            QCOMPARE(copy.scalar(u"SELECT count(*) FROM send_queue"_s).toLongLong(), qint64(total));
            if (inCopy < total) {
                ++midCampaign;
            }
        }
        if (run.state() != QProcess::NotRunning) {
            QVERIFY2(run.waitForFinished(240000), "herald-cli run did not finish");
        }
        QVERIFY2(run.exitCode() == 0,
                 QByteArray(run.readAllStandardOutput() + run.readAllStandardError()).constData());
        QVERIFY2(midCampaign >= 2, qPrintable(u"only %1 copies were taken mid-campaign"_s.arg(midCampaign)));
        qInfo("%d copies, %d of them mid-campaign", copies, midCampaign);
        QCOMPARE(sentIn(db), qint64(total));
        QCOMPARE(Counters::recount(db, c.id).sent + Counters::recount(db, c.id).failed, qint64(total));
    }

    void backupRefusesToOverwriteUnlessForcedAndExplainsPgDumpOnPostgres()
    {
        HERALD_TEST_DB(tdb);
        QTemporaryDir out;
        const QString file = out.filePath(u"herald.backup"_s);
        if (!tdb->isPostgres()) {
            QFile existing(file);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("keep me");
            existing.close();
            CliRun r = cli(*tdb, {u"backup"_s, file});
            QCOMPARE(r.exitCode, 6);
            QVERIFY2(r.err.contains(u"--force"_s), qPrintable(r.describe()));
            QFile kept(file);
            QVERIFY(kept.open(QIODevice::ReadOnly));
            QCOMPARE(kept.readAll(), QByteArray("keep me"));
            kept.close();
            r = cli(*tdb, {u"backup"_s, file, u"--force"_s});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            QVERIFY2(r.out.contains(u"Integrity check: ok"_s) && r.out.contains(u"schema OK"_s),
                     qPrintable(r.describe()));
            QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{u"herald.backup"_s});
            r = cli(*tdb, {u"backup"_s, TestDatabase::sqlitePath(*tdb), u"--force"_s});
            QCOMPARE(r.exitCode, 6);
            QVERIFY2(r.err.contains(u"the database itself"_s), qPrintable(r.describe()));
            r = cli(*tdb, {u"backup"_s});
            QCOMPARE(r.exitCode, 2);
            return;
        }
        const CliRun r = cli(*tdb, {u"backup"_s, file, u"--json"_s});
        QCOMPARE(r.exitCode, 6);
        const QString dump = r.json().value(u"pg_dump"_s).toString();
        QVERIFY2(dump.startsWith(u"pg_dump --format=custom"_s), qPrintable(r.describe()));
        QVERIFY2(!dump.contains(u"test"_s + u"password"_s), qPrintable(dump));
        try {
            SqliteBackup::copy(tdb->config(), file, false);
            QFAIL("copy() did not refuse PostgreSQL");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
        }
        // The printed command works: run it (through a shell, as a user would) against the cluster.
        const QString pgDump = QStandardPaths::findExecutable(u"pg_dump"_s);
        if (pgDump.isEmpty()) {
            QSKIP("pg_dump is not installed");
        }
        QProcess shell;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PGPASSWORD"_s, tdb->config().password());
        shell.setProcessEnvironment(env);
        shell.start(u"/bin/sh"_s, {u"-c"_s, dump});
        QVERIFY(shell.waitForFinished(120000));
        QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
        QVERIFY(QFileInfo(file).size() > 0);
        QProcess list;
        list.start(QStandardPaths::findExecutable(u"pg_restore"_s), {u"--list"_s, file});
        QVERIFY(list.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(list.readAllStandardOutput()).contains(u"TABLE public send_queue"_s));
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "test_backup.moc"
