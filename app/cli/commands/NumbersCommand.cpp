#include "commands/NumbersCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "cloudapi/NumberHealth.h"
#include "db/AppSettings.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;

namespace herald::cli {

NumbersCommand::NumbersCommand()
    : m_ceiling(u"ceiling"_s,
                tr("Messages per second at most from this number (add; default: api.rate_ceiling)."), tr("r"))
    , m_label(u"label"_s, tr("A name for the number (add)."), tr("text"))
{}

QString NumbersCommand::name() const
{
    return u"numbers"_s;
}

QString NumbersCommand::summary() const
{
    return tr("Adds, removes or lists the account's phone numbers and each one's ceiling, and checks "
              "their health with Meta.");
}

void NumbersCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"action"_s, tr("add ID, remove ID, list, or health."),
                                 tr("add|remove|list|health"));
    parser.addPositionalArgument(u"id"_s, tr("The phone number ID (Meta's numeric ID, not the number)."),
                                 tr("[ID]"));
    parser.addOptions({m_ceiling, m_label});
    m_api.addTo(parser);
}

ExitCode NumbersCommand::run(CliContext &context)
{
    const QStringList positional = context.args().positionalArguments();
    const QString action = positional.value(0);
    PhoneNumberStore store(context.db(), context.clock());
    const auto needId = [&] {
        const QString id = positional.value(1).trimmed();
        if (id.isEmpty()) {
            throw CliError(ExitCode::Usage, tr("numbers %1 needs a phone number ID").arg(action));
        }
        if (const QString why = PhoneNumberStore::idProblem(id); !why.isEmpty()) {
            throw CliError(ExitCode::Usage, why);
        }
        return id;
    };

    if (action == "add"_L1) {
        const QString id = needId();
        std::optional<double> ceiling;
        if (context.args().isSet(m_ceiling)) {
            bool ok = false;
            ceiling = context.args().value(m_ceiling).trimmed().toDouble(&ok);
            const QString why =
                ok ? PhoneNumberStore::ceilingProblem(*ceiling) : PhoneNumberStore::ceilingProblem(-1);
            if (!why.isEmpty()) {
                throw CliError(ExitCode::Usage, u"--ceiling: "_s + why);
            }
        }
        std::optional<QString> label;
        if (context.args().isSet(m_label)) {
            label = context.args().value(m_label).trimmed();
        }
        const bool added = store.add(id, ceiling, label);
        const PhoneNumber n = *store.find(id);
        if (context.json()) {
            context.printJson(QJsonObject{
                {u"id"_s, n.id}, {u"label"_s, n.label}, {u"ceiling"_s, n.ceiling}, {u"added"_s, added}});
        } else {
            context.out() << (added ? tr("Added %1: at most %2 messages per second.")
                                    : tr("Changed %1: at most %2 messages per second."))
                                 .arg(n.id)
                                 .arg(n.ceiling)
                          << u'\n';
        }
        return ExitCode::Success;
    }
    if (action == "remove"_L1) {
        const QString id = needId();
        const bool removed = store.remove(id);
        if (context.json()) {
            context.printJson(QJsonObject{{u"id"_s, id}, {u"removed"_s, removed}});
        } else {
            context.out() << (removed ? tr("Removed %1.").arg(id) : tr("%1 was not listed.").arg(id))
                          << u'\n';
        }
        return removed ? ExitCode::Success : ExitCode::NotFound;
    }
    if (action == "list"_L1) {
        const AppSettings settings(context.db());
        const QString defaultId = settings.value(SettingKeys::PhoneNumberId, QString());
        const double fallback = SettingKeys::rateCeiling(settings);
        const QList<PhoneNumber> numbers = store.list();
        if (context.json()) {
            QJsonArray list;
            for (const PhoneNumber &n : numbers) {
                list.append(QJsonObject{{u"id"_s, n.id},
                                        {u"label"_s, n.label},
                                        {u"ceiling"_s, n.ceiling},
                                        {u"default"_s, n.id == defaultId},
                                        {u"added_at"_s, Format::jsonTime(n.addedAt)}});
            }
            context.printJson(QJsonObject{{u"numbers"_s, list},
                                          {u"default_number"_s, Format::jsonText(defaultId)},
                                          {u"unlisted_ceiling"_s, fallback}});
            return ExitCode::Success;
        }
        TextTable table(
            {{tr("ID")}, {tr("Label")}, {tr("Ceiling/s"), TextTable::Align::Right}, {tr("Added")}});
        for (const PhoneNumber &n : numbers) {
            table.addRow({n.id + (n.id == defaultId ? u" *"_s : QString()), n.label,
                          QString::number(n.ceiling), Format::tableTime(n.addedAt)});
        }
        if (!numbers.isEmpty()) {
            context.out() << table.render();
        }
        context.out() << tr("%n phone number(s) listed.", nullptr, int(numbers.size())) << u'\n';
        if (!defaultId.isEmpty()) {
            context.out() << tr("The default number (api.phone_number_id) is %1%2.")
                                 .arg(defaultId, numbers.isEmpty() ? QString() : tr(", marked *"))
                          << u'\n';
        }
        context.out()
            << tr("A number not listed sends at api.rate_ceiling: %1 messages per second.").arg(fallback)
            << u'\n';
        return ExitCode::Success;
    }
    if (action == "health"_L1) {
        return health(context);
    }
    throw CliError(ExitCode::Usage,
                   action.isEmpty()
                       ? tr("numbers needs an action: add, remove, list or health")
                       : tr("unknown numbers action \"%1\": use add, remove, list or health").arg(action));
}

ExitCode NumbersCommand::health(CliContext &context)
{
    const ApiSettings settings = m_api.resolve(context, true);
    NumberHealthStore store(context.db(), context.clock());
    QStringList ids = store.configuredNumbers();
    if (!settings.phoneNumberId().isEmpty() && !ids.contains(settings.phoneNumberId())) {
        ids.prepend(settings.phoneNumberId()); // given with --phone-number-id for this run
    }
    if (ids.isEmpty()) {
        throw CliError(ExitCode::Usage,
                       tr("No phone number to check: add one with herald-cli numbers add ID, or "
                          "set api.phone_number_id."));
    }
    const QList<NumberHealth> results = NumberHealthCheck::checkAndWait(settings, ids);
    store.save(results);

    if (context.json()) {
        QJsonArray list;
        for (const NumberHealth &h : std::as_const(results)) {
            QJsonObject o{
                {u"id"_s, h.id}, {u"ok"_s, h.ok()}, {u"checked_at"_s, Format::jsonTime(h.checkedAt)}};
            if (h.ok()) {
                const std::optional<qint64> limit = NumberHealth::tierLimit(h.messagingLimitTier);
                o.insert(u"verified_name"_s, h.verifiedName);
                o.insert(u"display_phone_number"_s, h.displayPhoneNumber);
                o.insert(u"quality_rating"_s, h.qualityRating);
                o.insert(u"messaging_limit_tier"_s, h.messagingLimitTier);
                o.insert(u"messaging_limit"_s, limit ? QJsonValue(*limit) : QJsonValue());
                o.insert(u"status"_s, h.status);
                o.insert(u"throughput_level"_s, h.throughputLevel);
            } else {
                o.insert(u"error"_s, h.error);
            }
            list.append(o);
        }
        context.printJson(QJsonObject{{u"numbers"_s, list}});
        return ExitCode::Success;
    }
    TextTable table({{tr("ID")},
                     {tr("Name")},
                     {tr("Quality")},
                     {tr("Messaging limit")},
                     {tr("Status")},
                     {tr("Throughput")}});
    QStringList problems;
    for (const NumberHealth &h : std::as_const(results)) {
        if (!h.ok()) {
            table.addRow({h.id, tr("(not read)")});
            problems << h.error;
            continue;
        }
        table.addRow(
            {h.id, h.verifiedName, h.qualityRating, h.messagingLimitTier, h.status, h.throughputLevel});
    }
    context.out() << table.render();
    for (const QString &p : std::as_const(problems)) {
        context.out() << tr("Warning: %1").arg(p) << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
