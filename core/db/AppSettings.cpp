#include "db/AppSettings.h"

#include "db/Database.h"
#include "db/DbError.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

AppSettings::AppSettings(Database &db)
    : m_db(db)
{}

QString AppSettings::checkKey(const QString &key)
{
    const QString k = key.trimmed();
    if (k.isEmpty()) {
        return tr("A setting needs a name.");
    }
    if (k != key) {
        return tr("A setting name must not begin or end with spaces.");
    }
    for (const auto word : {"token"_L1, "secret"_L1, "password"_L1}) {
        if (k.contains(word, Qt::CaseInsensitive)) {
            return tr("\"%1\" looks like a credential, and credentials are never stored in the database "
                      "(anyone who can read it could use them). Give the access token in the environment "
                      "variable HERALD_ACCESS_TOKEN or the operating system's keychain.")
                .arg(k);
        }
    }
    return {};
}

std::optional<QString> AppSettings::value(const QString &key) const
{
    QSqlQuery q = m_db.run(u"SELECT value FROM app_settings WHERE key = ?"_s, {key});
    if (q.next()) {
        return q.value(0).toString();
    }
    return std::nullopt;
}

QString AppSettings::value(const QString &key, const QString &fallback) const
{
    return value(key).value_or(fallback);
}

void AppSettings::set(const QString &key, const QString &value)
{
    if (const QString problem = checkKey(key); !problem.isEmpty()) {
        throw DbError(DbError::Kind::Refused, problem);
    }
    m_db.run(u"INSERT INTO app_settings (key, value) VALUES (?, ?) "
             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
             {key, value});
}

bool AppSettings::remove(const QString &key)
{
    QSqlQuery q = m_db.run(u"DELETE FROM app_settings WHERE key = ?"_s, {key});
    return q.numRowsAffected() > 0;
}

QMap<QString, QString> AppSettings::all() const
{
    QMap<QString, QString> out;
    QSqlQuery q = m_db.run(u"SELECT key, value FROM app_settings ORDER BY key"_s);
    while (q.next()) {
        out.insert(q.value(0).toString(), q.value(1).toString());
    }
    return out;
}

} // namespace herald
