#include "db/Transaction.h"

#include "db/Database.h"
#include "db/DbError.h"

#include <QCoreApplication>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
void begin(Database &db, const QString &statement)
{
    QSqlQuery q(db.handle());
    if (!q.exec(statement)) {
        throw DbError(DbError::Kind::Other,
                      QCoreApplication::translate("Transaction", "Cannot start a transaction: %1")
                          .arg(q.lastError().text()),
                      db.causeOf(q.lastError()));
    }
}

void rollBack(Database &db)
{
    QSqlQuery q(db.handle());
    q.exec(u"ROLLBACK"_s);
}
} // namespace

Transaction::Transaction(Database &db)
    : m_db(db)
{
    // Nesting would let the inner commit publish the outer transaction's half-done work;
    // SQLite refuses a second BEGIN, PostgreSQL only warns, so Herald refuses it itself.
    if (m_db.m_inTransaction) {
        throw DbError(
            QCoreApplication::translate("Transaction", "A transaction cannot begin inside another one on %1.")
                .arg(m_db.connectionName()));
    }
    begin(m_db, m_db.isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
    m_open = true;
    m_db.m_inTransaction = true;
    m_failuresAtBegin = Database::failedStatementsOnThisThread();
}

Transaction::~Transaction()
{
    if (m_open) {
        rollBack(m_db);
        m_db.m_inTransaction = false;
    }
}

void Transaction::commit()
{
    QSqlQuery q(m_db.handle());
    // PostgreSQL answers COMMIT in a transaction that saw an error with a silent ROLLBACK:
    // a statement that failed since BEGIN means the work is gone, and that is an error.
    const bool aborted = m_db.isPostgres() && Database::failedStatementsOnThisThread() != m_failuresAtBegin;
    if (aborted || !q.exec(u"COMMIT"_s)) {
        const DbError::Cause cause = aborted ? DbError::Cause::None : m_db.causeOf(q.lastError());
        const QString reason =
            aborted ? QCoreApplication::translate(
                          "Transaction", "a statement failed inside it, so PostgreSQL rolled it back")
                    : q.lastError().text();
        q.exec(u"ROLLBACK"_s);
        m_open = false;
        m_db.m_inTransaction = false;
        throw DbError(
            DbError::Kind::Other,
            QCoreApplication::translate("Transaction", "Cannot commit a transaction: %1").arg(reason), cause);
    }
    m_open = false;
    m_db.m_inTransaction = false;
}

ReadSnapshot::ReadSnapshot(Database &db)
    : m_db(db)
{
    if (m_db.m_inTransaction) {
        return;
    }
    begin(m_db,
          m_db.isPostgres() ? u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s : u"BEGIN DEFERRED"_s);
    m_open = true;
    m_db.m_inTransaction = true;
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_open) {
        rollBack(m_db);
        m_db.m_inTransaction = false;
    }
}

} // namespace herald
