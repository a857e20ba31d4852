#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

class AppSettings;
class ApiSettings;

// Every setting stored with the database (app_settings) that Herald itself reads: its key, what
// it means, its default and what values it takes. The console's Settings dialog and
// `herald-cli config` both check through here, so a console and the command line on one
// database always agree. Credentials are never among them (AppSettings refuses them).
class SettingKeys
{
    Q_DECLARE_TR_FUNCTIONS(SettingKeys)

public:
    // The Graph API connection.
    static inline const QString ApiBase = QStringLiteral("api.base");
    static inline const QString ApiVersion = QStringLiteral("api.version");
    static inline const QString PhoneNumberId = QStringLiteral("api.phone_number_id");
    static inline const QString WabaId = QStringLiteral("api.waba_id");
    static inline const QString RequestTimeoutMs = QStringLiteral("api.request_timeout_ms");
    static inline const QString CaFile = QStringLiteral("api.ca_file");
    // Sending.
    static inline const QString RateCeiling = QStringLiteral("api.rate_ceiling"); // msg/s of the number
    static inline const QString Concurrency = QStringLiteral("api.concurrency");  // 0: automatic
    static inline const QString RetryNoResponse = QStringLiteral("send.retry_no_response");
    // Contact import.
    static inline const QString ImportRegion = QStringLiteral("import.region");
    // Personal data: days after a campaign finished that its recipient details are kept; 0: forever.
    static inline const QString RetentionDays = QStringLiteral("privacy.retention_days");
    // Delivery tracking: replies that put their sender on the opt-out list (comma-separated,
    // compared with the whole reply, any case).
    static inline const QString OptOutKeywords = QStringLiteral("webhooks.opt_out_keywords");

    struct Spec
    {
        QString key;
        QString defaultValue; // empty: none
        const char *meaning;  // untranslated; QT_TRANSLATE_NOOP("SettingKeys", …)
        QString meaningText() const;
    };
    static const QList<Spec> &all();
    static QStringList keys();
    static const Spec *find(const QString &key);

    // Empty when `value` may be stored under `key`, else why not in words. Unknown keys in
    // Herald's own namespaces (api., send., import., privacy., webhooks.) are refused, so a typo is never
    // silently ignored; other keys are left to their users.
    static QString check(const QString &key, const QString &value);

    // Typed reads with the defaults applied (a stored value that fails check() reads as the
    // default, and `problem` says so).
    static double rateCeiling(const AppSettings &settings, QString *problem = nullptr);
    static int concurrency(const AppSettings &settings, QString *problem = nullptr);
    static bool retryNoResponse(const AppSettings &settings);
    static int retentionDays(const AppSettings &settings, QString *problem = nullptr);
    static QStringList optOutKeywords(const AppSettings &settings, QString *problem = nullptr);

    // The API connection as stored (base, version, ids, timeout, CA file); the access token is
    // not a setting and is left empty.
    static ApiSettings apiSettings(const AppSettings &settings, QString *problem = nullptr);
};

} // namespace herald
