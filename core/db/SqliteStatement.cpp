#include "db/SqliteStatement.h"

#include "db/Database.h"
#include "db/DbError.h"

#include <QSqlDriver>

#ifdef HERALD_SQLITE_DIRECT
#include <dlfcn.h>
#include <sqlite3.h>
#endif

namespace herald {

#ifdef HERALD_SQLITE_DIRECT

namespace {

sqlite3 *connectionOf(const Database &db)
{
    if (db.isPostgres()) {
        return nullptr;
    }
    const QSqlDatabase handle = db.handle();
    const QVariant v = handle.driver() ? handle.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(v.constData());
}

// Whether the driver that opened db calls the SQLite herald_core calls. The build saw the
// driver link the shared library, but the driver loaded at run time may come from another Qt
// (QT_PLUGIN_PATH) with SQLite inside it. The driver object's virtual table lies in the
// driver's own binary; asking that binary (and, failing that, what it links) for sqlite3_open_v2
// must give the function herald_core links, or the handle is another library's.
bool sameSqliteAsDriver(const QSqlDriver *driver)
{
    const void *vtable = *reinterpret_cast<const void *const *>(driver);
    Dl_info info{};
    if (dladdr(vtable, &info) == 0 || !info.dli_fname) {
        return false;
    }
    void *binary = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!binary) {
        return false;
    }
    const void *theirs = dlsym(binary, "sqlite3_open_v2");
    dlclose(binary);
    return theirs && theirs == reinterpret_cast<const void *>(&sqlite3_open_v2);
}

} // namespace

bool SqliteStatement::available(const Database &db)
{
    if (!connectionOf(db)) {
        return false;
    }
    static const bool same = sameSqliteAsDriver(db.handle().driver());
    return same;
}

SqliteStatement::SqliteStatement(const Database &db, QByteArrayView sql)
    : m_db(connectionOf(db))
{
    if (!m_db) {
        throw DbError(tr("Direct SQLite access is not available on this connection"));
    }
    const int rc =
        sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc);
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    // A null view would bind NULL; an empty text is still text.
    const char *data = utf8.isNull() ? "" : utf8.data();
    if (const int rc =
            sqlite3_bind_text64(m_stmt, index, data, sqlite3_uint64(utf8.size()), SQLITE_STATIC, SQLITE_UTF8);
        rc != SQLITE_OK) {
        fail(rc);
    }
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) {
        fail(rc);
    }
}

void SqliteStatement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) {
        fail(rc);
    }
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    // The statement must be reset before the next use whatever happens next.
    sqlite3_reset(m_stmt);
    fail(rc);
}

void SqliteStatement::reset()
{
    // sqlite3_reset repeats the error of the last step, which step() has already reported.
    sqlite3_reset(m_stmt);
}

void SqliteStatement::clearBindings()
{
    sqlite3_clear_bindings(m_stmt);
}

qint64 SqliteStatement::changes() const
{
    return sqlite3_changes(m_db); // sqlite3_changes64 needs 3.37; a statement here changes at most a batch
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QByteArray SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArray(text, sqlite3_column_bytes(m_stmt, column));
}

void SqliteStatement::fail(int code) const
{
    const QString detail = QString::fromUtf8(sqlite3_errmsg(m_db));
    const char *sql = m_stmt ? sqlite3_sql(m_stmt) : nullptr;
    const QString statement = QString::fromUtf8(sql ? sql : "").simplified().left(200);
    const int primary = code & 0xff;
    const DbError::Kind kind = primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
                                       primary == SQLITE_IOERR || primary == SQLITE_FULL ||
                                       primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY ||
                                       primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
                                   ? DbError::Kind::Unavailable
                                   : DbError::Kind::Other;
    const DbError::Cause cause = DbError::causeOfSqliteCode(code);
    throw DbError(kind, tr("Database statement failed: %1\nStatement: %2").arg(detail, statement), cause);
}

#else // !HERALD_SQLITE_DIRECT

bool SqliteStatement::available(const Database &)
{
    return false;
}

#endif

} // namespace herald
