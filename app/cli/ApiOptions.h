#pragma once

#include "cloudapi/ApiSettings.h"
#include "settings/SettingKeys.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace herald::cli {

class CliContext;

// The connection options of every command that talks to the Graph API, and where their
// values come from: the command line first, then what `config set` stored in app_settings,
// then the defaults. The access token comes from HERALD_ACCESS_TOKEN, else from the operating
// system's keychain (`token set` stores it there); never from the command line, where it would
// end up in shell histories and process lists, nor from the database, where anyone who can
// read the database could read it.
class ApiOptions
{
    Q_DECLARE_TR_FUNCTIONS(ApiOptions)

public:
    static constexpr auto TokenVariable = "HERALD_ACCESS_TOKEN";

    // The app_settings keys of the connection (SettingKeys holds them all).
    static QString baseKey() { return SettingKeys::ApiBase; }
    static QString versionKey() { return SettingKeys::ApiVersion; }
    static QString phoneNumberIdKey() { return SettingKeys::PhoneNumberId; }
    static QString wabaIdKey() { return SettingKeys::WabaId; }
    static QString timeoutKey() { return SettingKeys::RequestTimeoutMs; }
    static QString caFileKey() { return SettingKeys::CaFile; }
    static QStringList settingKeys();

    // SettingKeys::check: empty when `value` is acceptable for `key`, else why not.
    static QString checkSetting(const QString &key, const QString &value);

    ApiOptions();
    void addTo(QCommandLineParser &parser) const;

    // Resolves the settings for this run. Throws CliError (usage) for a value that cannot be
    // used, and when requireToken is set and no access token can be had.
    ApiSettings resolve(CliContext &context, bool requireToken) const;

    // HERALD_ACCESS_TOKEN; when it is unset, the keychain, asked only when this session has a
    // way to reach one and given a few seconds at most. Throws CliError (usage) saying where a
    // token may come from when there is none.
    static QString accessToken();

private:
    QCommandLineOption m_base;
    QCommandLineOption m_version;
    QCommandLineOption m_phoneNumberId;
    QCommandLineOption m_wabaId;
    QCommandLineOption m_timeout;
    QCommandLineOption m_caFile;
};

} // namespace herald::cli
