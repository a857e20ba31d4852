#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `resend`: queues failed messages again, chosen by failure reason — an explicit user
// decision, since a message whose outcome is unknown ("interrupted", "no response") may
// already have reached the recipient.
class ResendCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ResendCommand)

public:
    ResendCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_campaign;
    QCommandLineOption m_reason;
};

} // namespace herald::cli
