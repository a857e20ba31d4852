#include "commands/ResendCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

ResendCommand::ResendCommand()
    : m_campaign(u"campaign"_s, tr("The campaign's name (required)."), tr("name"))
    , m_reason(u"reason"_s,
               tr("Which failures to resend (required): an error code such as 131026, \"interrupted\", "
                  "\"no response\", or \"all\"."),
               tr("reason"))
{}

QString ResendCommand::name() const
{
    return u"resend"_s;
}

QString ResendCommand::summary() const
{
    return tr("Queues a campaign's failed messages again, by failure reason.");
}

void ResendCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_campaign);
    parser.addOption(m_reason);
}

ExitCode ResendCommand::run(CliContext &context)
{
    const Campaign before = context.campaignNamed(context.requiredValue(m_campaign));
    const QString reason = context.requiredValue(m_reason);
    const bool all = reason.compare("all"_L1, Qt::CaseInsensitive) == 0;
    const qint64 queued = QueueEngine(context.db(), context.clock()).resend(before.id, reason);
    if (queued == 0) {
        throw CliError(ExitCode::Refused,
                       all ? tr("campaign \"%1\" has no failed messages to resend").arg(before.name)
                           : tr("campaign \"%1\" has no failed messages with reason \"%2\" to resend")
                                 .arg(before.name, reason));
    }
    const Campaign after = CampaignStore(context.db(), context.clock()).byId(before.id);

    if (context.json()) {
        context.printJson(QJsonObject{{u"campaign"_s, after.name},
                                      {u"id"_s, after.id},
                                      {u"reason"_s, reason},
                                      {u"queued"_s, queued},
                                      {u"status"_s, CampaignStatusMachine::toString(after.status)}});
        return ExitCode::Success;
    }
    QTextStream &out = context.out();
    out << tr("Queued %n failed message(s) of campaign \"%1\" again.", nullptr, int(queued)).arg(after.name)
        << u'\n';
    if (before.status != after.status) {
        out << tr("The campaign was %1 and is now %2: run 'herald-cli resume --campaign \"%3\"' to send "
                  "them.")
                   .arg(CampaignStatusMachine::toString(before.status),
                        CampaignStatusMachine::toString(after.status), after.name)
            << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
