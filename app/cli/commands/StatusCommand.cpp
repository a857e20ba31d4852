#include "commands/StatusCommand.h"

#include "CliContext.h"
#include "Format.h"
#include "TextTable.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

#include <cmath>

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
            QJsonObject o = Format::campaignJson(c);
            addPool(context, c, o);
            list.append(o);
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
    for (const Campaign &c : std::as_const(campaigns)) {
        printPool(context, c);
    }
    return ExitCode::Success;
}

void StatusCommand::addPool(CliContext &context, const Campaign &campaign, QJsonObject &json)
{
    NumberPool pool(context.db(), context.clock());
    const QList<PoolNumberProgress> numbers = pool.progress(campaign.id);
    if (numbers.isEmpty()) {
        return;
    }
    QJsonArray list;
    for (const PoolNumberProgress &p : numbers) {
        QJsonObject n{
            {u"id"_s, p.number.id},    {u"state"_s, p.number.active ? u"active"_s : u"out"_s},
            {u"waiting"_s, p.waiting}, {u"sent"_s, p.sent},
            {u"failed"_s, p.failed},   {u"rate_per_second"_s, std::round(p.ratePerSecond() * 100) / 100}};
        if (!p.number.active) {
            n.insert(u"out_reason"_s, p.number.outReason);
            n.insert(u"out_at"_s, Format::jsonTime(p.number.outAt));
        }
        list.append(n);
    }
    json.insert(u"numbers"_s, list);
    QJsonArray moves;
    for (const Reassignment &r : pool.reassignments(campaign.id)) {
        moves.append(QJsonObject{{u"from"_s, r.from},
                                 {u"to"_s, QJsonArray::fromStringList(r.to)},
                                 {u"moved"_s, r.moved},
                                 {u"at"_s, Format::jsonTime(r.at)},
                                 {u"by"_s, r.by}});
    }
    json.insert(u"reassignments"_s, moves);
}

void StatusCommand::printPool(CliContext &context, const Campaign &campaign)
{
    const QList<PoolNumberProgress> numbers = NumberPool(context.db(), context.clock()).progress(campaign.id);
    for (const PoolNumberProgress &p : numbers) {
        QString line = tr("%1 from %2: %3 sent, %4 failed, %5 waiting, %6 msg/s in the last minute")
                           .arg(campaign.name, p.number.id, Format::number(p.sent), Format::number(p.failed),
                                Format::number(p.waiting), Format::decimal(p.ratePerSecond()));
        if (!p.number.active) {
            line += u"; "_s + tr("out of the pool since %1 UTC: %2")
                                  .arg(Format::tableTime(p.number.outAt), p.number.outReasonLine());
        }
        context.out() << line << u'\n';
    }
}

} // namespace herald::cli
