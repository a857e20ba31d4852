#pragma once

#include "ExitCodes.h"

#include <QString>
#include <QStringList>

#include <stdexcept>

namespace herald::cli {

// A failure a command has classified itself: the message for stderr and the exit code.
// CliApplication catches it and prints "herald-cli: <message>".
class CliError : public std::runtime_error
{
public:
    CliError(ExitCode code, const QString &message, const QStringList &details = {})
        : std::runtime_error(message.toStdString())
        , m_code(code)
        , m_message(message)
        , m_details(details)
    {}

    ExitCode code() const noexcept { return m_code; }
    const QString &message() const noexcept { return m_message; }
    // Further lines printed indented under the message (e.g. the schema problems).
    const QStringList &details() const noexcept { return m_details; }

private:
    ExitCode m_code;
    QString m_message;
    QStringList m_details;
};

} // namespace herald::cli
