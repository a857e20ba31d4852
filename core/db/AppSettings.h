#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>

#include <optional>

namespace herald {

class Database;

// Key/value settings stored with the database (`app_settings`), shared by every console and
// worker that uses it: the API connection (api.base, api.version, api.phone_number_id,
// api.waba_id, api.request_timeout_ms) and whatever later features need.
//
// Credentials never go here: anyone who can read the database file or connect to the
// PostgreSQL server could read them. Keys that name a token, secret or password are refused;
// tokens come from the environment or the operating system's keychain.
class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)

public:
    explicit AppSettings(Database &db);

    std::optional<QString> value(const QString &key) const;
    QString value(const QString &key, const QString &fallback) const;
    // Throws DbError (Refused) for a key that is empty or names a credential.
    void set(const QString &key, const QString &value);
    // True when the key was set.
    bool remove(const QString &key);
    QMap<QString, QString> all() const;

    // Empty when the key may be stored, else why not.
    static QString checkKey(const QString &key);

private:
    Database &m_db;
};

} // namespace herald
