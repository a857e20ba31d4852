#pragma once

#include <QString>

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
        DiskFull,       // SQLite: no space left for the database or its journal
        ConnectionLost, // PostgreSQL: the server closed the connection or cannot be reached
    };

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
