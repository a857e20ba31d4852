#pragma once

#include "Command.h"
#include "ExitCodes.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QStringList>

#include <memory>
#include <vector>

class QCommandLineParser;
class QTextStream;

namespace herald::cli {

class CliContext;

// herald-cli's dispatcher: parses the global options, finds the command, builds that
// command's parser, opens the database, refuses on a broken schema, runs the command and
// turns whatever it throws into "herald-cli: <message>" and an exit code. Everything that
// must be the same for every command happens here, once.
class CliApplication
{
    Q_DECLARE_TR_FUNCTIONS(CliApplication)

public:
    CliApplication(QTextStream &out, QTextStream &err);
    ~CliApplication();
    CliApplication(const CliApplication &) = delete;
    CliApplication &operator=(const CliApplication &) = delete;

    void addCommand(std::unique_ptr<Command> command);
    // `arguments` as QCoreApplication::arguments(): the program first. Returns the exit code.
    int run(const QStringList &arguments);

private:
    ExitCode dispatch(const QStringList &arguments);
    ExitCode runCommand(Command &command, const QString &globalDb, const QStringList &rest);
    void openDatabase(CliContext &context, const Command &command, const QString &dbValue) const;
    void requireHealthySchema(CliContext &context) const;
    Command *find(const QString &name) const;

    QString programHelp(const QCommandLineParser &parser) const;
    QString commandHelp(const QCommandLineParser &parser, const Command &command) const;
    void report(const QString &message, const QStringList &details = {});

    QTextStream &m_out;
    QTextStream &m_err;
    std::vector<std::unique_ptr<Command>> m_commands;
    QString m_program;        // argv[0], replaced by "herald-cli" in help texts
    QString m_currentCommand; // for the hint after a usage error
    QCommandLineOption m_dbOption;
    QCommandLineOption m_helpOption;
    QCommandLineOption m_versionOption;
    QCommandLineOption m_jsonOption;
};

} // namespace herald::cli
