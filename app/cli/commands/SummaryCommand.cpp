#include "commands/SummaryCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "queue/DailySummary.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
constexpr int kDefaultDays = 7;
}

SummaryCommand::SummaryCommand()
    : m_days(u"days"_s,
             tr("How many days back, today included (default %1; 0 = all history).").arg(kDefaultDays),
             tr("n"), QString::number(kDefaultDays))
{}

QString SummaryCommand::name() const
{
    return u"summary"_s;
}

QString SummaryCommand::summary() const
{
    return tr("Shows messages sent, failed, delivered and read per day and campaign.");
}

void SummaryCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_days);
}

ExitCode SummaryCommand::run(CliContext &context)
{
    bool ok = false;
    const int days = context.args().value(m_days).toInt(&ok);
    if (!ok || days < 0) {
        throw CliError(ExitCode::Usage, tr("--days needs a whole number of days, 0 or more (got \"%1\")")
                                            .arg(context.args().value(m_days)));
    }
    DailySummary summary(context.db(), context.clock());
    summary.refresh(days);
    const QList<DailySummaryRow> rows = summary.rows(days);

    if (context.json()) {
        QJsonArray list;
        for (const DailySummaryRow &r : rows) {
            list.append(QJsonObject{{u"day"_s, r.day.toString(Qt::ISODate)},
                                    {u"campaign_id"_s, r.campaignId},
                                    {u"campaign"_s, r.campaignName},
                                    {u"sent"_s, r.sent},
                                    {u"failed"_s, r.failed},
                                    {u"delivered"_s, r.delivered},
                                    {u"read"_s, r.read}});
        }
        context.printJson(QJsonObject{{u"days"_s, days}, {u"rows"_s, list}});
        return ExitCode::Success;
    }

    if (rows.isEmpty()) {
        context.out() << (days > 0 ? tr("No messages sent or failed in the last %n day(s).", nullptr, days)
                                   : tr("No messages sent or failed yet."))
                      << u'\n';
        return ExitCode::Success;
    }
    using A = TextTable::Align;
    TextTable table({{u"Day (UTC)"_s, A::Left},
                     {u"Campaign"_s, A::Left},
                     {u"Sent"_s, A::Right},
                     {u"Failed"_s, A::Right},
                     {u"Delivered"_s, A::Right},
                     {u"Read"_s, A::Right}});
    DailySummaryRow total;
    for (const DailySummaryRow &r : rows) {
        table.addRow({r.day.toString(Qt::ISODate), r.campaignName, Format::number(r.sent),
                      Format::number(r.failed), Format::number(r.delivered), Format::number(r.read)});
        total.sent += r.sent;
        total.failed += r.failed;
        total.delivered += r.delivered;
        total.read += r.read;
    }
    table.addRow({u"Total"_s, QString(), Format::number(total.sent), Format::number(total.failed),
                  Format::number(total.delivered), Format::number(total.read)});
    context.out() << table.render();
    return ExitCode::Success;
}

} // namespace herald::cli
