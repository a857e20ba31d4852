#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `summary`: messages sent and failed per UTC day and campaign, rebuilt from the queue
// first so that it is never stale.
class SummaryCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(SummaryCommand)

public:
    SummaryCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_days;
};

} // namespace herald::cli
