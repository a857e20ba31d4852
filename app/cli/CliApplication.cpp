#include "CliApplication.h"

#include "CliContext.h"
#include "CliError.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/SchemaDoctor.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
const QString kProgram = u"herald-cli"_s;

// QCommandLineParser names the program by argv[0], which is whatever path the shell used;
// help texts should name it the way users type it.
QString withProgramName(QString helpText, const QString &argv0, const QString &shownAs)
{
    const qsizetype at = helpText.indexOf(argv0);
    if (at >= 0 && !argv0.isEmpty()) {
        helpText.replace(at, argv0.size(), shownAs);
    }
    return helpText;
}
} // namespace

CliApplication::CliApplication(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
    , m_dbOption(u"db"_s,
                 tr("The database: a SQLite file path, or postgresql://user:password@host:port/database. "
                    "Default: $HERALD_DB, else %1.")
                     .arg(DatabaseConfig::defaultSqlitePath()),
                 tr("url"))
    , m_helpOption({u"h"_s, u"help"_s}, tr("Shows this help."))
    , m_versionOption({u"v"_s, u"version"_s}, tr("Shows the version."))
    , m_jsonOption(u"json"_s, tr("Prints the result as one JSON document instead of a table."))
{}

CliApplication::~CliApplication() = default;

void CliApplication::addCommand(std::unique_ptr<Command> command)
{
    Q_ASSERT(!find(command->name()));
    m_commands.push_back(std::move(command));
}

Command *CliApplication::find(const QString &name) const
{
    for (const auto &c : m_commands) {
        if (c->name() == name) {
            return c.get();
        }
    }
    return nullptr;
}

int CliApplication::run(const QStringList &arguments)
{
    m_program = arguments.value(0, kProgram);
    ExitCode code = ExitCode::Unexpected;
    try {
        code = dispatch(arguments);
    } catch (const CliError &e) {
        report(e.message(), e.details());
        if (e.code() == ExitCode::Usage) {
            m_err << (m_currentCommand.isEmpty()
                          ? tr("Run '%1 --help' for the commands.").arg(kProgram)
                          : tr("Run '%1 %2 --help' for its options.").arg(kProgram, m_currentCommand))
                  << u'\n';
        }
        code = e.code();
    } catch (const DbError &e) {
        report(e.message());
        code = ExitCodes::forDbError(e, DbStage::Command);
    } catch (const std::exception &e) {
        report(QString::fromLocal8Bit(e.what()));
        code = ExitCode::Unexpected;
    }
    m_out.flush();
    m_err.flush();
    return ExitCodes::toInt(code);
}

void CliApplication::report(const QString &message, const QStringList &details)
{
    m_err << kProgram << ": " << message << u'\n';
    for (const QString &line : details) {
        m_err << "  " << line << u'\n';
    }
}

ExitCode CliApplication::dispatch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Herald's headless console: sets up the database and inspects and repairs campaigns."));
    // Everything after the command word belongs to the command's own parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOption(m_dbOption);
    parser.addOption(m_helpOption);
    parser.addOption(m_versionOption);
    parser.addPositionalArgument(u"command"_s, tr("The command to run (see Commands)."), tr("<command>"));
    parser.addPositionalArgument(u"options"_s, tr("The command's options; see herald-cli <command> --help."),
                                 tr("[command options]"));
    if (!parser.parse(arguments)) {
        throw CliError(ExitCode::Usage, parser.errorText());
    }
    if (parser.isSet(m_helpOption)) {
        m_out << programHelp(parser);
        return ExitCode::Success;
    }
    if (parser.isSet(m_versionOption)) {
        m_out << kProgram << u' ' << QCoreApplication::applicationVersion() << u'\n';
        return ExitCode::Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("no command given"));
    }
    Command *command = find(positional.constFirst());
    if (!command) {
        throw CliError(ExitCode::Usage, tr("unknown command \"%1\"").arg(positional.constFirst()));
    }
    m_currentCommand = command->name();
    return runCommand(*command, parser.value(m_dbOption), positional.mid(1));
}

ExitCode CliApplication::runCommand(Command &command, const QString &globalDb, const QStringList &rest)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(command.summary());
    parser.addOption(m_dbOption);
    parser.addOption(m_helpOption);
    if (command.supportsJson()) {
        parser.addOption(m_jsonOption);
    }
    command.addOptions(parser);
    if (!parser.parse(QStringList{m_program} + rest)) {
        throw CliError(ExitCode::Usage, parser.errorText());
    }
    if (parser.isSet(m_helpOption)) {
        m_out << commandHelp(parser, command);
        return ExitCode::Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > command.maxPositionalArguments()) {
        throw CliError(ExitCode::Usage,
                       tr("unexpected argument \"%1\"").arg(positional.at(command.maxPositionalArguments())));
    }

    CliContext context(m_out, m_err);
    context.setArgs(&parser);
    context.setJson(command.supportsJson() && parser.isSet(m_jsonOption));
    const Command::Needs needs = command.needsFor(positional);
    if (needs != Command::Needs::Nothing) {
        // --db after the command word wins over one before it.
        openDatabase(context, command, parser.isSet(m_dbOption) ? parser.value(m_dbOption) : globalDb);
        if (needs == Command::Needs::Schema) {
            requireHealthySchema(context);
        }
    }
    return command.run(context);
}

void CliApplication::openDatabase(CliContext &context, const Command &command, const QString &dbValue) const
{
    DatabaseConfig config;
    QString error;
    if (!DatabaseConfig::resolve(dbValue, &config, &error)) {
        throw CliError(ExitCode::Usage, error);
    }
    context.setConfig(config);
    if (config.dialect() == Dialect::Sqlite && !command.createsDatabase() &&
        !QFileInfo::exists(config.sqlitePath())) {
        throw CliError(ExitCode::Schema, tr("there is no Herald database at %1: run '%2 init' to create it")
                                             .arg(config.displayName(), kProgram));
    }
    try {
        context.setDatabase(std::make_unique<Database>(config, u"cli"_s));
    } catch (const DbError &e) {
        throw CliError(ExitCodes::forDbError(e, DbStage::Open), e.message());
    }
}

void CliApplication::requireHealthySchema(CliContext &context) const
{
    // The seed's sender ran for weeks on a schema that lacked two functions. Nothing here
    // reads or writes campaigns until the doctor has passed the schema.
    const SchemaReport report = SchemaDoctor(context.db()).check();
    if (!report.ok()) {
        throw CliError(ExitCode::Schema,
                       tr("the database %1 is not usable by this program; nothing was done:")
                           .arg(context.config().displayName()),
                       report.lines());
    }
}

QString CliApplication::programHelp(const QCommandLineParser &parser) const
{
    QString text = withProgramName(parser.helpText(), m_program, kProgram);
    text += u'\n' + tr("Commands:") + u'\n';
    qsizetype width = 0;
    for (const auto &c : m_commands) {
        width = std::max(width, c->name().size());
    }
    for (const auto &c : m_commands) {
        text += u"  "_s + c->name().leftJustified(width) + u"  "_s + c->summary() + u'\n';
    }
    text += u'\n' + tr("Run '%1 <command> --help' for a command's options.").arg(kProgram) + u"\n\n"_s;
    return text + ExitCodes::helpText();
}

QString CliApplication::commandHelp(const QCommandLineParser &parser, const Command &command) const
{
    // "Usage: /path/to/herald-cli [options]" becomes "Usage: herald-cli status [options]".
    return withProgramName(parser.helpText(), m_program, kProgram + u' ' + command.name()) + u'\n' +
           ExitCodes::helpText();
}

} // namespace herald::cli
