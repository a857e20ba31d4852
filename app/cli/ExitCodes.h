#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace herald {
class DbError;
}

namespace herald::cli {

// What herald-cli returns to the shell. Scripts and CI jobs branch on these, so the values
// are part of the interface: never renumber, only append (docs/CLI.md lists them).
enum class ExitCode : int {
    Success = 0,
    Unexpected = 1,          // a failure nobody anticipated; the message says what
    Usage = 2,               // unknown command or option, missing or malformed value
    DatabaseUnavailable = 3, // the database cannot be reached or opened
    Schema = 4,              // the schema is missing parts, older or newer than the program
    NotFound = 5,            // no such campaign
    Refused = 6,             // the request makes no sense in the current state
    BadInput = 7,            // a file cannot be used (not CSV, unreadable, no phone column, not writable)
    // How a send run ended when it did not complete (run, demo):
    Paused = 10,        // paused: by Ctrl+C, the error threshold, or Meta (template paused)
    Stopped = 11,       // the campaign was stopped: every further message would fail the same way
    Cancelled = 12,     // the campaign was cancelled while sending
    SenderStopped = 13, // the token, account or connection is unusable; the campaign is paused
};

// Where a DbError was raised: the same exception type means different things at each step.
enum class DbStage { Open, Migrate, Command };

// The one place that turns failures into exit codes and describes them for --help.
class ExitCodes
{
    Q_DECLARE_TR_FUNCTIONS(ExitCodes)

public:
    static QList<ExitCode> all();
    static QString meaning(ExitCode code);
    // The "Exit codes:" block appended to every --help text.
    static QString helpText();

    // DbError's kind decides; an unclassified error is judged by the stage it came from
    // (opening: the database is unusable; migrating: the schema is).
    static ExitCode forDbError(const DbError &error, DbStage stage);

    static int toInt(ExitCode code) { return static_cast<int>(code); }
};

} // namespace herald::cli
