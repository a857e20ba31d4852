#pragma once

#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Dialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <chrono>

class QDateTime;
class QSqlDriver;
class QSqlError;
class QThread;

namespace herald {

// One open connection, owned by the thread that created it. Qt's SQL connections must not
// cross threads, so every thread that touches the database (GUI, sender, importer, each
// test worker) opens its own Database; the connection name records the purpose and the
// thread so that they can be told apart in logs. Destroying it closes the connection.
class Database
{
public:
    // Opens and configures the connection: SQLite in WAL mode with a busy timeout and
    // foreign keys on; PostgreSQL over libpq. Throws DbError with a clear message when the
    // database cannot be reached, refuses the password, or is not a database at all.
    explicit Database(const DatabaseConfig &config, const QString &purpose = QStringLiteral("main"));
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_config.dialect(); }
    bool isPostgres() const { return dialect() == Dialect::Postgres; }
    const DatabaseConfig &config() const { return m_config; }
    QSqlDatabase handle() const { return QSqlDatabase::database(m_name, false); }
    const QString &connectionName() const { return m_name; }

    // Prepares a statement; throws DbError naming the statement's purpose on failure.
    QSqlQuery prepare(const QString &sql) const;
    // Executes a prepared statement with the values bound positionally; throws on failure.
    static void exec(QSqlQuery &query, const QVariantList &values = {});
    // Prepares, binds and executes in one step.
    QSqlQuery run(const QString &sql, const QVariantList &values = {}) const;
    // Executes a statement without preparing it: for utility statements PostgreSQL cannot
    // prepare (CREATE DATABASE, LOCK TABLE, SET …). Never pass user input here.
    void execDirect(const QString &sql) const;
    // Executes a statement that returns one value (COUNT, MAX…); throws when no row.
    QVariant scalar(const QString &sql, const QVariantList &values = {}) const;

    // SQLite: how long a writer waits for another connection's write transaction before its
    // statement fails with "database is locked" (10 s unless changed). PostgreSQL: no effect,
    // its writers wait for the rows they need without a limit.
    void setBusyTimeout(std::chrono::milliseconds timeout);

    // The one place Herald reconnects: closes this connection and opens it again with the same
    // settings (PostgreSQL restarted or failed over, the network came back). Throws DbError
    // (Unavailable, Cause::ConnectionLost) while the server is still away; the next call tries
    // again. Statements prepared on the old connection are dead: owners drop them first.
    void reconnect();
    // Whether the connection still answers a trivial query. SQLite's always does (its faults are
    // locks and space, which reconnecting does not cure).
    bool answers() const;

    // Why a statement failed, when the cause lies outside Herald (see DbError::Cause): SQLite's
    // codes and PostgreSQL's SQLSTATEs through DbError's one table; an error without SQLSTATE
    // counts as a lost connection only when the connection no longer answers.
    DbError::Cause causeOf(const QSqlError &error) const;
    static DbError::Cause causeOf(const QSqlError &error, const QSqlDriver *driver);
    // The cause in words for a user: "the disk holding the database is full"…
    static QString describe(DbError::Cause cause);

    // How timestamps travel: always UTC. SQLite stores ISO-8601 text with milliseconds and a
    // 'Z' so that text order is time order; PostgreSQL stores timestamptz.
    QVariant timeValue(const QDateTime &t) const;
    static QDateTime readTime(const QVariant &v);
    // How many statements failed on this thread so far. A transaction compares it at commit:
    // after a failed statement PostgreSQL would silently roll the whole transaction back.
    static quint64 failedStatementsOnThisThread();

    // The console's rule: its GUI thread never runs SQL. Once a thread is forbidden, opening a
    // connection or preparing a statement on it throws DbError and is counted, so a test can
    // prove the rule held for a whole session. Nullptr lifts the ban.
    static void forbidThread(QThread *thread);
    static quint64 forbiddenThreadUses();

    // A typed SQL NULL of the given kind (Qt binds an empty QVariant inconsistently).
    static QVariant nullString();
    static QVariant nullInt();
    static QVariant textOrNull(const QString &s) { return s.isEmpty() ? nullString() : QVariant(s); }

private:
    friend class Transaction;  // keeps m_inTransaction
    friend class ReadSnapshot; // reads it

    void openSqlite();
    void openPostgres();
    [[noreturn]] void fail(const QString &what, const QString &detail,
                           DbError::Cause cause = DbError::Cause::None) const;
    static void checkThread(const QString &what);

    void open();
    [[noreturn]] void failStatement(const QSqlError &error, const QString &sql) const;

    DatabaseConfig m_config;
    QString m_name;
    bool m_inTransaction = false;
    std::chrono::milliseconds m_busyTimeout{10000};
};

} // namespace herald
