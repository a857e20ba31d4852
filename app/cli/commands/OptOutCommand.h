#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `optout add PHONE | remove PHONE | import FILE | list`: the phones never to message.
class OptOutCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(OptOutCommand)

public:
    OptOutCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 2; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QString normalizedPhone(CliContext &context, const QString &raw) const;

    QCommandLineOption m_reason;
    QCommandLineOption m_region;
    QCommandLineOption m_limit;
    QCommandLineOption m_offset;
    QCommandLineOption m_rejects;
};

} // namespace herald::cli
