#pragma once

#include <QString>
#include <QStringView>

#include <stdexcept>

namespace herald {

// Every failure of the data layer surfaces as a DbError with a message a user can act on.
// The engine throws so that RAII transactions roll back on every path; callers at the
// edges (command line, sender thread, GUI workers) catch and report.
class DbError : public std::runtime_error
{
public:
    // What kind of failure it is, so callers (exit codes, dialogs) need not parse messages.
    enum class Kind {
        Other,       // a statement failed unexpectedly
        Unavailable, // the database cannot be reached, opened or read
        Schema,      // the schema is missing, incomplete or newer than this program
        NotFound,    // no such campaign
        Refused,     // the request breaks a rule: illegal transition, nothing queued, name taken
    };

    // Why a statement failed when the cause lies outside Herald and may pass: the sender waits
    // for these (within its patience) instead of stopping at once.
    enum class Cause {
        None,
        Busy,           // SQLite: another connection or program holds the write lock
        DiskFull,       // no space left for the database or its journal (SQLite FULL, SQLSTATE 53100)
        ConnectionLost, // PostgreSQL: the server closed the connection or cannot be reached
        OutOfMemory,    // PostgreSQL: the server ran out of memory (53200)
        Conflict,       // PostgreSQL: a deadlock (40P01) or serialization failure (40001); rolled back
    };

    // The one classification of database failures, so that every caller waits for the same ones.
    // SQLite's result code (extended codes keep the primary one in the low byte).
    static Cause causeOfSqliteCode(int code)
    {
        const int primary = code & 0xff;
        if (primary == 5 || primary == 6) { // SQLITE_BUSY, SQLITE_LOCKED
            return Cause::Busy;
        }
        return primary == 13 ? Cause::DiskFull : Cause::None; // SQLITE_FULL
    }
    // PostgreSQL's SQLSTATE. An empty one is decided by Database::causeOf(), which can ask
    // the connection whether it still answers.
    static Cause causeOfSqlState(QStringView state)
    {
        // Class 08 (connection exception), 57P01-03 (the server shut down or is starting).
        if (state.startsWith(u"08") || state == u"57P01" || state == u"57P02" || state == u"57P03") {
            return Cause::ConnectionLost;
        }
        if (state == u"53100") { // disk_full: space may come back
            return Cause::DiskFull;
        }
        if (state == u"53200") { // out_of_memory: the server's load may pass
            return Cause::OutOfMemory;
        }
        // The transaction was rolled back because of another one; PostgreSQL's advice is to run
        // it again.
        if (state == u"40P01" || state == u"40001") {
            return Cause::Conflict;
        }
        return Cause::None;
    }

    explicit DbError(const QString &message)
        : DbError(Kind::Other, message)
    {}
    DbError(Kind kind, const QString &message, Cause cause = Cause::None)
        : std::runtime_error(message.toStdString())
        , m_kind(kind)
        , m_cause(cause)
        , m_message(message)
    {}
    Kind kind() const noexcept { return m_kind; }
    Cause cause() const noexcept { return m_cause; }
    const QString &message() const noexcept { return m_message; }

private:
    Kind m_kind;
    Cause m_cause;
    QString m_message;
};

} // namespace herald
