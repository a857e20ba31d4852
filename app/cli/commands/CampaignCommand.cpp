#include "commands/CampaignCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "queue/CampaignStore.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

CampaignCommand::CampaignCommand()
    : m_name(u"name"_s, tr("create: the campaign's name (unique)."), tr("name"))
    , m_template(u"template"_s, tr("create: the approved WhatsApp template to send."), tr("template"))
    , m_language(u"lang"_s, tr("create: the template's language code, e.g. en_US."), tr("code"))
    , m_phoneNumberId(u"phone-number-id"_s, tr("create: the WhatsApp Business phone number id to send from."),
                      tr("id"))
{}

QList<CampaignCommand::Action> CampaignCommand::actions() const
{
    return {
        {u"create"_s, tr("creates a draft campaign and prints its id"), &CampaignCommand::create},
    };
}

QString CampaignCommand::actionNames() const
{
    QStringList names;
    for (const Action &a : actions()) {
        names << a.name;
    }
    return names.join(u", "_s);
}

QString CampaignCommand::name() const
{
    return u"campaign"_s;
}

QString CampaignCommand::summary() const
{
    return tr("Manages campaigns: %1.").arg(actionNames());
}

void CampaignCommand::addOptions(QCommandLineParser &parser)
{
    QString description = tr("What to do:");
    for (const Action &a : actions()) {
        description += u"\n  "_s + a.name + u" - "_s + a.summary;
    }
    parser.addPositionalArgument(u"action"_s, description,
                                 u"<%1>"_s.arg(actionNames().replace(u", "_s, u"|"_s)));
    parser.addOption(m_name);
    parser.addOption(m_template);
    parser.addOption(m_language);
    parser.addOption(m_phoneNumberId);
}

ExitCode CampaignCommand::run(CliContext &context)
{
    const QString action = context.args().positionalArguments().value(0);
    if (action.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("campaign needs an action: %1").arg(actionNames()));
    }
    for (const Action &a : actions()) {
        if (a.name == action) {
            return (this->*a.run)(context);
        }
    }
    throw CliError(ExitCode::Usage,
                   tr("unknown campaign action \"%1\" (known: %2)").arg(action, actionNames()));
}

ExitCode CampaignCommand::create(CliContext &context)
{
    NewCampaign spec;
    spec.name = context.requiredValue(m_name);
    spec.templateName = context.requiredValue(m_template);
    spec.templateLanguage = context.requiredValue(m_language);
    spec.phoneNumberId = context.args().value(m_phoneNumberId).trimmed();
    CampaignStore store(context.db(), context.clock());
    const Campaign campaign = store.create(spec);
    if (context.json()) {
        context.printJson(Format::campaignJson(campaign));
    } else {
        // Only the id, so that scripts can capture it: id=$(herald-cli campaign create …).
        context.out() << campaign.id << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
