#pragma once

#include "Command.h"
#include "queue/CampaignStatus.h"

#include <QCommandLineOption>
#include <QCoreApplication>

#include <memory>

namespace herald::cli {

// `pause`, `resume` and `cancel`: one class, three instances, each moving a campaign to
// one status through the state machine. A refused change (e.g. cancelled → running) exits
// with code 6 and names both states.
class TransitionCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(TransitionCommand)

public:
    static std::unique_ptr<TransitionCommand> pause();
    static std::unique_ptr<TransitionCommand> resume();
    static std::unique_ptr<TransitionCommand> cancel();

    TransitionCommand(QString name, QString summary, CampaignStatus target);
    QString name() const override { return m_name; }
    QString summary() const override { return m_summary; }
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QString m_name;
    QString m_summary;
    CampaignStatus m_target;
    QCommandLineOption m_campaign;
    QCommandLineOption m_reason;
};

} // namespace herald::cli
