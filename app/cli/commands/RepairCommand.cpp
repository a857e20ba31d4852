#include "commands/RepairCommand.h"

#include "CliContext.h"
#include "Format.h"
#include "TextTable.h"
#include "queue/Repair.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
// Pending is only ever counted from the queue, so it appears under "recounted" alone.
QJsonObject countersJson(const CounterValues &v, bool withPending)
{
    QJsonObject json{{u"contacts"_s, v.contacts}, {u"sent"_s, v.sent}, {u"failed"_s, v.failed}};
    if (withPending) {
        json.insert(u"pending"_s, v.pending);
    }
    return json;
}

QString sentFailedTotal(const CounterValues &v)
{
    return Format::number(v.sent) + u" / "_s + Format::number(v.failed) + u" / "_s +
           Format::number(v.contacts);
}
} // namespace

RepairCommand::RepairCommand()
    : m_campaign(u"campaign"_s, tr("Checks only the campaign with this name."), tr("name"))
    , m_dryRun(u"dry-run"_s, tr("Shows what would be repaired without changing anything."))
{}

QString RepairCommand::name() const
{
    return u"repair"_s;
}

QString RepairCommand::summary() const
{
    return tr("Recounts campaign counters from the queue and fixes them and stuck statuses.");
}

void RepairCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_campaign);
    parser.addOption(m_dryRun);
}

ExitCode RepairCommand::run(CliContext &context)
{
    QString campaignId;
    if (context.args().isSet(m_campaign)) {
        campaignId = context.campaignNamed(context.requiredValue(m_campaign)).id;
    }
    const bool dryRun = context.args().isSet(m_dryRun);
    Repair repair(context.db(), context.clock());
    const QList<RepairItem> items = dryRun ? repair.analyze(campaignId) : repair.apply(campaignId);
    const auto needing =
        std::count_if(items.cbegin(), items.cend(), [](const RepairItem &i) { return i.needsRepair(); });

    if (context.json()) {
        QJsonArray list;
        for (const RepairItem &i : items) {
            list.append(QJsonObject{{u"id"_s, i.campaignId},
                                    {u"name"_s, i.name},
                                    {u"needs_repair"_s, i.needsRepair()},
                                    {u"stored"_s, countersJson(i.stored, false)},
                                    {u"recounted"_s, countersJson(i.recounted, true)},
                                    {u"status_before"_s, CampaignStatusMachine::toString(i.storedStatus)},
                                    {u"status_after"_s, CampaignStatusMachine::toString(i.repairedStatus)}});
        }
        context.printJson(QJsonObject{{u"applied"_s, !dryRun}, {u"items"_s, list}});
        return ExitCode::Success;
    }

    QTextStream &out = context.out();
    if (items.isEmpty()) {
        out << tr("No campaigns to check.") << u'\n';
        return ExitCode::Success;
    }
    using A = TextTable::Align;
    TextTable table({{u"Campaign"_s, A::Left},
                     {u"Stored sent / failed / total"_s, A::Right},
                     {u"Recounted sent / failed / total"_s, A::Right},
                     {u"Status"_s, A::Left},
                     {u"Repair"_s, A::Left}});
    for (const RepairItem &i : items) {
        const QString before = CampaignStatusMachine::toString(i.storedStatus);
        const QString status = i.statusDiffers()
                                   ? before + u" → "_s + CampaignStatusMachine::toString(i.repairedStatus)
                                   : before;
        const QString verdict = !i.needsRepair() ? u"ok"_s : dryRun ? u"needed"_s : u"repaired"_s;
        table.addRow({i.name, sentFailedTotal(i.stored), sentFailedTotal(i.recounted), status, verdict});
    }
    out << table.render() << u'\n';
    const int total = int(items.size());
    if (needing == 0) {
        out << tr("All %n campaign(s) are consistent; nothing to repair.", nullptr, total) << u'\n';
    } else if (dryRun) {
        out << tr("%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to "
                  "fix them.",
                  nullptr, total)
                   .arg(needing)
            << u'\n';
    } else {
        out << tr("Repaired %1 of %n campaign(s).", nullptr, total).arg(needing) << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
