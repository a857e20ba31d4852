#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald {
struct RateCard;
}

namespace herald::cli {

// `ratecard import FILE | show | list | remove ID`: the prices cost estimates use.
class RateCardCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RateCardCommand)

public:
    RateCardCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 2; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    ExitCode importCard(CliContext &context, const QString &path);
    ExitCode show(CliContext &context);
    ExitCode list(CliContext &context);
    ExitCode remove(CliContext &context, const QString &id);
    void printCard(CliContext &context, const RateCard &card);

    QCommandLineOption m_name;
    QCommandLineOption m_effective;
    QCommandLineOption m_card;
};

} // namespace herald::cli
