#pragma once

#include "ApiOptions.h"
#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `numbers add ID [--ceiling R] [--label L] | remove ID | list | health`: the account's phone
// numbers and each one's ceiling, stored with the data for every process (PhoneNumberStore), and
// what Graph API says about their health (NumberHealthCheck, stored by NumberHealthStore).
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
    ExitCode health(CliContext &context);

    ApiOptions m_api;
    QCommandLineOption m_ceiling;
    QCommandLineOption m_label;
};

} // namespace herald::cli
