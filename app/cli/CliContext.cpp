#include "CliContext.h"

#include "CliError.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

CliContext::CliContext(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{}

CliContext::~CliContext() = default;

const QCommandLineParser &CliContext::args() const
{
    Q_ASSERT(m_args);
    return *m_args;
}

Database &CliContext::db()
{
    if (!m_db) {
        // A command that declared Needs::Nothing asked for the database: a programming error.
        throw CliError(ExitCode::Unexpected, tr("internal error: this command has no database connection"));
    }
    return *m_db;
}

void CliContext::setDatabase(std::unique_ptr<Database> db)
{
    m_db = std::move(db);
}

const Clock &CliContext::clock() const
{
    return Clock::system();
}

QString CliContext::requiredValue(const QCommandLineOption &option) const
{
    const QString value = args().value(option).trimmed();
    if (value.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("missing required option --%1").arg(option.names().constLast()));
    }
    return value;
}

Campaign CliContext::campaignNamed(const QString &name)
{
    if (auto campaign = CampaignStore(db(), clock()).findByName(name)) {
        return *campaign;
    }
    throw CliError(ExitCode::NotFound, tr("there is no campaign named \"%1\"").arg(name));
}

void CliContext::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << u'\n';
}

} // namespace herald::cli
