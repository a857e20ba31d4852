#include "commands/ExportCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "import/ResultExporter.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

ExportCommand::ExportCommand()
    : m_campaign(u"campaign"_s, tr("The campaign (by name) to export."), tr("name"))
    , m_out(u"out"_s, tr("The CSV file to write."), tr("file"))
    , m_noBom(u"no-bom"_s, tr("Writes no UTF-8 byte order mark (Excel then misreads accents)."))
    , m_delimiter(u"delimiter"_s, tr("Field delimiter (default ,; use ; for Excel in much of Europe)."),
                  tr("c"))
{}

QString ExportCommand::name() const
{
    return u"export"_s;
}

QString ExportCommand::summary() const
{
    return tr("Writes every recipient's result (status, wamid, error) of a campaign as CSV.");
}

void ExportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_campaign, m_out, m_noBom, m_delimiter});
}

ExitCode ExportCommand::run(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    const QString out = context.requiredValue(m_out);
    ExportOptions options;
    options.byteOrderMark = !context.args().isSet(m_noBom);
    if (context.args().isSet(m_delimiter)) {
        const QString d = context.args().value(m_delimiter);
        if (d.compare(u"tab"_s, Qt::CaseInsensitive) == 0) {
            options.delimiter = u'\t';
        } else if (d.size() == 1 && d != u"\""_s) {
            options.delimiter = d.front();
        } else {
            throw CliError(ExitCode::Usage,
                           tr("--delimiter takes one character (or 'tab'), not \"%1\"").arg(d));
        }
    }
    const ExportResult result = ResultExporter(context.db()).exportCampaign(campaign.id, out, options);
    if (!result.error.isEmpty()) {
        throw CliError(ExitCode::BadInput, result.error);
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"campaign"_s, campaign.name},
                                      {u"file"_s, out},
                                      {u"rows"_s, result.rows},
                                      {u"total_sent"_s, campaign.totalSent},
                                      {u"total_delivered"_s, campaign.totalDelivered},
                                      {u"total_read"_s, campaign.totalRead},
                                      {u"total_failed_after_send"_s, campaign.totalFailedAfterSend}});
    } else {
        context.out()
            << tr("Exported %1 rows of campaign \"%2\" to %3.").arg(result.rows).arg(campaign.name, out)
            << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
