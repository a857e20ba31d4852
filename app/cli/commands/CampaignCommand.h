#pragma once

#include "Command.h"
#include "queue/Campaign.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

namespace herald::cli {

// `campaign <action>`: manages campaigns themselves. Actions are rows in a table
// (actions()), so `list` or `delete` arrive as one entry and one member function.
class CampaignCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CampaignCommand)

public:
    CampaignCommand();
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
        ExitCode (CampaignCommand::*run)(CliContext &);
    };
    QList<Action> actions() const;
    QString actionNames() const;

    ExitCode create(CliContext &context);
    ExitCode schedule(CliContext &context);
    ExitCode unschedule(CliContext &context);
    ExitCode quietHours(CliContext &context);
    ExitCode estimate(CliContext &context);
    ExitCode reassign(CliContext &context);
    void printCampaign(CliContext &context, const Campaign &campaign, const QString &text);

    QCommandLineOption m_name;
    QCommandLineOption m_template;
    QCommandLineOption m_language;
    QCommandLineOption m_phoneNumberId;
    QCommandLineOption m_numbers;
    QCommandLineOption m_from;
    QCommandLineOption m_campaign;
    QCommandLineOption m_at;
    QCommandLineOption m_window;
    QCommandLineOption m_weekdaysOnly;
    QCommandLineOption m_zone;
    QCommandLineOption m_off;
    QCommandLineOption m_category;
    QCommandLineOption m_remaining;
};

} // namespace herald::cli
