#include "TestDatabase.h"

#include "db/DbError.h"
#include "db/Migrator.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace herald::test {

namespace {
QAtomicInteger<int> s_counter;

QHash<QString, QString> readEnvFile(QString *why)
{
    QHash<QString, QString> env;
    const QString dir = QString::fromUtf8(HERALD_PG_STATE_DIR);
    if (QFile::exists(dir + "/absent"_L1)) {
        *why = u"PostgreSQL is not installed on this machine: PostgreSQL variant SKIPPED"_s;
        return env;
    }
    QFile f(dir + "/env"_L1);
    if (!f.open(QIODevice::ReadOnly)) {
        *why =
            u"No throwaway PostgreSQL cluster is running (%1/env missing): run the test through ctest, which "
            "starts it. PostgreSQL variant SKIPPED"_s.arg(dir);
        return env;
    }
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        env.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    return env;
}

void adminExec(const QString &sql)
{
    QString why;
    DatabaseConfig cfg;
    QString error;
    const QString url = TestDatabase::postgresServerUrl(u"postgres"_s, &why);
    if (url.isEmpty() || !DatabaseConfig::parse(url, &cfg, &error)) {
        throw DbError(DbError::Kind::Unavailable, u"test PostgreSQL cluster unavailable: "_s + why + error);
    }
    Database admin(cfg, u"test-admin"_s);
    admin.execDirect(sql);
}
} // namespace

void TestDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

QString TestDatabase::postgresServerUrl(const QString &database, QString *why)
{
    const auto env = readEnvFile(why);
    if (env.isEmpty()) {
        return {};
    }
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(env.value(u"HERALD_TEST_PG_HOST"_s));
    url.setPort(env.value(u"HERALD_TEST_PG_PORT"_s).toInt());
    url.setUserName(env.value(u"HERALD_TEST_PG_USER"_s));
    url.setPassword(env.value(u"HERALD_TEST_PG_PASSWORD"_s));
    url.setPath(u"/"_s + database);
    return url.toString();
}

std::unique_ptr<TestDatabase> TestDatabase::create(const QString &backend, QString *skipReason, bool migrate)
{
    std::unique_ptr<TestDatabase> t(new TestDatabase);
    if (backend == "postgresql"_L1) {
        t->m_backend = Backend::Postgres;
        const QString name =
            u"herald_t_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(s_counter.fetchAndAddRelaxed(1));
        t->m_url = postgresServerUrl(name, skipReason);
        if (t->m_url.isEmpty()) {
            return nullptr;
        }
        adminExec(u"CREATE DATABASE "_s + name);
        t->m_pgDatabase = name; // from here on the destructor drops it
    } else {
        t->m_dir = std::make_unique<QTemporaryDir>();
        t->m_url = t->m_dir->filePath(u"herald.db"_s);
    }
    QString error;
    if (!DatabaseConfig::parse(t->m_url, &t->m_config, &error)) {
        *skipReason = error;
        return nullptr;
    }
    if (migrate) {
        t->migrate();
    }
    return t;
}

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgDatabase.isEmpty()) {
        try {
            adminExec(u"DROP DATABASE IF EXISTS "_s + m_pgDatabase + u" WITH (FORCE)"_s);
        } catch (const DbError &e) {
            qWarning("could not drop test database %s: %s", qPrintable(m_pgDatabase),
                     qPrintable(e.message()));
        }
    }
}

Database &TestDatabase::db()
{
    if (!m_db) {
        m_db = open(u"test"_s);
    }
    return *m_db;
}

std::unique_ptr<Database> TestDatabase::open(const QString &purpose) const
{
    return std::make_unique<Database>(m_config, purpose);
}

void TestDatabase::migrate()
{
    Migrator(db()).migrate();
}

} // namespace herald::test
