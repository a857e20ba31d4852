#pragma once

#include "Command.h"

#include <QCoreApplication>
#include <QList>

namespace herald::cli {

// `config <set|get|list|unset>`: settings stored with the database (app_settings), such as
// the API connection (api.base, api.waba_id, …). Never credentials: keys naming a token or
// secret are refused.
class ConfigCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ConfigCommand)

public:
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 3; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    ExitCode set(CliContext &context, const QStringList &args);
    ExitCode get(CliContext &context, const QStringList &args);
    ExitCode list(CliContext &context, const QStringList &args);
    ExitCode unset(CliContext &context, const QStringList &args);
};

} // namespace herald::cli
