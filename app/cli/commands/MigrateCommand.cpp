#include "commands/MigrateCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "commands/DoctorCommand.h"
#include "db/DatabaseConfig.h"
#include "db/MoveToPostgres.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

MigrateCommand::MigrateCommand()
    : m_from(u"from"_s, tr("The SQLite database to move (only read)."), u"FILE"_s)
    , m_to(u"to"_s, tr("The empty PostgreSQL database to move it into."), u"URL"_s)
{}

QString MigrateCommand::name() const
{
    return u"migrate"_s;
}

QString MigrateCommand::summary() const
{
    return tr("Moves a SQLite database into an empty PostgreSQL database for a team, in one "
              "transaction, and checks the copy.");
}

void MigrateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_from);
    parser.addOption(m_to);
}

ExitCode MigrateCommand::run(CliContext &context)
{
    const auto config = [&](const QCommandLineOption &option) {
        const QString value = context.args().value(option).trimmed();
        if (value.isEmpty()) {
            throw CliError(ExitCode::Usage, tr("migrate needs --%1").arg(option.names().constFirst()));
        }
        DatabaseConfig c;
        QString why;
        if (!DatabaseConfig::parse(value, &c, &why)) {
            throw CliError(ExitCode::Usage, tr("--%1: %2").arg(option.names().constFirst(), why));
        }
        return c;
    };
    const DatabaseConfig from = config(m_from);
    const DatabaseConfig to = config(m_to);
    const MoveResult r = MoveToPostgres::move(from, to);
    if (context.json()) {
        QJsonArray tables;
        for (const TableCopy &t : r.tables) {
            tables.append(QJsonObject{{u"table"_s, t.table}, {u"rows"_s, t.targetRows}});
        }
        context.printJson(QJsonObject{
            {u"from"_s, r.source},
            {u"to"_s, r.target},
            {u"source_schema_version"_s, r.sourceVersion},
            {u"tables"_s, tables},
            {u"rows"_s, r.rows()},
            {u"skipped"_s, QJsonArray::fromStringList(r.skipped)},
            {u"milliseconds"_s, r.milliseconds},
            {u"schema"_s, DoctorCommand::reportJson(r.schema)},
            {u"counter_mismatches"_s, QJsonArray::fromStringList(r.counterMismatches)},
            {u"source_counter_mismatches"_s, QJsonArray::fromStringList(r.sourceCounterMismatches)},
            {u"ok"_s, r.ok()}});
    } else {
        TextTable table({{tr("Table")}, {tr("Rows"), TextTable::Align::Right}});
        for (const TableCopy &t : r.tables) {
            table.addRow({t.table, Format::number(t.targetRows)});
        }
        context.out() << tr("Moved %1 into %2: %3 rows in %4 ms, in one transaction.")
                             .arg(r.source, r.target, Format::number(r.rows()))
                             .arg(r.milliseconds)
                      << u'\n' << table.render() << DoctorCommand::reportText(r.schema);
        if (r.schema.ok()) {
            context.out()
                << (r.counterMismatches.isEmpty()
                        ? tr("Every campaign's counters equal a recount of its rows.")
                        : tr("Counters differ from a recount in: %1").arg(r.counterMismatches.join(u", "_s)))
                << u'\n';
        }
        if (!r.sourceCounterMismatches.isEmpty()) {
            context.out()
                << tr("These differed in %1 already; herald-cli repair on the new database corrects "
                      "them: %2")
                       .arg(r.source, r.sourceCounterMismatches.join(u", "_s))
                << u'\n';
        }
        context.out() << tr("%1 was left as it was. Point consoles and workers at the new database "
                            "(--db or HERALD_DB), and stop using the file.")
                             .arg(r.source)
                      << u'\n';
    }
    if (!r.ok()) {
        throw CliError(ExitCode::Unexpected, tr("The copy in %1 did not pass its check.").arg(r.target));
    }
    return ExitCode::Success;
}

} // namespace herald::cli
