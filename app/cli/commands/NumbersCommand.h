#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `numbers add ID [--ceiling R] [--label L] | remove ID | list`: the account's phone numbers and
// each one's ceiling, stored with the data for every process (PhoneNumberStore).
class NumbersCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(NumbersCommand)

public:
    NumbersCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 2; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_ceiling;
    QCommandLineOption m_label;
};

} // namespace herald::cli
