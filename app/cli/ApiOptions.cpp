#include "ApiOptions.h"

#include "CliContext.h"
#include "CliError.h"
#include "SystemKeychain.h"
#include "db/AppSettings.h"
#include "settings/SettingKeys.h"

#include <QCommandLineParser>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::cli {

QStringList ApiOptions::settingKeys()
{
    return SettingKeys::keys();
}

QString ApiOptions::checkSetting(const QString &key, const QString &value)
{
    return SettingKeys::check(key, value);
}

ApiOptions::ApiOptions()
    : m_base(u"api-base"_s,
             tr("The Graph API base URL (default: config api.base, else %1).")
                 .arg(ApiSettings::defaultBaseUrl()),
             tr("url"))
    , m_version(u"api-version"_s,
                tr("The Graph API version (default: config api.version, else %1).")
                    .arg(ApiSettings::defaultApiVersion()),
                tr("version"))
    , m_phoneNumberId(u"phone-number-id"_s,
                      tr("The WhatsApp Business phone number ID (default: config api.phone_number_id)."),
                      tr("id"))
    , m_wabaId(u"waba-id"_s, tr("The WhatsApp Business Account ID (default: config api.waba_id)."), tr("id"))
    , m_timeout(u"request-timeout"_s,
                tr("Milliseconds to wait for each API request (default: config api.request_timeout_ms, "
                   "else %1). The access token comes from HERALD_ACCESS_TOKEN, else from the keychain "
                   "('token set'); never from the command line.")
                    .arg(ApiSettings::DefaultRequestTimeout.count()),
                tr("ms"))
    , m_caFile(u"ca-file"_s,
               tr("A certificate authority to trust beside the system's, PEM or DER (default: config "
                  "api.ca_file): a TLS-inspecting proxy's. Certificate errors are never ignored."),
               tr("file"))
{}

void ApiOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOption(m_base);
    parser.addOption(m_version);
    parser.addOption(m_phoneNumberId);
    parser.addOption(m_wabaId);
    parser.addOption(m_timeout);
    parser.addOption(m_caFile);
}

ApiSettings ApiOptions::resolve(CliContext &context, bool requireToken) const
{
    const AppSettings stored(context.db());
    const QCommandLineParser &args = context.args();
    // The command line wins over stored settings; both are checked by the same rules.
    auto pick = [&](const QCommandLineOption &option, const QString &key) -> QString {
        if (args.isSet(option)) {
            const QString value = args.value(option).trimmed();
            if (const QString problem = checkSetting(key, value); !problem.isEmpty()) {
                throw CliError(ExitCode::Usage, tr("--%1: %2").arg(option.names().constFirst(), problem));
            }
            return value;
        }
        const QString value = stored.value(key, QString()).trimmed();
        if (!value.isEmpty()) {
            if (const QString problem = checkSetting(key, value); !problem.isEmpty()) {
                throw CliError(
                    ExitCode::Usage,
                    tr("the stored setting %1: %2 Change it with 'config set %1 VALUE'.").arg(key, problem));
            }
        }
        return value;
    };

    ApiSettings settings;
    if (const QString base = pick(m_base, baseKey()); !base.isEmpty()) {
        settings.setBaseUrl(base);
    }
    if (const QString version = pick(m_version, versionKey()); !version.isEmpty()) {
        settings.setApiVersion(version);
    }
    settings.setPhoneNumberId(pick(m_phoneNumberId, phoneNumberIdKey()));
    settings.setWabaId(pick(m_wabaId, wabaIdKey()));
    if (const QString timeout = pick(m_timeout, timeoutKey()); !timeout.isEmpty()) {
        settings.setRequestTimeout(std::chrono::milliseconds(timeout.toLongLong()));
    }
    settings.setCaFile(pick(m_caFile, caFileKey()));

    if (requireToken) {
        settings.setAccessToken(accessToken());
    } else {
        settings.setAccessToken(qEnvironmentVariable(TokenVariable).trimmed());
    }
    return settings;
}

QString ApiOptions::accessToken()
{
    if (const QString token = qEnvironmentVariable(TokenVariable).trimmed(); !token.isEmpty()) {
        return token;
    }
    // Only a session with a bus can have a keychain; asking without one would wait for
    // nothing on a server. The timeout bounds a keychain that waits for a prompt nobody sees.
    const QString unreachable = SystemKeychain::whyUnreachable();
    if (!unreachable.isEmpty()) {
        throw CliError(ExitCode::Usage,
                       tr("no access token: set the environment variable %1 (it is never read from the "
                          "command line or stored in a file). %2")
                           .arg(QLatin1StringView(TokenVariable), unreachable));
    }
    const KeychainResult stored = SystemKeychain::readNow(SystemKeychain::AccessTokenKey);
    if (stored.ok() && !stored.secret.trimmed().isEmpty()) {
        return stored.secret.trimmed();
    }
    if (stored.notFound() || stored.ok()) {
        throw CliError(ExitCode::Usage,
                       tr("no access token: set the environment variable %1, or store the token in the "
                          "keychain with 'herald-cli token set' (it is never read from the command line "
                          "or stored in a file)")
                           .arg(QLatin1StringView(TokenVariable)));
    }
    throw CliError(ExitCode::Usage,
                   tr("no access token: %1 is not set and the keychain could not be read. %2")
                       .arg(QLatin1StringView(TokenVariable), stored.problem));
}

} // namespace herald::cli
