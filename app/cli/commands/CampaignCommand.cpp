#include "commands/CampaignCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "commands/CampaignEstimate.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"
#include "queue/QuietHours.h"
#include "queue/QuietHoursQueue.h"
#include "queue/Schedule.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QTextStream>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace herald::cli {

CampaignCommand::CampaignCommand()
    : m_name(u"name"_s, tr("create: the campaign's name (unique)."), tr("name"))
    , m_template(u"template"_s, tr("create: the approved WhatsApp template to send."), tr("template"))
    , m_language(u"lang"_s, tr("create: the template's language code, e.g. en_US."), tr("code"))
    , m_phoneNumberId(u"phone-number-id"_s, tr("create: the WhatsApp Business phone number id to send from."),
                      tr("id"))
    , m_numbers(
          u"numbers"_s,
          tr("create: send from a pool of the account's phone numbers instead, comma-separated IDs; each "
             "recipient keeps one of them."),
          tr("id,id,…"))
    , m_from(u"from"_s,
             tr("reassign: only the recipients of this number (default: every number out of the pool)."),
             tr("id"))
    , m_campaign(u"campaign"_s,
                 tr("schedule, unschedule, quiet-hours, estimate, reassign: the campaign's name."),
                 tr("name"))
    , m_at(u"at"_s,
           tr("schedule: when to start, ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00; "
              "without an offset it is this computer's local time."),
           tr("time"))
    , m_window(u"window"_s,
               tr("quiet-hours: the window in each recipient's local time, HH:MM-HH:MM, e.g. 09:00-20:00."),
               tr("from-until"))
    , m_weekdaysOnly(u"weekdays-only"_s,
                     tr("quiet-hours: send Monday to Friday only (recipient's local date)."))
    , m_zone(u"zone"_s,
             tr("quiet-hours: the time zone for one country instead of its main zone, e.g. "
                "BR=America/Manaus; repeatable."),
             tr("CC=zone"))
    , m_off(u"off"_s, tr("quiet-hours: send at any hour again."))
    , m_category(u"category"_s,
                 tr("estimate: price this category instead of the template's (e.g. MARKETING)."),
                 tr("category"))
    , m_remaining(u"remaining"_s, tr("estimate: count only the recipients still to send."))
{}

QList<CampaignCommand::Action> CampaignCommand::actions() const
{
    return {
        {u"create"_s, tr("creates a draft campaign and prints its id"), &CampaignCommand::create},
        {u"schedule"_s, tr("starts a draft campaign at a time (--at)"), &CampaignCommand::schedule},
        {u"unschedule"_s, tr("turns a scheduled campaign back into a draft"), &CampaignCommand::unschedule},
        {u"quiet-hours"_s, tr("sends only inside a window of each recipient's local time (--window)"),
         &CampaignCommand::quietHours},
        {u"estimate"_s, tr("prices the campaign's recipients from the rate card and stores the estimate"),
         &CampaignCommand::estimate},
        {u"reassign"_s,
         tr("moves the recipients of numbers taken out of the campaign's pool to its other numbers, and "
            "records "
            "it"),
         &CampaignCommand::reassign},
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
    parser.addOption(m_numbers);
    parser.addOption(m_from);
    parser.addOption(m_campaign);
    parser.addOption(m_at);
    parser.addOption(m_window);
    parser.addOption(m_weekdaysOnly);
    parser.addOption(m_zone);
    parser.addOption(m_off);
    parser.addOption(m_category);
    parser.addOption(m_remaining);
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
    QStringList pool;
    if (context.args().isSet(m_numbers)) {
        if (!spec.phoneNumberId.isEmpty()) {
            throw CliError(ExitCode::Usage, tr("give either --phone-number-id or --numbers, not both"));
        }
        for (const QString &id : context.args().value(m_numbers).split(u',', Qt::SkipEmptyParts)) {
            pool << id.trimmed();
        }
        if (const QString why = NumberPool::idsProblem(pool); !why.isEmpty()) {
            throw CliError(ExitCode::Usage, u"--numbers: "_s + why);
        }
    }
    // The campaign and its pool in one transaction: never a campaign without the pool asked for.
    const Campaign campaign = CampaignStore(context.db(), context.clock()).create(spec, pool);
    if (context.json()) {
        context.printJson(Format::campaignJson(campaign));
    } else {
        // Only the id, so that scripts can capture it: id=$(herald-cli campaign create …).
        context.out() << campaign.id << u'\n';
    }
    return ExitCode::Success;
}

void CampaignCommand::printCampaign(CliContext &context, const Campaign &campaign, const QString &text)
{
    if (context.json()) {
        context.printJson(Format::campaignJson(campaign));
    } else {
        context.out() << text << u'\n';
    }
}

ExitCode CampaignCommand::schedule(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    const QString text = context.requiredValue(m_at);
    const QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid()) {
        throw CliError(ExitCode::Usage, tr("--at \"%1\" is not a date and time; write it as ISO 8601, e.g. "
                                           "2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00")
                                            .arg(text));
    }
    // Refusals (a time that passed, nothing queued, a running campaign) exit 6.
    const Campaign after = Schedule(context.db(), context.clock()).schedule(campaign.id, at);
    printCampaign(context, after,
                  tr("Campaign \"%1\" is scheduled for %2 UTC (%3 local time); a running console or "
                     "`herald-cli run` starts it then.")
                      .arg(after.name, after.scheduledAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s),
                           after.scheduledAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
    return ExitCode::Success;
}

ExitCode CampaignCommand::unschedule(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    const Campaign after = Schedule(context.db(), context.clock()).unschedule(campaign.id);
    printCampaign(
        context, after,
        tr("Campaign \"%1\" is a draft again; it starts when you start or schedule it.").arg(after.name));
    return ExitCode::Success;
}

ExitCode CampaignCommand::quietHours(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    QuietHours q = QuietHours::fromSettings(campaign.settings);
    if (context.args().isSet(m_off)) {
        q.enabled = false;
    } else {
        const QString window = context.requiredValue(m_window);
        const QStringList parts = window.split(u'-');
        q = QuietHours{}; // the command states the whole setting: zones not named are dropped
        q.enabled = true;
        q.from = QuietHours::parseTime(parts.value(0));
        q.until = QuietHours::parseTime(parts.value(1));
        if (parts.size() != 2 || !q.from.isValid() || !q.until.isValid()) {
            throw CliError(
                ExitCode::Usage,
                tr("--window \"%1\" is not a window; write it as HH:MM-HH:MM, e.g. 09:00-20:00").arg(window));
        }
        q.weekdaysOnly = context.args().isSet(m_weekdaysOnly);
        for (const QString &zone : context.args().values(m_zone)) {
            const qsizetype eq = zone.indexOf(u'=');
            const QString country = zone.left(eq).trimmed().toUpper();
            if (eq != 2 || country.size() != 2) {
                throw CliError(
                    ExitCode::Usage,
                    tr("--zone \"%1\" must be a country code, = and a time zone, e.g. BR=America/Manaus")
                        .arg(zone));
            }
            q.zones.insert(country, zone.mid(eq + 1).trimmed());
        }
    }
    // A window across midnight or an unknown zone is a usage error, not a refusal.
    const QStringList problems = q.validate();
    if (!problems.isEmpty()) {
        throw CliError(ExitCode::Usage, problems.join(u' '));
    }
    QuietHoursQueue::apply(context.db(), context.clock(), campaign.id, q);
    CampaignStore store(context.db(), context.clock());
    const Campaign after = store.byId(campaign.id);
    QString text;
    if (!q.enabled) {
        text = tr("Campaign \"%1\" sends at any hour.").arg(after.name);
    } else {
        text = tr("Campaign \"%1\" sends from %2 to %3 in each recipient's local time%4.")
                   .arg(after.name, q.from.toString(u"HH:mm"_s), q.until.toString(u"HH:mm"_s),
                        q.weekdaysOnly ? tr(", Monday to Friday") : QString());
        for (auto it = q.zones.cbegin(); it != q.zones.cend(); ++it) {
            text += u'\n' + tr("%1 uses %2.").arg(it.key(), it.value());
        }
    }
    printCampaign(context, after, text);
    return ExitCode::Success;
}

ExitCode CampaignCommand::estimate(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    return CampaignEstimate::run(context, campaign, context.args().value(m_category),
                                 context.args().isSet(m_remaining));
}

ExitCode CampaignCommand::reassign(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    const QString from = context.args().value(m_from).trimmed();
    // Refusals (no pool, no number left to take them, a number still in the pool) exit 6.
    const QList<Reassignment> moves =
        NumberPool(context.db(), context.clock())
            .reassign(campaign.id, from, tr("herald-cli on %1").arg(QSysInfo::machineHostName()));
    if (context.json()) {
        QJsonArray list;
        for (const Reassignment &r : moves) {
            list.append(QJsonObject{
                {u"from"_s, r.from}, {u"to"_s, QJsonArray::fromStringList(r.to)}, {u"moved"_s, r.moved}});
        }
        context.printJson(QJsonObject{{u"campaign"_s, campaign.name}, {u"reassignments"_s, list}});
        return ExitCode::Success;
    }
    if (moves.isEmpty()) {
        context.out()
            << tr("Campaign \"%1\": no recipient waits for a number out of the pool.").arg(campaign.name)
            << u'\n';
    }
    for (const Reassignment &r : moves) {
        context.out() << tr("Campaign \"%1\": moved %2 recipients of %3 to %4.")
                             .arg(campaign.name, Format::number(r.moved), r.from, r.to.join(u", "_s))
                      << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
