#pragma once

#include "ApiOptions.h"
#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

namespace herald::cli {

// `templates <sync|list|check>`: the synced template catalogue. sync reads Meta's list (the
// token from HERALD_ACCESS_TOKEN), list shows what is stored, check tells whether a
// campaign's template and parameter values allow it to start (exit 6 when not).
class TemplatesCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TemplatesCommand)

public:
    TemplatesCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 1; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    struct Action
    {
        QString name;
        QString summary;
        ExitCode (TemplatesCommand::*run)(CliContext &);
    };
    QList<Action> actions() const;
    QString actionNames() const;

    ExitCode sync(CliContext &context);
    ExitCode list(CliContext &context);
    ExitCode check(CliContext &context);

    ApiOptions m_api;
    QCommandLineOption m_campaign;
    QCommandLineOption m_pageSize;
};

} // namespace herald::cli
