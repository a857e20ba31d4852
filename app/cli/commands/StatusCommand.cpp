#include "commands/StatusCommand.h"

#include "CliContext.h"
#include "Format.h"
#include "TextTable.h"
#include "queue/CampaignStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

StatusCommand::StatusCommand()
    : m_campaign(u"campaign"_s, tr("Shows only the campaign with this name."), tr("name"))
{}

QString StatusCommand::name() const
{
    return u"status"_s;
}

QString StatusCommand::summary() const
{
    return tr("Shows campaigns with their sent, failed and pending messages.");
}

void StatusCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_campaign);
}

ExitCode StatusCommand::run(CliContext &context)
{
    QList<Campaign> campaigns;
    if (context.args().isSet(m_campaign)) {
        campaigns << context.campaignNamed(context.requiredValue(m_campaign));
    } else {
        campaigns = CampaignStore(context.db(), context.clock()).list();
    }

    if (context.json()) {
        QJsonArray list;
        for (const Campaign &c : std::as_const(campaigns)) {
            list.append(Format::campaignJson(c));
        }
        context.printJson(QJsonObject{{u"campaigns"_s, list}});
        return ExitCode::Success;
    }

    if (campaigns.isEmpty()) {
        context.out() << tr("No campaigns yet. Create one with: herald-cli campaign create --name NAME "
                            "--template TEMPLATE --lang LANGUAGE")
                      << u'\n';
        return ExitCode::Success;
    }
    using A = TextTable::Align;
    TextTable table({{u"Campaign"_s, A::Left},
                     {u"Status"_s, A::Left},
                     {u"Sent"_s, A::Right},
                     {u"Failed"_s, A::Right},
                     {u"Total"_s, A::Right},
                     {u"Pending"_s, A::Right},
                     {u"Progress"_s, A::Right},
                     {u"Started (UTC)"_s, A::Left},
                     {u"Ended (UTC)"_s, A::Left},
                     {u"Reason"_s, A::Left}});
    for (const Campaign &c : std::as_const(campaigns)) {
        table.addRow({c.name, CampaignStatusMachine::toString(c.status), Format::number(c.totalSent),
                      Format::number(c.totalFailed), Format::number(c.totalContacts),
                      Format::number(c.pending),
                      Format::percent(c.totalSent + c.totalFailed, c.totalContacts),
                      Format::tableTime(c.startTime), Format::tableTime(c.endTime), c.statusReason});
    }
    context.out() << table.render();
    return ExitCode::Success;
}

} // namespace herald::cli
