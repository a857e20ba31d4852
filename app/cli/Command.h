#pragma once

#include "ExitCodes.h"

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace herald::cli {

class CliContext;

// One herald-cli command. A new command is one class implementing this interface plus one
// line in BuiltinCommands.cpp; CliApplication does the parsing, --help, the database, the
// schema check and the mapping of errors to exit codes for all of them.
class Command
{
public:
    // What the command needs before run() is called.
    enum class Needs {
        Nothing,  // no database (e.g. a future `simulate` or `config`)
        Database, // an open connection, schema not checked (init, doctor)
        Schema,   // an open connection whose schema passed the doctor
    };

    virtual ~Command() = default;

    // The word typed after herald-cli, e.g. "status".
    virtual QString name() const = 0;
    // One line for the program's command list and the top of the command's --help.
    virtual QString summary() const = 0;
    virtual Needs needs() const { return Needs::Schema; }
    // What one invocation needs, given its positional arguments (an action that touches no
    // database, such as `webhooks secret`, says Nothing); needs() by default.
    virtual Needs needsFor(const QStringList &positional) const
    {
        Q_UNUSED(positional);
        return needs();
    }
    // Only init may create a SQLite file that does not exist yet; every other command
    // refuses, so that a mistyped path does not silently leave an empty database behind.
    virtual bool createsDatabase() const { return false; }
    // Whether --json is offered; CliContext::json() tells run() whether it was given.
    virtual bool supportsJson() const { return false; }
    // How many positional arguments the command accepts after its name.
    virtual int maxPositionalArguments() const { return 0; }

    // Adds the command's own options and positional arguments. The global ones (--db,
    // --help, and --json when supported) are already there. Called once per invocation.
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // Runs with the parsed arguments in context.args(). Returns the exit code, or throws
    // CliError (classified) or DbError (unexpected).
    virtual ExitCode run(CliContext &context) = 0;
};

} // namespace herald::cli
