#include "commands/TemplatesCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "templates/CampaignReadiness.h"
#include "templates/TemplateParser.h"
#include "templates/TemplateStore.h"
#include "templates/TemplateSync.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

QJsonObject syncJson(const TemplateSyncResult &r)
{
    QJsonArray changes;
    for (const auto &c : r.categoryChanges) {
        changes.append(QJsonObject{{u"name"_s, c.name},
                                   {u"language"_s, c.language},
                                   {u"previous_category"_s, c.previousCategory},
                                   {u"category"_s, c.category}});
    }
    return QJsonObject{{u"ok"_s, r.ok},
                       {u"pages"_s, r.pages},
                       {u"seen"_s, r.seen},
                       {u"new"_s, r.added},
                       {u"updated"_s, r.updated},
                       {u"unchanged"_s, r.unchanged},
                       {u"category_changes"_s, changes},
                       {u"no_longer_listed"_s, QJsonArray::fromStringList(r.noLongerListed)},
                       {u"problems"_s, QJsonArray::fromStringList(r.problems)}};
}

QString sinceText(const TemplateRecord &t)
{
    if (t.previousCategory.isEmpty()) {
        return u"-"_s;
    }
    return t.previousCategory + u" ("_s + Format::tableTime(t.categoryChangedAt) + u')';
}

} // namespace

TemplatesCommand::TemplatesCommand()
    : m_campaign(u"campaign"_s, tr("check: the campaign whose template and values are checked."), tr("name"))
    , m_pageSize(u"page-size"_s,
                 tr("sync: templates per request (default %1).").arg(TemplateSync::DefaultPageSize), tr("n"))
{}

QList<TemplatesCommand::Action> TemplatesCommand::actions() const
{
    return {
        {u"sync"_s, tr("reads the approved and other templates from Meta and stores them"),
         &TemplatesCommand::sync},
        {u"list"_s, tr("shows the stored templates with their variables"), &TemplatesCommand::list},
        {u"check"_s, tr("tells whether a campaign's template and values allow it to start"),
         &TemplatesCommand::check},
    };
}

QString TemplatesCommand::actionNames() const
{
    QStringList names;
    for (const Action &a : actions()) {
        names << a.name;
    }
    return names.join(u", "_s);
}

QString TemplatesCommand::name() const
{
    return u"templates"_s;
}

QString TemplatesCommand::summary() const
{
    return tr("Message templates: %1.").arg(actionNames());
}

void TemplatesCommand::addOptions(QCommandLineParser &parser)
{
    QString description = tr("What to do:");
    for (const Action &a : actions()) {
        description += u"\n  "_s + a.name + u" - "_s + a.summary;
    }
    parser.addPositionalArgument(u"action"_s, description,
                                 u"<%1>"_s.arg(actionNames().replace(u", "_s, u"|"_s)));
    m_api.addTo(parser);
    parser.addOption(m_pageSize);
    parser.addOption(m_campaign);
}

ExitCode TemplatesCommand::run(CliContext &context)
{
    const QString action = context.args().positionalArguments().value(0);
    if (action.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("templates needs an action: %1").arg(actionNames()));
    }
    for (const Action &a : actions()) {
        if (a.name == action) {
            return (this->*a.run)(context);
        }
    }
    throw CliError(ExitCode::Usage,
                   tr("unknown templates action \"%1\" (known: %2)").arg(action, actionNames()));
}

ExitCode TemplatesCommand::sync(CliContext &context)
{
    const ApiSettings settings = m_api.resolve(context, true);
    TemplateSync sync(context.db(), settings, context.clock());
    if (context.args().isSet(m_pageSize)) {
        bool ok = false;
        const int size = context.args().value(m_pageSize).toInt(&ok);
        if (!ok || size < 1 || size > 1000) {
            throw CliError(ExitCode::Usage, tr("--page-size must be a number from 1 to 1000"));
        }
        sync.setPageSize(size);
    }
    if (const QString problem = sync.checkSettings(); !problem.isEmpty()) {
        throw CliError(ExitCode::Usage, problem);
    }

    TemplateSyncResult result;
    QEventLoop loop;
    QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
        result = r;
        loop.quit();
    });
    sync.start();
    loop.exec();

    if (!result.ok) {
        // A refused token or an unreachable API is the connection's fault, not this request's.
        const bool connection = result.tokenRejected || result.pages == 0;
        throw CliError(connection ? ExitCode::SenderStopped : ExitCode::Unexpected, result.error);
    }
    if (context.json()) {
        context.printJson(syncJson(result));
        return ExitCode::Success;
    }
    QTextStream &out = context.out();
    out << tr("%1 templates listed: %2 new, %3 updated, %4 unchanged.")
               .arg(result.seen)
               .arg(result.added)
               .arg(result.updated)
               .arg(result.unchanged)
        << u'\n';
    for (const auto &c : std::as_const(result.categoryChanges)) {
        out << tr("Category changed: %1 (%2) %3 -> %4")
                   .arg(c.name, c.language, c.previousCategory, c.category)
            << u'\n';
    }
    for (const QString &gone : std::as_const(result.noLongerListed)) {
        out << tr("No longer listed by Meta (kept): %1").arg(gone) << u'\n';
    }
    for (const QString &problem : std::as_const(result.problems)) {
        out << problem << u'\n';
    }
    return ExitCode::Success;
}

ExitCode TemplatesCommand::list(CliContext &context)
{
    const QList<TemplateRecord> templates = TemplateStore(context.db(), context.clock()).list();
    if (context.json()) {
        QJsonArray items;
        for (const TemplateRecord &t : templates) {
            const ParsedTemplate parsed = TemplateParser::parse(t.components, t.parameterFormat);
            items.append(
                QJsonObject{{u"name"_s, t.name},
                            {u"language"_s, t.language},
                            {u"status"_s, t.status},
                            {u"category"_s, Format::jsonText(t.category)},
                            {u"previous_category"_s, Format::jsonText(t.previousCategory)},
                            {u"category_changed_at"_s, Format::jsonTime(t.categoryChangedAt)},
                            {u"parameter_format"_s, parsed.parameterFormat},
                            {u"variables"_s, QJsonArray::fromStringList(parsed.templateSlots.keys())},
                            {u"problems"_s, QJsonArray::fromStringList(parsed.problems)},
                            {u"updated_at"_s, Format::jsonTime(t.updatedAt)}});
        }
        context.printJson(QJsonObject{{u"templates"_s, items}});
        return ExitCode::Success;
    }
    if (templates.isEmpty()) {
        context.out() << tr("No templates stored yet. Fetch them with: herald-cli templates sync") << u'\n';
        return ExitCode::Success;
    }
    TextTable table({{u"Template"_s},
                     {u"Language"_s},
                     {u"Status"_s},
                     {u"Category"_s},
                     {u"Previous category (changed, UTC)"_s},
                     {u"Variables"_s}});
    for (const TemplateRecord &t : templates) {
        const ParsedTemplate parsed = TemplateParser::parse(t.components, t.parameterFormat);
        const QStringList keys = parsed.templateSlots.keys();
        table.addRow({t.name, t.language, t.status, t.category, sinceText(t),
                      keys.isEmpty() ? u"-"_s : keys.join(u", "_s)});
    }
    context.out() << table.render();
    return ExitCode::Success;
}

ExitCode TemplatesCommand::check(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    const ReadinessReport report = CampaignReadiness(context.db(), context.clock()).check(campaign);
    if (context.json()) {
        QJsonArray keys;
        for (const auto &k : report.coverage) {
            keys.append(QJsonObject{{u"key"_s, k.key},
                                    {u"missing"_s, k.missing},
                                    {u"default"_s, report.defaults.value(k.key)},
                                    {u"has_default"_s, k.hasDefault}});
        }
        QJsonObject templ;
        if (report.templ) {
            templ = QJsonObject{{u"name"_s, report.templ->name},
                                {u"language"_s, report.templ->language},
                                {u"status"_s, report.templ->status},
                                {u"category"_s, Format::jsonText(report.templ->category)}};
        }
        context.printJson(QJsonObject{{u"campaign"_s, campaign.name},
                                      {u"ready"_s, report.ok()},
                                      {u"template"_s, report.templ ? QJsonValue(templ) : QJsonValue()},
                                      {u"contacts"_s, report.contacts},
                                      {u"keys"_s, keys},
                                      {u"refusals"_s, QJsonArray::fromStringList(report.refusals)},
                                      {u"warnings"_s, QJsonArray::fromStringList(report.warnings)}});
        return report.ok() ? ExitCode::Success : ExitCode::Refused;
    }
    QTextStream &out = context.out();
    for (const QString &w : report.warnings) {
        out << tr("warning: %1").arg(w) << u'\n';
    }
    if (!report.ok()) {
        throw CliError(ExitCode::Refused, tr("campaign \"%1\" cannot start:").arg(campaign.name),
                       report.refusals);
    }
    out << tr("Campaign \"%1\" is ready: template %2 is approved and every variable (%3) has a value for all "
              "%4 "
              "queued contacts.")
               .arg(campaign.name, report.templ->displayName(),
                    report.templateSlots.keys().isEmpty() ? tr("none")
                                                          : report.templateSlots.keys().join(u", "_s),
                    Format::number(report.contacts))
        << u'\n';
    return ExitCode::Success;
}

} // namespace herald::cli
