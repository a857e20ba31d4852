#pragma once

#include "ApiOptions.h"
#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `worker [--name N] [--campaigns all|NAME]…`: a long-running headless sender (WorkerLoop). It
// sends every running campaign it may take, with other workers where they send it too, starts
// scheduled ones when due and takes new ones as they appear; SIGTERM or Ctrl+C drains and exits
// 0 with every campaign's status unchanged, so a service manager may restart it at any time.
class WorkerCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(WorkerCommand)

public:
    WorkerCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

    // A worker's name: at most this many characters, printable, not blank.
    static constexpr int MaxNameLength = 100;

private:
    ApiOptions m_api;
    QCommandLineOption m_name;
    QCommandLineOption m_campaigns;
};

} // namespace herald::cli
