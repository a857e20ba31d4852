// PostgreSQL under fault, on a private throwaway cluster (never the shared test cluster, which
// other tests use at the same time): restarted mid-campaign, stopped for longer than the
// sender's patience, and unreachable when `herald-cli run` starts. The sender reconnects and
// goes on, or stops with an error naming the cause and leaves the campaign resumable; nothing
// is lost, nobody is messaged twice, the counters equal a recount.
#include "db/Migrator.h"
#include "test_dbfaults_common.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// A cluster of its own on a free loopback port, made by tests/support/pg-cluster.sh, and
// removed (server stopped, files deleted) when the object goes, whatever the test's outcome.
class PrivateCluster
{
public:
    ~PrivateCluster()
    {
        if (m_started) {
            runCommand(u"bash"_s, {QString::fromUtf8(HERALD_PG_CLUSTER_SCRIPT), u"stop"_s, m_state.path()});
        }
    }

    bool start(QString *why)
    {
        QByteArray out;
        const int code = runCommand(
            u"bash"_s, {QString::fromUtf8(HERALD_PG_CLUSTER_SCRIPT), u"start"_s, m_state.path()}, &out);
        m_started = true;
        if (QFile::exists(m_state.filePath(u"absent"_s))) {
            *why = u"PostgreSQL is not installed on this machine"_s;
            return false;
        }
        if (code != 0) {
            *why = u"the private cluster did not start: "_s + QString::fromUtf8(out);
            return false;
        }
        QFile env(m_state.filePath(u"env"_s));
        QFile root(m_state.filePath(u"root"_s));
        if (!env.open(QIODevice::ReadOnly) || !root.open(QIODevice::ReadOnly)) {
            *why = u"the private cluster left no connection details"_s;
            return false;
        }
        for (const QString &line : QString::fromUtf8(env.readAll()).split(u'\n', Qt::SkipEmptyParts)) {
            m_env.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
        }
        m_root = QString::fromUtf8(root.readAll()).trimmed();
        QStringList candidates = QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(candidates.begin(), candidates.end(),
                  [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
        for (const QString &version : candidates) {
            const QString ctl = u"/usr/lib/postgresql/%1/bin/pg_ctl"_s.arg(version);
            if (QFile::exists(ctl)) {
                m_pgCtl = ctl;
                break;
            }
        }
        if (m_pgCtl.isEmpty()) {
            m_pgCtl = QStandardPaths::findExecutable(u"pg_ctl"_s);
        }
        return !m_pgCtl.isEmpty();
    }

    int port() const { return m_env.value(u"HERALD_TEST_PG_PORT"_s).toInt(); }

    QString url(const QString &database, int port = 0) const
    {
        QUrl url;
        url.setScheme(u"postgresql"_s);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(port ? port : this->port());
        url.setUserName(m_env.value(u"HERALD_TEST_PG_USER"_s));
        url.setPassword(m_env.value(u"HERALD_TEST_PG_PASSWORD"_s));
        url.setPath(u"/"_s + database);
        return url.toString();
    }
    QString password() const { return m_env.value(u"HERALD_TEST_PG_PASSWORD"_s); }

    // pg_ctl restart -m fast: every session is ended, the server comes back on the same port.
    bool restart() { return pgCtl({u"restart"_s, u"-m"_s, u"fast"_s}); }
    bool stop() { return pgCtl({u"stop"_s, u"-m"_s, u"fast"_s}); }
    bool startAgain()
    {
        const QString options = u"-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                "-c full_page_writes=off -c max_connections=200"_s.arg(port())
                                    .arg(m_root);
        return pgCtl({u"start"_s, u"-l"_s, m_root + u"/server.log"_s, u"-o"_s, options});
    }

private:
    bool pgCtl(const QStringList &args)
    {
        QStringList all{u"-D"_s, m_root + u"/data"_s, u"-w"_s, u"-t"_s, u"60"_s};
        all += args;
        QByteArray out;
        int code;
        if (::geteuid() == 0) {
            code =
                runCommand(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, m_pgCtl} + all, &out);
        } else {
            code = runCommand(m_pgCtl, all, &out);
        }
        if (code != 0) {
            qWarning("pg_ctl %s failed: %s", qPrintable(args.join(u' ')), out.constData());
        }
        return code == 0;
    }

    QTemporaryDir m_state;
    bool m_started = false;
    QHash<QString, QString> m_env;
    QString m_root;
    QString m_pgCtl;
};

constexpr int kRecipients = 3000;

// A private cluster with a migrated database holding one campaign.
struct ClusterSetUp
{
    PrivateCluster cluster;
    DatabaseConfig config;
    QString campaignId;

    bool prepare(QString *why)
    {
        if (!cluster.start(why)) {
            return false;
        }
        QString error;
        DatabaseConfig admin;
        if (!DatabaseConfig::parse(cluster.url(u"postgres"_s), &admin, &error) ||
            !DatabaseConfig::parse(cluster.url(u"herald_faults"_s), &config, &error)) {
            *why = error;
            return false;
        }
        Database(admin, u"test-admin"_s).execDirect(u"CREATE DATABASE herald_faults"_s);
        Database db(config, u"test"_s);
        Migrator(db).migrate();
        campaignId = makeCampaign(db, Clock::system(), u"Restart"_s, kRecipients).id;
        return true;
    }
};

} // namespace

class TestDbFaultsPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPostgresRestartMidCampaignIsSurvivedWithNothingLost()
    {
        ClusterSetUp setUp;
        QString why;
        if (!setUp.prepare(&why)) {
            QSKIP(qPrintable(why));
        }
        SimulatorConfig sc;
        sc.latencyMs = 10;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        SenderConfig cfg = senderConfigOn(setUp.config, sim, setUp.campaignId);
        cfg.rate = 300;

        // A fifth of the way in, `pg_ctl restart -m fast`; at two thirds, the server stopped for
        // 6 s and started again (a slow restart or a failover).
        QList<qint64> restartMs;
        bool failed = false;
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 240'000, [&](const SendProgress &p) {
            const qint64 due = restartMs.isEmpty() ? kRecipients / 5 : kRecipients * 2 / 3;
            if (failed || restartMs.size() >= 2 || p.sent < due) {
                return;
            }
            QElapsedTimer clock;
            clock.start();
            if (restartMs.isEmpty()) {
                failed = !setUp.cluster.restart();
            } else {
                failed = !setUp.cluster.stop();
                QThread::sleep(6);
                failed = failed || !setUp.cluster.startAgain();
            }
            restartMs << clock.elapsed();
        });
        QVERIFY2(!failed, "pg_ctl restart failed");
        QCOMPARE(restartMs.size(), 2);
        QVERIFY2(r.end == SendResult::End::Completed, qPrintable(r.reason));
        qInfo(
            "PostgreSQL away twice mid-campaign: restarted in %lld ms, stopped and started again in %lld ms",
            restartMs.at(0), restartMs.at(1));

        Database db(setUp.config, u"check"_s);
        const Campaign after = CampaignStore(db, Clock::system()).byId(setUp.campaignId);
        QCOMPARE(after.status, CampaignStatus::Completed);
        QCOMPARE(after.totalSent, kRecipients); // nothing lost: every answer was recorded
        QCOMPARE(after.totalFailed, 0);
        const QString bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        QCOMPARE(acceptedOnceEach(sim, &twice), kRecipients);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
    }

    void aPostgresOutageLongerThanThePatienceStopsWithAClearErrorAndStaysResumable()
    {
        ClusterSetUp setUp;
        QString why;
        if (!setUp.prepare(&why)) {
            QSKIP(qPrintable(why));
        }
        SimulatorConfig sc;
        sc.latencyMs = 10;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        SenderConfig cfg = senderConfigOn(setUp.config, sim, setUp.campaignId);
        cfg.rate = 300;
        cfg.databasePatience = std::chrono::seconds(4);

        bool stopped = false;
        bool failed = false;
        SendResult r;
        {
            Sender sender;
            r = runToEnd(sender, cfg, 120'000, [&](const SendProgress &p) {
                if (!stopped && !failed && p.sent >= 500) {
                    failed = !setUp.cluster.stop();
                    stopped = !failed;
                }
            });
        }
        QVERIFY2(stopped, "pg_ctl stop failed");
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        QVERIFY2(r.reason.contains(u"the connection to the database server was lost"_s),
                 qPrintable(r.reason));
        QVERIFY2(!r.reason.contains(setUp.cluster.password()), "the reason shows the password");
        qInfo("stopped with: %s", qPrintable(r.reason));

        QVERIFY(setUp.cluster.startAgain());
        Database db(setUp.config, u"check"_s);
        // Left as it was when the server went away: running, and consistent.
        QCOMPARE(CampaignStore(db, Clock::system()).byId(setUp.campaignId).status, CampaignStatus::Running);
        QString bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));

        Sender again;
        const SendResult r2 = runToEnd(again, senderConfigOn(setUp.config, sim, setUp.campaignId), 120'000);
        QCOMPARE(SendResult::endName(r2.end), u"completed"_s);
        const Campaign after = CampaignStore(db, Clock::system()).byId(setUp.campaignId);
        QCOMPARE(after.totalSent + after.totalFailed, kRecipients);
        QCOMPARE(countWhere(db, u"status = 'failed' AND error_reason <> 'interrupted'"_s), 0);
        bad = inconsistency(db, setUp.campaignId);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QString twice;
        const qint64 accepted = acceptedOnceEach(sim, &twice);
        QVERIFY2(twice.isEmpty(), qPrintable(twice));
        QVERIFY(accepted >= after.totalSent && accepted <= kRecipients);
        qInfo("after resuming: %lld sent, %lld failed \"interrupted\"", after.totalSent, after.totalFailed);
    }

    // test_database.cpp::anUnreachablePostgresGivesAClearErrorWithoutThePassword covers the library;
    // this is the command a user runs, on a port where nothing listens and on a stopped server.
    void anUnreachablePostgresAtStartGivesExitCode3AndLeavesNothingBehind()
    {
        ClusterSetUp setUp;
        QString why;
        if (!setUp.prepare(&why)) {
            QSKIP(qPrintable(why));
        }
        SimulatorConfig sc;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        auto run = [&](const QString &url, QByteArray *output) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
            p.setProcessEnvironment(env);
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QString::fromUtf8(HERALD_CLI_PATH),
                    {u"--db"_s, url, u"run"_s, u"--campaign"_s, u"Restart"_s, u"--api-base"_s,
                     sim.baseUrl().toString(), u"--phone-number-id"_s, sim.config().phoneNumberId,
                     u"--waba-id"_s, sim.config().wabaId});
            if (!p.waitForFinished(60'000)) {
                p.kill();
                p.waitForFinished();
                return -1;
            }
            *output = p.readAll();
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        };

        // A port where nothing listens: the cluster's own port while it is stopped, and a free one.
        QVERIFY(setUp.cluster.stop());
        QByteArray output;
        const QElapsedTimer clock = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        QCOMPARE(run(setUp.cluster.url(u"herald_faults"_s), &output), 3);
        const qint64 stoppedMs = clock.elapsed();
        QVERIFY2(output.contains("Cannot connect to PostgreSQL"), output.constData());
        QVERIFY2(!output.contains(setUp.cluster.password().toUtf8()), "the error shows the password");
        int freePort = 0;
        for (int port = 20000 + int(QCoreApplication::applicationPid() % 20000); port < 65000; port += 97) {
            if (runCommand(u"bash"_s, {u"-c"_s, u"exec 3<>/dev/tcp/127.0.0.1/%1"_s.arg(port)}) != 0) {
                freePort = port;
                break;
            }
        }
        QVERIFY(freePort > 0);
        QCOMPARE(run(setUp.cluster.url(u"herald_faults"_s, freePort), &output), 3);
        QVERIFY2(output.contains("Cannot connect to PostgreSQL"), output.constData());
        qInfo("herald-cli run gave exit code 3 in %lld ms on a stopped server: %s", stoppedMs,
              output.trimmed().constData());

        // Nothing behind: once the server is back the campaign is as it was, no sender signed in.
        QVERIFY(setUp.cluster.startAgain());
        Database db(setUp.config, u"check"_s);
        const Campaign c = CampaignStore(db, Clock::system()).byId(setUp.campaignId);
        QCOMPARE(c.status, CampaignStatus::Draft);
        QCOMPARE(c.totalSent + c.totalFailed, 0);
        QCOMPARE(countWhere(db, u"status <> 'ready'"_s), 0);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM senders"_s).toInt(), 0);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM campaign_holds"_s).toInt(), 0);
        QCOMPARE(sim.log().totals().sendRequests, 0);
    }
};

QTEST_GUILESS_MAIN(TestDbFaultsPostgres)
#include "test_dbfaults_postgres.moc"
