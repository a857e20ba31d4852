#include "ExitCodes.h"

#include "db/DbError.h"

using namespace Qt::StringLiterals;

namespace herald::cli {

QList<ExitCode> ExitCodes::all()
{
    return {ExitCode::Success, ExitCode::Unexpected, ExitCode::Usage,     ExitCode::DatabaseUnavailable,
            ExitCode::Schema,  ExitCode::NotFound,   ExitCode::Refused,   ExitCode::BadInput,
            ExitCode::Paused,  ExitCode::Stopped,    ExitCode::Cancelled, ExitCode::SenderStopped};
}

QString ExitCodes::meaning(ExitCode code)
{
    switch (code) {
    case ExitCode::Success:
        return tr("success");
    case ExitCode::Unexpected:
        return tr("unexpected error");
    case ExitCode::Usage:
        return tr("usage error: unknown command or option, missing or malformed value");
    case ExitCode::DatabaseUnavailable:
        return tr("the database cannot be reached or opened");
    case ExitCode::Schema:
        return tr("schema problem: missing objects, not initialised, or newer than this program");
    case ExitCode::NotFound:
        return tr("not found: no campaign with that name");
    case ExitCode::Refused:
        return tr("refused: illegal status change, nothing to resend, name already taken");
    case ExitCode::BadInput:
        return tr("bad file: an input that is not CSV, unreadable or has no phone column (nothing imported), "
                  "or an output that cannot be written");
    case ExitCode::Paused:
        return tr("sending paused (Ctrl+C, error threshold, or template paused by Meta); resume to go on");
    case ExitCode::Stopped:
        return tr("the campaign was stopped: every further message would fail the same way");
    case ExitCode::Cancelled:
        return tr("the campaign was cancelled while sending");
    case ExitCode::SenderStopped:
        return tr("sending stopped: the access token, account or connection is unusable");
    }
    return {};
}

QString ExitCodes::helpText()
{
    QString text = tr("Exit codes:") + u'\n';
    for (ExitCode code : all()) {
        text += u"  %1  %2\n"_s.arg(toInt(code)).arg(meaning(code));
    }
    return text;
}

ExitCode ExitCodes::forDbError(const DbError &error, DbStage stage)
{
    switch (error.kind()) {
    case DbError::Kind::Unavailable:
        return ExitCode::DatabaseUnavailable;
    case DbError::Kind::Schema:
        return ExitCode::Schema;
    case DbError::Kind::NotFound:
        return ExitCode::NotFound;
    case DbError::Kind::Refused:
        return ExitCode::Refused;
    case DbError::Kind::Other:
        break;
    }
    // An unclassified failure: opening means the database is unusable, migrating means
    // the schema is, anything else is unexpected.
    switch (stage) {
    case DbStage::Open:
        return ExitCode::DatabaseUnavailable;
    case DbStage::Migrate:
        return ExitCode::Schema;
    case DbStage::Command:
        return ExitCode::Unexpected;
    }
    return ExitCode::Unexpected;
}

} // namespace herald::cli
