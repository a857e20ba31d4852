#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QtGlobal>

struct sqlite3;
struct sqlite3_stmt;

namespace herald {

class Database;

// A statement run through SQLite's C API on the connection a Database opened through Qt, for
// the one path where Qt's per-value binding (a QVariant per value, UTF-16 text) costs more than
// SQLite's own work: the bulk insert of a contact import.
//
// Sound only when herald_core and Qt's QSQLITE driver use the same shared libsqlite3, as with
// the Qt that Linux distributions ship; Qt builds that bundle SQLite (the official Windows and
// macOS ones) keep the Qt SQL path. The build checks the driver's linkage (HERALD_SQLITE_DIRECT),
// and available() checks at run time that the SQLite the loaded driver resolves is the very
// library herald_core calls (the same function addresses, not merely the same version).
class SqliteStatement
{
    Q_DECLARE_TR_FUNCTIONS(SqliteStatement)

public:
    // True when this build has the direct path and it can be used on db's connection.
    static bool available(const Database &db);

    // Prepares sql on db's connection; throws DbError when it cannot. db must outlive it.
    SqliteStatement(const Database &db, QByteArrayView sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // Parameters are numbered from 1, as in SQLite. Text is UTF-8 and is not copied: SQLite may
    // read it until the parameter is bound again, cleared or the statement finalized, so it must
    // stay valid until then. Bindings survive reset().
    void bindText(int index, QByteArrayView utf8);
    void bindInt64(int index, qint64 value);
    void bindNull(int index);

    // Runs the statement to its next row: true when there is one; throws DbError on failure.
    bool step();
    // Makes the statement ready to run again; the bindings stay.
    void reset();
    // Binds NULL to every parameter, so that no pointer to the caller's text is kept.
    void clearBindings();
    // Rows the last completed INSERT, UPDATE or DELETE changed.
    qint64 changes() const;
    qint64 columnInt64(int column) const;
    // The column's text of the current row, UTF-8, copied.
    QByteArray columnText(int column) const;

private:
    [[noreturn]] void fail(int code) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace herald
