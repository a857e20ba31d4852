#pragma once

#include "cloudapi/ApiSettings.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace herald::cli {

class CliContext;

// The connection options of every command that talks to the Graph API, and where their
// values come from: the command line first, then what `config set` stored in app_settings,
// then the defaults. The access token is read only from HERALD_ACCESS_TOKEN: a token given on
// the command line would end up in shell histories and process lists, and one stored in the
// database could be read by anyone who can read the database.
class ApiOptions
{
    Q_DECLARE_TR_FUNCTIONS(ApiOptions)

public:
    static constexpr auto TokenVariable = "HERALD_ACCESS_TOKEN";

    // The app_settings keys of the connection.
    static QString baseKey() { return QStringLiteral("api.base"); }
    static QString versionKey() { return QStringLiteral("api.version"); }
    static QString phoneNumberIdKey() { return QStringLiteral("api.phone_number_id"); }
    static QString wabaIdKey() { return QStringLiteral("api.waba_id"); }
    static QString timeoutKey() { return QStringLiteral("api.request_timeout_ms"); }
    static QString caFileKey() { return QStringLiteral("api.ca_file"); }
    static QStringList settingKeys();

    // Empty when `value` is acceptable for `key` (a known api.* key, or any other key), else
    // why not. Unknown api.* keys are refused: a typo would otherwise be silently ignored.
    static QString checkSetting(const QString &key, const QString &value);

    ApiOptions();
    void addTo(QCommandLineParser &parser) const;

    // Resolves the settings for this run. Throws CliError (usage) for a value that cannot be
    // used, and when requireToken is set and HERALD_ACCESS_TOKEN is empty.
    ApiSettings resolve(CliContext &context, bool requireToken) const;

private:
    QCommandLineOption m_base;
    QCommandLineOption m_version;
    QCommandLineOption m_phoneNumberId;
    QCommandLineOption m_wabaId;
    QCommandLineOption m_timeout;
    QCommandLineOption m_caFile;
};

} // namespace herald::cli
