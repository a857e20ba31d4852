#include "commands/BackupCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "commands/DoctorCommand.h"
#include "privacy/SqliteBackup.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

BackupCommand::BackupCommand()
    : m_force(u"force"_s, tr("Replace FILE if it exists."))
{}

QString BackupCommand::name() const
{
    return u"backup"_s;
}

QString BackupCommand::summary() const
{
    return tr("Copies the SQLite database to FILE while Herald runs, and checks the copy "
              "(PostgreSQL: prints the pg_dump command).");
}

void BackupCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"file"_s, tr("Where to write the copy."), u"FILE"_s);
    parser.addOption(m_force);
}

ExitCode BackupCommand::run(CliContext &context)
{
    const QString file = context.args().positionalArguments().value(0);
    if (file.trimmed().isEmpty()) {
        throw CliError(ExitCode::Usage, tr("backup needs a FILE to write the copy to"));
    }
    if (context.config().dialect() == Dialect::Postgres) {
        const QString dump = SqliteBackup::pgDumpCommand(context.config(), file);
        const QString restore = SqliteBackup::pgRestoreCommand(context.config(), file);
        if (context.json()) {
            context.printJson(QJsonObject{{u"backend"_s, u"postgresql"_s},
                                          {u"copied"_s, false},
                                          {u"pg_dump"_s, dump},
                                          {u"pg_restore"_s, restore}});
        } else {
            context.out() << tr("The database is PostgreSQL: herald-cli backup copies SQLite files only. "
                                "pg_dump takes a consistent copy while Herald runs (give the password "
                                "with PGPASSWORD or ~/.pgpass):")
                          << u"\n  "_s << dump << u'\n' << tr("Restore it into an empty database with:")
                          << u"\n  "_s << restore << u'\n';
        }
        return ExitCode::Refused;
    }
    const BackupResult r = SqliteBackup::copy(context.config(), file, context.args().isSet(m_force));
    if (context.json()) {
        QJsonObject o{{u"backend"_s, u"sqlite"_s},
                      {u"copied"_s, true},
                      {u"file"_s, r.path},
                      {u"bytes"_s, r.bytes},
                      {u"pages"_s, r.pages},
                      {u"milliseconds"_s, r.milliseconds},
                      {u"integrity"_s, r.integrity},
                      {u"schema"_s, DoctorCommand::reportJson(r.schema)},
                      {u"counter_mismatches"_s, QJsonArray::fromStringList(r.counterMismatches)},
                      {u"ok"_s, r.ok()}};
        context.printJson(o);
    } else {
        const QString size = Format::number(r.bytes);
        context.out() << tr("Copied %1 to %2 (%3 bytes) in %4 ms.")
                             .arg(context.config().displayName(), r.path, size)
                             .arg(r.milliseconds)
                      << u'\n';
        context.out() << tr("Integrity check: %1").arg(r.integrity) << u'\n'
                      << DoctorCommand::reportText(r.schema);
        if (r.schema.ok()) {
            context.out()
                << (r.counterMismatches.isEmpty()
                        ? tr("Every campaign's counters equal a recount of its rows.")
                        : tr("Counters differ from a recount in: %1").arg(r.counterMismatches.join(u", "_s)))
                << u'\n';
        }
    }
    if (!r.ok()) {
        throw CliError(ExitCode::Unexpected, tr("The copy at %1 did not pass its check.").arg(r.path));
    }
    return ExitCode::Success;
}

} // namespace herald::cli
