#include "commands/OptOutCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "import/ContactImporter.h"
#include "optout/OptOutStore.h"
#include "phone/PhoneNormalizer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

OptOutCommand::OptOutCommand()
    : m_reason(u"reason"_s, tr("Why the number opted out (add)."), tr("text"))
    , m_region(u"region"_s,
               tr("Country of numbers written without country code, e.g. DE (add, import, remove)."),
               tr("cc"))
    , m_limit(u"limit"_s, tr("How many to list (default 100)."), tr("n"), u"100"_s)
    , m_offset(u"offset"_s, tr("How many to skip when listing (default 0)."), tr("n"), u"0"_s)
    , m_rejects(u"rejects"_s, tr("Where to write the rows not added (import; default FILE.rejects.csv)."),
                tr("file"))
{}

QString OptOutCommand::name() const
{
    return u"optout"_s;
}

QString OptOutCommand::summary() const
{
    return tr("Adds, removes, imports or lists phones that must never be messaged.");
}

void OptOutCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"action"_s, tr("add PHONE, remove PHONE, import FILE, or list."),
                                 tr("add|remove|import|list"));
    parser.addPositionalArgument(u"argument"_s, tr("The phone number or file."), tr("[PHONE|FILE]"));
    parser.addOptions({m_reason, m_region, m_limit, m_offset, m_rejects});
}

QString OptOutCommand::normalizedPhone(CliContext &context, const QString &raw) const
{
    QString region;
    if (context.args().isSet(m_region)) {
        const RegionCodeCheck check = PhoneNormalizer::checkRegionCode(context.args().value(m_region));
        if (!check.ok) {
            throw CliError(ExitCode::Usage, check.message);
        }
        region = check.region;
    }
    const PhoneNumberResult r = PhoneNormalizer({region, false}).normalize(raw);
    if (!r.ok) {
        throw CliError(ExitCode::Usage, r.message);
    }
    return r.e164;
}

ExitCode OptOutCommand::run(CliContext &context)
{
    const QStringList positional = context.args().positionalArguments();
    const QString action = positional.value(0);
    OptOutStore store(context.db(), context.clock());
    auto needArgument = [&](const QString &what) {
        if (positional.size() < 2 || positional.at(1).trimmed().isEmpty()) {
            throw CliError(ExitCode::Usage, tr("optout %1 needs %2").arg(action, what));
        }
        return positional.at(1);
    };

    if (action == "add"_L1 || action == "remove"_L1) {
        const QString phone = normalizedPhone(context, needArgument(tr("a phone number")));
        const bool changed =
            action == "add"_L1 ? store.add(phone, OptOutStore::Source::Manual, context.args().value(m_reason))
                               : store.remove(phone);
        if (context.json()) {
            context.printJson(
                QJsonObject{{u"phone"_s, phone}, {u"action"_s, action}, {u"changed"_s, changed}});
        } else if (action == "add"_L1) {
            context.out() << (changed ? tr("%1 is now on the opt-out list.").arg(phone)
                                      : tr("%1 was already on the opt-out list.").arg(phone))
                          << u'\n';
        } else {
            context.out() << (changed ? tr("%1 was removed from the opt-out list.").arg(phone)
                                      : tr("%1 was not on the opt-out list.").arg(phone))
                          << u'\n';
        }
        return ExitCode::Success;
    }
    if (action == "import"_L1) {
        const QString path = needArgument(tr("a file"));
        QString region;
        if (context.args().isSet(m_region)) {
            const RegionCodeCheck check = PhoneNormalizer::checkRegionCode(context.args().value(m_region));
            if (!check.ok) {
                throw CliError(ExitCode::Usage, check.message);
            }
            region = check.region;
        }
        const QString rejects = context.args().isSet(m_rejects) ? context.args().value(m_rejects)
                                                                : ContactImporter::defaultRejectsPath(path);
        const ImportSummary s = store.importFile(path, region, {}, {}, rejects);
        if (s.outcome == ImportSummary::Outcome::BadFile) {
            throw CliError(ExitCode::BadInput, s.errorMessage, {tr("Nothing was added.")});
        }
        if (context.json()) {
            QJsonObject o = s.toJson();
            o.insert(u"added"_s, s.imported);
            o.insert(u"already_listed"_s, s.duplicatesInCampaign);
            context.printJson(o);
        } else {
            context.out()
                << tr("Added %1 of %2 rows from %3 to the opt-out list; %4 were already on it; %5 rejected.")
                       .arg(s.imported)
                       .arg(s.rowsRead)
                       .arg(s.file)
                       .arg(s.duplicatesInCampaign)
                       .arg(s.rejected)
                << u'\n';
            if (!s.rejectsFile.isEmpty()) {
                context.out()
                    << tr("The rows not added are listed with line and reason in %1.").arg(s.rejectsFile)
                    << u'\n';
            }
        }
        return ExitCode::Success;
    }
    if (action == "list"_L1) {
        bool okLimit = false;
        bool okOffset = false;
        const qint64 limit = context.args().value(m_limit).toLongLong(&okLimit);
        const qint64 offset = context.args().value(m_offset).toLongLong(&okOffset);
        if (!okLimit || !okOffset || limit < 0 || offset < 0) {
            throw CliError(ExitCode::Usage, tr("--limit and --offset take whole numbers of 0 or more"));
        }
        const QList<OptOut> list = store.list(offset, limit);
        if (context.json()) {
            QJsonArray rows;
            for (const OptOut &o : list) {
                rows.append(QJsonObject{{u"phone"_s, o.phone},
                                        {u"source"_s, o.source},
                                        {u"reason"_s, Format::jsonText(o.reason)},
                                        {u"created_at"_s, Format::jsonTime(o.createdAt)}});
            }
            context.printJson(QJsonObject{{u"total"_s, store.count()}, {u"opt_outs"_s, rows}});
            return ExitCode::Success;
        }
        using A = TextTable::Align;
        TextTable table({{u"Phone"_s, A::Left},
                         {u"Source"_s, A::Left},
                         {u"Reason"_s, A::Left},
                         {u"Added (UTC)"_s, A::Left}});
        for (const OptOut &o : list) {
            table.addRow({o.phone, o.source, o.reason, Format::tableTime(o.createdAt)});
        }
        context.out() << table.render();
        context.out() << tr("%1 phones on the opt-out list.").arg(Format::number(store.count())) << u'\n';
        return ExitCode::Success;
    }
    throw CliError(ExitCode::Usage,
                   action.isEmpty()
                       ? tr("optout needs an action: add, remove, import or list")
                       : tr("unknown optout action \"%1\": use add, remove, import or list").arg(action));
}

} // namespace herald::cli
