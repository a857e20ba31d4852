#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `repair`: recounts every campaign's sent and failed messages from the queue, fixes the
// stored counters and completes campaigns left running with nothing queued (the seed's
// failure). --dry-run shows what would change and changes nothing.
class RepairCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RepairCommand)

public:
    RepairCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_campaign;
    QCommandLineOption m_dryRun;
};

} // namespace herald::cli
