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

    // DbError carries no kind yet, so the stage decides: failing to open means the
    // database is unusable, failing to migrate is a schema problem, anything later is
    // unexpected. Conditions with their own code (unknown campaign, refused transition)
    // are checked by the commands before they call core and raised as CliError.
    static ExitCode forDbError(const DbError &error, DbStage stage);

    static int toInt(ExitCode code) { return static_cast<int>(code); }
};

} // namespace herald::cli
