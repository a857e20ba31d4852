// PostgreSQL with least privilege, exactly as docs/SECURITY.md tells an administrator: the roles
// and database come from docs/postgres-roles.sql run by psql, the owner migrates, and the
// application role does a whole campaign (doctor, templates sync, import, run against the
// simulator, status, export) without being able to change the schema. And `sslmode` in the
// URL is honoured: `require` against the test cluster, which has no SSL, is refused.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "simulator/CloudApiSimulator.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString pgUrl(const QString &user, const QString &password, const QString &database,
              const QString &query = {})
{
    QString why;
    QUrl url(TestDatabase::postgresServerUrl(database, &why));
    url.setUserName(user);
    url.setPassword(password);
    if (!query.isEmpty()) {
        url.setQuery(query);
    }
    return url.toString(QUrl::FullyEncoded);
}

// psql as the cluster's superuser, as an administrator would run it.
struct Psql
{
    int exitCode = -1;
    QString output;
};

Psql psql(const QStringList &args)
{
    QString why;
    DatabaseConfig admin;
    QString error;
    DatabaseConfig::parse(TestDatabase::postgresServerUrl(u"postgres"_s, &why), &admin, &error);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, admin.password());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"psql"_s,
            QStringList{u"-X"_s, u"-q"_s, u"-h"_s, admin.host(), u"-p"_s, QString::number(admin.port()),
                        u"-U"_s, admin.user(), u"-d"_s, u"postgres"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s} +
                args);
    Psql r;
    if (!p.waitForFinished(60000)) {
        r.output = u"psql did not finish: "_s + p.errorString();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

QJsonObject sampleDefaults()
{
    return QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                   {u"body.1"_s, u"Ann"_s},
                                                   {u"body.2"_s, u"A1"_s},
                                                   {u"button.0"_s, u"A1"_s}}}};
}

} // namespace

class TestPgLeastPrivilege : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_suffix = QString::number(QRandomGenerator::global()->bounded(1000000000u));
    QString m_db = u"herald_lp_"_s + m_suffix;
    QString m_owner = u"herald_owner_"_s + m_suffix;
    QString m_app = u"herald_app_"_s + m_suffix;
    QString m_ownerPassword = u"owner-pw-'\"-"_s + m_suffix;
    QString m_appPassword = u"app-pw-"_s + m_suffix;
    bool m_created = false;

    CliRun cli(const QString &url, const QStringList &args, const QString &token = {}) const
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, url} + args, token);
    }
    QString ownerUrl() const { return pgUrl(m_owner, m_ownerPassword, m_db); }
    QString appUrl() const { return pgUrl(m_app, m_appPassword, m_db); }

    Psql runRolesScript() const
    {
        return psql({u"-v"_s, u"db="_s + m_db, u"-v"_s, u"owner="_s + m_owner, u"-v"_s,
                     u"owner_password="_s + m_ownerPassword, u"-v"_s, u"app="_s + m_app, u"-v"_s,
                     u"app_password="_s + m_appPassword, u"-f"_s, QString::fromUtf8(HERALD_ROLES_SQL)});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        if (TestDatabase::postgresServerUrl(u"postgres"_s, &why).isEmpty()) {
            QSKIP(qPrintable(why));
        }
        if (QStandardPaths::findExecutable(u"psql"_s).isEmpty()) {
            QSKIP("psql is not installed");
        }
    }

    void cleanupTestCase()
    {
        if (m_created) {
            psql({u"-c"_s, u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(m_db)});
            psql({u"-c"_s, u"DROP ROLE IF EXISTS \"%1\""_s.arg(m_app)});
            psql({u"-c"_s, u"DROP ROLE IF EXISTS \"%1\""_s.arg(m_owner)});
        }
    }

    void theDocumentedRolesAreCreatedByTheirScriptTwice()
    {
        const Psql first = runRolesScript();
        m_created = true;
        QVERIFY2(first.exitCode == 0, qPrintable(first.output));
        const Psql again = runRolesScript();
        QVERIFY2(again.exitCode == 0, qPrintable(again.output));
        // The migration is the owner's.
        const CliRun init = cli(ownerUrl(), {u"init"_s});
        QVERIFY2(init.exitCode == 0, qPrintable(init.describe()));
    }

    void theApplicationRoleRunsAWholeCampaign()
    {
        const CliRun doctor = cli(appUrl(), {u"doctor"_s});
        QVERIFY2(doctor.exitCode == 0, qPrintable(doctor.describe()));
        QVERIFY2(doctor.out.contains(u"schema OK"_s), qPrintable(doctor.describe()));

        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const CliRun sync = cli(appUrl(),
                                {u"templates"_s, u"sync"_s, u"--api-base"_s, sim.baseUrl().toString(),
                                 u"--waba-id"_s, sim.config().wabaId},
                                sim.config().accessToken);
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.describe()));

        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(appUrl(), &cfg, &error), qPrintable(error));
        Database db(cfg, u"test-app-role"_s);
        const Campaign c =
            CampaignStore(db, Clock::system())
                .create({u"Least privilege"_s, u"order_update"_s, u"en_US"_s, {}, sampleDefaults()});

        const QString csv = m_home.filePath(u"contacts.csv"_s);
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name,Phone\n");
            for (int i = 0; i < 50; ++i) {
                f.write(u"Person %1,+49151234%2\n"_s.arg(i).arg(56000 + i, 5, 10, QChar(u'0')).toUtf8());
            }
        }
        const CliRun import = cli(appUrl(), {u"import"_s, csv, u"--campaign"_s, c.name, u"--json"_s});
        QVERIFY2(import.exitCode == 0, qPrintable(import.describe()));
        QCOMPARE(import.json().value(u"imported"_s).toInteger(), 50);

        const CliRun run =
            cli(appUrl(),
                {u"run"_s, u"--campaign"_s, c.name, u"--api-base"_s, sim.baseUrl().toString(),
                 u"--phone-number-id"_s, sim.config().phoneNumberId, u"--rate"_s, u"50"_s, u"--json"_s},
                sim.config().accessToken);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.json().value(u"end"_s).toString(), u"completed"_s);
        QCOMPARE(run.json().value(u"total_sent"_s).toInteger(), 50);
        QCOMPARE(sim.log().totals().sendRequests, 50);

        for (const QStringList &args :
             {QStringList{u"status"_s, u"--campaign"_s, c.name}, QStringList{u"summary"_s},
              QStringList{u"repair"_s, u"--dry-run"_s},
              QStringList{u"export"_s, u"--campaign"_s, c.name, u"--out"_s, m_home.filePath(u"r.csv"_s)},
              QStringList{u"optout"_s, u"add"_s, u"+4915123456999"_s}, QStringList{u"doctor"_s}}) {
            const CliRun r = cli(appUrl(), args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + u"\n"_s + r.describe()));
        }
    }

    void theApplicationRoleCannotChangeTheSchema_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("drop table") << u"DROP TABLE campaigns"_s;
        QTest::newRow("alter table") << u"ALTER TABLE campaigns ADD COLUMN evil text"_s;
        QTest::newRow("truncate") << u"TRUNCATE send_queue"_s;
        QTest::newRow("create table") << u"CREATE TABLE evil (x int)"_s;
        QTest::newRow("drop function") << u"DROP FUNCTION herald_sync_campaign(uuid)"_s;
        QTest::newRow("replace function")
            << u"CREATE OR REPLACE FUNCTION increment_campaign_sent(_campaign_id uuid) RETURNS void "
               "LANGUAGE sql AS 'SELECT NULL'"_s;
        QTest::newRow("drop trigger") << u"DROP TRIGGER templates_category_change ON templates"_s;
        QTest::newRow("temporary table") << u"CREATE TEMP TABLE t (x int)"_s;
    }

    void theApplicationRoleCannotChangeTheSchema()
    {
        QFETCH(QString, sql);
        DatabaseConfig cfg;
        QString error;
        QVERIFY(DatabaseConfig::parse(appUrl(), &cfg, &error));
        Database db(cfg, u"test-app-role-ddl"_s);
        try {
            db.execDirect(sql);
            QFAIL("the application role changed the schema");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains(u"permission denied"_s) || e.message().contains(u"must be owner"_s),
                     qPrintable(e.message()));
        }
        const CliRun doctor = cli(appUrl(), {u"doctor"_s});
        QVERIFY2(doctor.exitCode == 0, qPrintable(doctor.describe()));
    }

    void requiredSslIsRefusedByAServerWithoutIt()
    {
        const QString url = pgUrl(m_app, m_appPassword, m_db, u"sslmode=require"_s);
        const CliRun r = cli(url, {u"status"_s});
        QVERIFY2(r.exitCode != 0, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"Cannot connect to PostgreSQL"_s) && r.err.contains(u"SSL"_s),
                 qPrintable(r.describe()));
        QVERIFY2(!r.err.contains(m_appPassword), "the refusal shows no password");
        const CliRun plain = cli(pgUrl(m_app, m_appPassword, m_db, u"sslmode=disable"_s), {u"status"_s});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.describe()));
    }

    // Option values go to libpq as one quoted value each: a value with spaces cannot smuggle in
    // another option that turns SSL off again.
    void anOptionValueCannotOverrideSslmode()
    {
        const QString url =
            pgUrl(m_app, m_appPassword, m_db, u"sslmode=require&application_name=x%20sslmode%3Ddisable"_s);
        const CliRun r = cli(url, {u"status"_s});
        QVERIFY2(r.exitCode != 0 && r.err.contains(u"SSL"_s), qPrintable(r.describe()));
        const CliRun named =
            cli(pgUrl(m_app, m_appPassword, m_db, u"application_name=it's%20me"_s), {u"status"_s});
        QVERIFY2(named.exitCode == 0, qPrintable(named.describe()));
    }
};

QTEST_GUILESS_MAIN(TestPgLeastPrivilege)
#include "test_pgleastprivilege.moc"
