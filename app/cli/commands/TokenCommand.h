#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace herald::cli {

// `token <set|clear|status>`: the Cloud API access token in the operating system's keychain,
// where the console keeps it too. `set` reads the token from standard input (hidden on a
// terminal), never from the command line, where it would stay in shell histories and process
// lists. Nothing here prints the token.
class TokenCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TokenCommand)

public:
    QString name() const override;
    QString summary() const override;
    Needs needs() const override { return Needs::Nothing; }
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 1; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    ExitCode set(CliContext &context);
    ExitCode clear(CliContext &context);
    ExitCode status(CliContext &context);
};

} // namespace herald::cli
