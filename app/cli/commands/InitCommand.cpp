#include "commands/InitCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "commands/DoctorCommand.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"

#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

QString InitCommand::name() const
{
    return u"init"_s;
}

QString InitCommand::summary() const
{
    return tr("Creates the database schema or upgrades it to this version (safe to repeat).");
}

void InitCommand::addOptions(QCommandLineParser &) {}

ExitCode InitCommand::run(CliContext &context)
{
    Database &db = context.db();
    Migrator migrator(db);
    const int latest = migrator.latestVersion();
    const int before = migrator.currentVersion();
    if (before > latest) {
        // Migrator would refuse too; saying it here gives the schema exit code, not "unexpected".
        throw CliError(ExitCode::Schema,
                       tr("the database %1 has schema version %2, newer than this program "
                          "understands (up to %3): install a newer Herald; nothing was changed")
                           .arg(context.config().displayName())
                           .arg(before)
                           .arg(latest));
    }
    int applied = 0;
    try {
        applied = migrator.migrate();
    } catch (const DbError &e) {
        throw CliError(ExitCodes::forDbError(e, DbStage::Migrate), e.message());
    }
    const SchemaReport report = SchemaDoctor(db).check();

    if (context.json()) {
        QJsonObject json = DoctorCommand::reportJson(report);
        json.insert(u"database"_s, context.config().displayName());
        json.insert(u"backend"_s, db.isPostgres() ? u"postgresql"_s : u"sqlite"_s);
        json.insert(u"previous_version"_s, before);
        json.insert(u"applied"_s, applied);
        context.printJson(json);
    } else {
        QTextStream &out = context.out();
        out << tr("Database: %1").arg(context.config().displayName()) << u'\n';
        if (applied > 0) {
            out << tr("Schema version %1 (%n migration(s) applied).", nullptr, applied).arg(report.version)
                << u'\n';
        } else {
            out << tr("Schema version %1, already up to date.").arg(report.version) << u'\n';
        }
    }
    if (!report.ok()) {
        throw CliError(ExitCode::Schema,
                       tr("the schema is at version %1 but still has problems that init does not repair:")
                           .arg(report.version),
                       report.lines());
    }
    return ExitCode::Success;
}

} // namespace herald::cli
