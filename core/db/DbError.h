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
    explicit DbError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {}
    const QString &message() const noexcept { return m_message; }

private:
    QString m_message;
};

} // namespace herald
