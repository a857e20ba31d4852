#include "commands/DoctorCommand.h"

#include "CliContext.h"
#include "db/Database.h"
#include "db/SchemaDoctor.h"

#include <QJsonArray>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
// Stable, untranslated kind names for JSON consumers (SchemaDoctor::kindName is translated).
QString kindKey(SchemaProblem::Kind kind)
{
    switch (kind) {
    case SchemaProblem::Kind::Version:
        return u"version"_s;
    case SchemaProblem::Kind::Table:
        return u"table"_s;
    case SchemaProblem::Kind::Column:
        return u"column"_s;
    case SchemaProblem::Kind::Index:
        return u"index"_s;
    case SchemaProblem::Kind::Trigger:
        return u"trigger"_s;
    case SchemaProblem::Kind::Function:
        return u"function"_s;
    case SchemaProblem::Kind::Privilege:
        return u"privilege"_s;
    }
    return {};
}
} // namespace

QString DoctorCommand::name() const
{
    return u"doctor"_s;
}

QString DoctorCommand::summary() const
{
    return tr("Checks the database schema and lists anything missing (exit code 4 if so).");
}

void DoctorCommand::addOptions(QCommandLineParser &) {}

QJsonObject DoctorCommand::reportJson(const SchemaReport &report)
{
    QJsonArray problems;
    for (const SchemaProblem &p : report.problems) {
        problems.append(
            QJsonObject{{u"kind"_s, kindKey(p.kind)}, {u"object"_s, p.object}, {u"message"_s, p.message}});
    }
    return QJsonObject{{u"ok"_s, report.ok()},
                       {u"version"_s, report.version},
                       {u"expected_version"_s, report.expectedVersion},
                       {u"problems"_s, problems}};
}

QString DoctorCommand::reportText(const SchemaReport &report)
{
    QString text;
    for (const QString &line : report.lines()) {
        text += line + u'\n';
    }
    if (report.ok()) {
        text += tr("schema OK (version %1)").arg(report.version) + u'\n';
    } else {
        text += tr("%n schema problem(s) found (database version %1, this program expects %2)", nullptr,
                   int(report.problems.size()))
                    .arg(report.version)
                    .arg(report.expectedVersion) +
                u'\n';
    }
    return text;
}

ExitCode DoctorCommand::run(CliContext &context)
{
    const SchemaReport report = SchemaDoctor(context.db()).check();
    if (context.json()) {
        QJsonObject json = reportJson(report);
        json.insert(u"database"_s, context.config().displayName());
        context.printJson(json);
    } else {
        context.out() << tr("Database: %1").arg(context.config().displayName()) << u'\n'
                      << reportText(report);
    }
    return report.ok() ? ExitCode::Success : ExitCode::Schema;
}

} // namespace herald::cli
