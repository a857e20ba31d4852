#include "commands/TransitionCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "queue/CampaignStore.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

std::unique_ptr<TransitionCommand> TransitionCommand::pause()
{
    return std::make_unique<TransitionCommand>(u"pause"_s, tr("Pauses a running campaign."),
                                               CampaignStatus::Paused);
}

std::unique_ptr<TransitionCommand> TransitionCommand::resume()
{
    return std::make_unique<TransitionCommand>(
        u"resume"_s, tr("Sets a campaign running (again) so that senders pick up its messages."),
        CampaignStatus::Running);
}

std::unique_ptr<TransitionCommand> TransitionCommand::cancel()
{
    return std::make_unique<TransitionCommand>(u"cancel"_s, tr("Cancels a campaign for good."),
                                               CampaignStatus::Cancelled);
}

TransitionCommand::TransitionCommand(QString name, QString summary, CampaignStatus target)
    : m_name(std::move(name))
    , m_summary(std::move(summary))
    , m_target(target)
    , m_campaign(u"campaign"_s, tr("The campaign's name (required)."), tr("name"))
    , m_reason(u"reason"_s,
               tr("Why, shown with the campaign's status (kept for paused and cancelled campaigns; a running "
                  "campaign shows none)."),
               tr("text"))
{}

void TransitionCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_campaign);
    parser.addOption(m_reason);
}

ExitCode TransitionCommand::run(CliContext &context)
{
    const Campaign before = context.campaignNamed(context.requiredValue(m_campaign));
    // The store decides under its lock; its refusals carry DbError::Kind::Refused (exit 6).
    const Campaign after = CampaignStore(context.db(), context.clock())
                               .transition(before.id, m_target, context.args().value(m_reason).trimmed());

    if (context.json()) {
        context.printJson(QJsonObject{{u"status_before"_s, CampaignStatusMachine::toString(before.status)},
                                      {u"campaign"_s, Format::campaignJson(after)}});
        return ExitCode::Success;
    }
    QTextStream &out = context.out();
    out << tr("Campaign \"%1\": %2 → %3.")
               .arg(after.name, CampaignStatusMachine::toString(before.status),
                    CampaignStatusMachine::toString(after.status))
        << u'\n';
    if (!after.statusReason.isEmpty()) {
        out << tr("Reason: %1").arg(after.statusReason) << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
