#pragma once

#include "db/Dialect.h"

#include <QString>
#include <QUrlQuery>

namespace herald {

// Where Herald's data lives, parsed from one string: a file path (or nothing, meaning the
// embedded default) selects SQLite; a postgresql://user:pass@host:port/db URL selects
// PostgreSQL. The password is kept for connecting but never shown (see displayName()).
class DatabaseConfig
{
public:
    // Parses a --db value or HERALD_DB. Returns false and sets *error on a malformed spec.
    static bool parse(const QString &spec, DatabaseConfig *out, QString *error);

    // --db wins over HERALD_DB, which wins over the default embedded database.
    static bool resolve(const QString &commandLineValue, DatabaseConfig *out, QString *error);

    // <generic data folder>/Herald/herald.db: ~/.local/share/Herald/herald.db on Linux,
    // ~/Library/Application Support/Herald/herald.db on macOS, %LOCALAPPDATA%\\Herald\\herald.db
    // on Windows.
    static QString defaultSqlitePath();

    Dialect dialect() const { return m_dialect; }
    const QString &sqlitePath() const { return m_sqlitePath; }
    const QString &host() const { return m_host; }
    int port() const { return m_port; }
    const QString &user() const { return m_user; }
    const QString &password() const { return m_password; }
    const QString &databaseName() const { return m_database; }
    // libpq connection options from the URL query (sslmode, connect_timeout, …), as
    // "key=value;key=value" for QSqlDatabase::setConnectOptions.
    QString connectOptions() const;
    // What Herald connects with: connectOptions() plus its defaults for every option the URL
    // leaves out — a connect timeout, its application name, and TCP keepalives with a
    // tcp_user_timeout, so that a server that vanished without a reset (host gone, cable out)
    // fails a statement within about a minute instead of the kernel's two hours.
    QString libpqOptions() const;

    // Safe to show and log: the SQLite path, or the URL with the password removed.
    QString displayName() const;
    // Identifies the database for naming connections; contains no secret.
    QString key() const { return displayName(); }

private:
    Dialect m_dialect = Dialect::Sqlite;
    QString m_sqlitePath;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QUrlQuery m_options;
};

} // namespace herald
