#include "db/DatabaseConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DatabaseConfig", text);
}

bool isPostgresScheme(const QString &spec)
{
    return spec.startsWith("postgresql://"_L1, Qt::CaseInsensitive) ||
           spec.startsWith("postgres://"_L1, Qt::CaseInsensitive);
}
} // namespace

QString DatabaseConfig::defaultSqlitePath()
{
    // One folder for every Herald program: the console and herald-cli must find the same
    // database, so the path does not depend on the executable's name.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty()) {
        dir = QDir::homePath();
    }
    return QDir(dir).filePath(u"Herald/herald.db"_s);
}

bool DatabaseConfig::parse(const QString &rawSpec, DatabaseConfig *out, QString *error)
{
    const QString spec = rawSpec.trimmed();
    DatabaseConfig cfg;
    if (spec.isEmpty()) {
        cfg.m_sqlitePath = defaultSqlitePath();
        *out = cfg;
        return true;
    }
    if (!isPostgresScheme(spec)) {
        if (spec.contains("://"_L1)) {
            *error = tr("Unsupported database address \"%1\": use a file path for SQLite or "
                        "postgresql://user:password@host:port/database for PostgreSQL.")
                         .arg(spec.section("://"_L1, 0, 0) + "://…"_L1);
            return false;
        }
        cfg.m_sqlitePath = spec.startsWith("sqlite:"_L1) ? spec.mid(7) : spec;
        *out = cfg;
        return true;
    }

    const QUrl url(spec, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *error = tr("Malformed PostgreSQL URL: expected postgresql://user:password@host:port/database.");
        return false;
    }
    cfg.m_dialect = Dialect::Postgres;
    cfg.m_host = url.host();
    cfg.m_port = url.port(5432);
    cfg.m_user = url.userName(QUrl::FullyDecoded);
    cfg.m_password = url.password(QUrl::FullyDecoded);
    cfg.m_database = url.path(QUrl::FullyDecoded).mid(1);
    cfg.m_options = QUrlQuery(url);
    if (cfg.m_database.isEmpty()) {
        *error = tr("The PostgreSQL URL names no database: add /database after host:port.");
        return false;
    }
    if (cfg.m_user.isEmpty()) {
        *error = tr("The PostgreSQL URL names no user: write postgresql://user:password@host:port/database.");
        return false;
    }
    // libpq options reach the driver as one "key='value' …" string, and Qt's driver turns every
    // ';' into a space: a key that is not a plain word, or a ';' in a value, could add an option
    // the URL does not show (application_name=x%20sslmode%3Ddisable).
    static const QRegularExpression optionName(u"^[a-z_]+$"_s);
    const auto items = cfg.m_options.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!optionName.match(key).hasMatch()) {
            *error = tr("The PostgreSQL URL has an option that is not a libpq option name: \"%1\".").arg(key);
            return false;
        }
        if (value.contains(u';')) {
            *error = tr("The PostgreSQL URL option %1 cannot contain \";\".").arg(key);
            return false;
        }
    }
    *out = cfg;
    return true;
}

bool DatabaseConfig::resolve(const QString &commandLineValue, DatabaseConfig *out, QString *error)
{
    if (!commandLineValue.isEmpty()) {
        return parse(commandLineValue, out, error);
    }
    return parse(qEnvironmentVariable("HERALD_DB"), out, error);
}

QString DatabaseConfig::connectOptions() const
{
    QStringList parts;
    const auto items = m_options.queryItems(QUrl::FullyDecoded);
    for (const auto &[k, v] : items) {
        QString quoted = v;
        quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
        parts << k + u"='"_s + quoted + u'\'';
    }
    return parts.join(u';');
}

QString DatabaseConfig::libpqOptions() const
{
    // Idle: the first probe after 30 s, then every 10 s, dead after 3 unanswered. Busy: data
    // unacknowledged for 30 s ends the connection (the server's own work, however long, keeps
    // its socket answering).
    static const QList<QPair<QString, QString>> defaults{
        {u"connect_timeout"_s, u"10"_s},     {u"application_name"_s, u"herald"_s},
        {u"keepalives"_s, u"1"_s},           {u"keepalives_idle"_s, u"30"_s},
        {u"keepalives_interval"_s, u"10"_s}, {u"keepalives_count"_s, u"3"_s},
        {u"tcp_user_timeout"_s, u"30000"_s},
    };
    QString options = connectOptions();
    for (const auto &[key, value] : defaults) {
        if (!m_options.hasQueryItem(key)) {
            options += (options.isEmpty() ? QString() : u";"_s) + key + u"='"_s + value + u'\'';
        }
    }
    return options;
}

QString DatabaseConfig::displayName() const
{
    if (m_dialect == Dialect::Sqlite) {
        return QDir::toNativeSeparators(m_sqlitePath);
    }
    return u"postgresql://%1@%2:%3/%4"_s.arg(m_user, m_host).arg(m_port).arg(m_database);
}

} // namespace herald
