#include "commands/ConfigCommand.h"

#include "ApiOptions.h"
#include "CliContext.h"
#include "CliError.h"
#include "TextTable.h"
#include "db/AppSettings.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

void expectArguments(const QStringList &args, int count, const QString &usage)
{
    if (args.size() != count) {
        throw CliError(ExitCode::Usage,
                       QCoreApplication::translate("ConfigCommand", "usage: config %1").arg(usage));
    }
}

} // namespace

QString ConfigCommand::name() const
{
    return u"config"_s;
}

QString ConfigCommand::summary() const
{
    return tr("Settings stored with the database (set, get, list, unset), e.g. api.base and api.waba_id.");
}

void ConfigCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        u"action"_s,
        tr("What to do:\n  set KEY VALUE - stores a setting\n  get KEY - prints its value\n"
           "  list - shows every setting\n  unset KEY - removes it\nAPI keys: %1. Access tokens are never "
           "stored: give them in %2.")
            .arg(ApiOptions::settingKeys().join(u", "_s), QLatin1StringView(ApiOptions::TokenVariable)),
        u"<set|get|list|unset> [KEY] [VALUE]"_s);
}

ExitCode ConfigCommand::run(CliContext &context)
{
    const QStringList args = context.args().positionalArguments();
    const QString action = args.value(0);
    const QStringList rest = args.mid(1);
    if (action == "set"_L1) {
        return set(context, rest);
    }
    if (action == "get"_L1) {
        return get(context, rest);
    }
    if (action == "list"_L1) {
        return list(context, rest);
    }
    if (action == "unset"_L1) {
        return unset(context, rest);
    }
    if (action.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("config needs an action: set, get, list, unset"));
    }
    throw CliError(ExitCode::Usage,
                   tr("unknown config action \"%1\" (known: set, get, list, unset)").arg(action));
}

ExitCode ConfigCommand::set(CliContext &context, const QStringList &args)
{
    expectArguments(args, 2, u"set KEY VALUE"_s);
    const QString key = args.at(0);
    const QString value = args.at(1).trimmed();
    // Checked before the value is looked at, so a token given by mistake is not echoed back.
    if (const QString problem = AppSettings::checkKey(key); !problem.isEmpty()) {
        throw CliError(ExitCode::Refused, problem);
    }
    if (const QString problem = ApiOptions::checkSetting(key, value); !problem.isEmpty()) {
        throw CliError(ExitCode::Usage, problem);
    }
    AppSettings(context.db()).set(key, value);
    if (context.json()) {
        context.printJson(QJsonObject{{u"key"_s, key}, {u"value"_s, value}});
    }
    return ExitCode::Success;
}

ExitCode ConfigCommand::get(CliContext &context, const QStringList &args)
{
    expectArguments(args, 1, u"get KEY"_s);
    const std::optional<QString> value = AppSettings(context.db()).value(args.at(0));
    if (!value) {
        throw CliError(ExitCode::NotFound, tr("%1 is not set").arg(args.at(0)));
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"key"_s, args.at(0)}, {u"value"_s, *value}});
    } else {
        context.out() << *value << u'\n';
    }
    return ExitCode::Success;
}

ExitCode ConfigCommand::list(CliContext &context, const QStringList &args)
{
    expectArguments(args, 0, u"list"_s);
    const QMap<QString, QString> all = AppSettings(context.db()).all();
    if (context.json()) {
        QJsonObject settings;
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            settings.insert(it.key(), it.value());
        }
        context.printJson(QJsonObject{{u"settings"_s, settings}});
        return ExitCode::Success;
    }
    if (all.isEmpty()) {
        context.out() << tr("No settings stored.") << u'\n';
        return ExitCode::Success;
    }
    TextTable table({{u"Key"_s}, {u"Value"_s}});
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        table.addRow({it.key(), it.value()});
    }
    context.out() << table.render();
    return ExitCode::Success;
}

ExitCode ConfigCommand::unset(CliContext &context, const QStringList &args)
{
    expectArguments(args, 1, u"unset KEY"_s);
    if (!AppSettings(context.db()).remove(args.at(0))) {
        throw CliError(ExitCode::NotFound, tr("%1 is not set").arg(args.at(0)));
    }
    return ExitCode::Success;
}

} // namespace herald::cli
