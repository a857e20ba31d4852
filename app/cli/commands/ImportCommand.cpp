#include "commands/ImportCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "import/ContactImporter.h"
#include "import/TextEncoding.h"
#include "phone/PhoneNormalizer.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

ImportCommand::ImportCommand()
    : m_campaign(u"campaign"_s, tr("The campaign (by name) to queue the contacts in."), tr("name"))
    , m_region(u"region"_s, tr("Country of numbers written without country code, e.g. DE."), tr("cc"))
    , m_delimiter(u"delimiter"_s, tr("Field delimiter (default: detected among , ; tab |). 'tab' for tab."),
                  tr("c"))
    , m_encoding(u"encoding"_s, tr("utf-8, utf-16le, utf-16be or windows-1252 (default: detected)."),
                 tr("name"))
    , m_phoneColumn(u"phone-column"_s,
                    tr("The phone column by header name or 1-based number (default: detected)."),
                    tr("column"))
    , m_param(
          u"param"_s,
          tr("Maps a template parameter to a column, e.g. --param body.1=\"First Name\". Repeatable. A row "
             "without a value for a mapped parameter is rejected."),
          tr("key=column"))
    , m_mobileOnly(u"mobile-only"_s, tr("Rejects numbers that cannot be mobile (landlines)."))
    , m_dryRun(u"dry-run"_s, tr("Does everything, reports, and then saves nothing."))
    , m_rejects(u"rejects"_s,
                tr("Where to write the rows not imported (default: FILE.rejects.csv beside it)."), tr("file"))
    , m_skipRecentDays(u"skip-recent-days"_s,
                       tr("Frequency cap: leaves out numbers another campaign sent to in the last N days."),
                       tr("N"))
{}

QString ImportCommand::name() const
{
    return u"import"_s;
}

QString ImportCommand::summary() const
{
    return tr("Imports a CSV contact file into a campaign, reporting every row not imported.");
}

void ImportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        u"file"_s, tr("The CSV file (Excel, Google Contacts, Outlook, CRM exports)."), tr("FILE"));
    parser.addOptions({m_campaign, m_region, m_delimiter, m_encoding, m_phoneColumn, m_param, m_mobileOnly,
                       m_dryRun, m_rejects, m_skipRecentDays});
}

ExitCode ImportCommand::run(CliContext &context)
{
    const QCommandLineParser &args = context.args();
    const QStringList positional = args.positionalArguments();
    if (positional.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("missing FILE: the contact file to import"));
    }
    const QString path = positional.constFirst();
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));

    ImportOptions options;
    options.campaignId = campaign.id;
    if (args.isSet(m_region)) {
        const RegionCodeCheck check = PhoneNormalizer::checkRegionCode(args.value(m_region));
        if (!check.ok) {
            throw CliError(ExitCode::Usage, check.message);
        }
        options.region = check.region;
    }
    if (args.isSet(m_delimiter)) {
        const QString d = args.value(m_delimiter);
        if (d.compare(u"tab"_s, Qt::CaseInsensitive) == 0 || d == u"\\t"_s) {
            options.csv.delimiter = u'\t';
        } else if (d.size() == 1) {
            options.csv.delimiter = d.front();
        } else {
            throw CliError(ExitCode::Usage,
                           tr("--delimiter takes one character (or 'tab'), not \"%1\"").arg(d));
        }
    }
    if (args.isSet(m_encoding)) {
        const auto enc = textEncodingFromName(args.value(m_encoding));
        if (!enc) {
            throw CliError(ExitCode::Usage,
                           tr("unknown encoding \"%1\": use utf-8, utf-16le, utf-16be or windows-1252")
                               .arg(args.value(m_encoding)));
        }
        options.csv.encoding = *enc;
    }
    options.phoneColumn = args.value(m_phoneColumn);
    for (const QString &p : args.values(m_param)) {
        const qsizetype eq = p.indexOf(u'=');
        if (eq <= 0 || eq == p.size() - 1) {
            throw CliError(ExitCode::Usage,
                           tr("--param takes key=column, e.g. body.1=\"First Name\", not \"%1\"").arg(p));
        }
        options.params.append({p.left(eq).trimmed(), p.mid(eq + 1).trimmed()});
    }
    options.mobileOnly = args.isSet(m_mobileOnly);
    options.dryRun = args.isSet(m_dryRun);
    options.rejectsPath = args.value(m_rejects);
    if (args.isSet(m_skipRecentDays)) {
        bool ok = false;
        options.skipRecentDays = args.value(m_skipRecentDays).toInt(&ok);
        if (!ok || options.skipRecentDays < 1 || options.skipRecentDays > 3650) {
            throw CliError(ExitCode::Usage,
                           tr("--skip-recent-days takes a number of days from 1 to 3650, not \"%1\"")
                               .arg(args.value(m_skipRecentDays)));
        }
    }

    ContactImporter importer(context.db(), context.clock());
    const ImportSummary summary = importer.run(path, options);
    if (summary.outcome == ImportSummary::Outcome::BadFile) {
        if (context.json()) {
            context.printJson(summary.toJson());
        }
        throw CliError(ExitCode::BadInput, summary.errorMessage, {tr("Nothing was imported.")});
    }
    if (context.json()) {
        context.printJson(summary.toJson());
    } else {
        for (const QString &line : summary.describe()) {
            context.out() << line << u'\n';
        }
    }
    return ExitCode::Success;
}

} // namespace herald::cli
