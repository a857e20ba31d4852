#pragma once

#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace herald::test {

// A fresh database for one test, on SQLite (a file in a temporary folder) or PostgreSQL (a
// new database in the throwaway cluster that the CTest fixture started). Tests run once
// per backend through Qt Test's global data:
//
//   void initTestCase_data() { TestDatabase::addBackendRows(); }
//   void someTest() { HERALD_TEST_DB(tdb); Database &db = tdb->db(); … }
class TestDatabase
{
public:
    enum class Backend { Sqlite, Postgres };

    static void addBackendRows();
    // Null with *skipReason set when the backend cannot be had (PostgreSQL absent).
    static std::unique_ptr<TestDatabase> create(const QString &backend, QString *skipReason,
                                                bool migrate = true);

    ~TestDatabase();

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }
    // The --db value for this database (contains the password on PostgreSQL).
    QString url() const { return m_url; }
    const DatabaseConfig &config() const { return m_config; }
    // The test's main connection (opened on first use).
    Database &db();
    // A further connection, e.g. for another thread.
    std::unique_ptr<Database> open(const QString &purpose) const;
    void migrate();

    // Connection details of the throwaway cluster; empty with *why when absent.
    static QString postgresServerUrl(const QString &database, QString *why);
    static QString sqlitePath(const TestDatabase &t) { return t.m_config.sqlitePath(); }

private:
    TestDatabase() = default;

    Backend m_backend = Backend::Sqlite;
    QString m_url;
    QString m_pgDatabase;
    DatabaseConfig m_config;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

} // namespace herald::test

#define HERALD_TEST_DB(var)                                                                                  \
    QFETCH_GLOBAL(QString, backend);                                                                         \
    QString var##_skip;                                                                                      \
    std::unique_ptr<herald::test::TestDatabase> var;                                                         \
    try {                                                                                                    \
        var = herald::test::TestDatabase::create(backend, &var##_skip);                                      \
    } catch (const herald::DbError &e) {                                                                     \
        QFAIL(qPrintable(QStringLiteral("test database could not be set up: ") + e.message()));              \
    }                                                                                                        \
    if (!var) {                                                                                              \
        QSKIP(qPrintable(var##_skip));                                                                       \
    }
