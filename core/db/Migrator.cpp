#include "db/Migrator.h"

#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Migrator", text);
}

QString dialectFolder(const Database &db)
{
    return db.isPostgres() ? u"postgresql"_s : u"sqlite"_s;
}

bool startsTrigger(const QString &statementSoFar)
{
    static const QRegularExpression re(u"^\\s*CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(statementSoFar).hasMatch();
}

// Whether a CREATE TRIGGER statement read so far is inside its BEGIN … END body, where a
// semicolon does not end the statement. SQLite bodies hold several statements and may hold
// CASE … END expressions; a PostgreSQL trigger has no body (EXECUTE FUNCTION f()) and ends at
// its first semicolon. Quoted text is left out of the count.
bool insideTriggerBody(const QString &statementSoFar)
{
    static const QRegularExpression quoted(u"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\""_s);
    static const QRegularExpression keyword(u"\\b(BEGIN|CASE|END)\\b"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    QString code = statementSoFar;
    code.replace(quoted, u" "_s);
    int begins = 0;
    int depth = 0;
    auto it = keyword.globalMatch(code);
    while (it.hasNext()) {
        const QString word = it.next().captured(1);
        if (word.compare("END"_L1, Qt::CaseInsensitive) == 0) {
            --depth;
        } else {
            ++depth;
            begins += word.compare("BEGIN"_L1, Qt::CaseInsensitive) == 0 ? 1 : 0;
        }
    }
    return begins > 0 && depth > 0;
}
} // namespace

Migrator::Migrator(Database &db)
    : m_db(db)
{}

QList<Migrator::Migration> Migrator::available() const
{
    const QString folder = ":/herald/migrations/"_L1 + dialectFolder(m_db);
    const QStringList files = QDir(folder).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    QList<Migration> list;
    for (const QString &file : files) {
        Migration m;
        m.version = file.section(u'_', 0, 0).toInt();
        m.name = file.section(u'_', 1).chopped(4);
        m.resourcePath = folder + u'/' + file;
        list << m;
    }
    return list;
}

int Migrator::latestVersion() const
{
    const auto list = available();
    return list.isEmpty() ? 0 : list.constLast().version;
}

int Migrator::currentVersion() const
{
    const QStringList tables = m_db.handle().tables();
    if (!tables.contains("herald_schema"_L1)) {
        return 0;
    }
    return readVersion();
}

int Migrator::readVersion() const
{
    return m_db.scalar(u"SELECT COALESCE(MAX(version), 0) FROM herald_schema"_s).toInt();
}

void Migrator::ensureVersionTable()
{
    const QString timeType = m_db.isPostgres() ? u"timestamptz"_s : u"TEXT"_s;
    m_db.execDirect(
        u"CREATE TABLE IF NOT EXISTS herald_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at %1 NOT NULL)"_s.arg(timeType));
}

int Migrator::migrate()
{
    const QList<Migration> migrations = available();
    const int latest = latestVersion();
    refuseIfNewer(currentVersion(), latest);
    int applied = 0;
    bool haveVersionTable = false;
    for (const Migration &m : migrations) {
        Transaction tx(m_db);
        if (m_db.isPostgres()) {
            // Two programs starting at once must not both apply a migration.
            m_db.run(u"SELECT pg_advisory_xact_lock(7216011)"_s);
        }
        // Created once, under the lock: PostgreSQL would answer every CREATE … IF NOT EXISTS of
        // an existing table with a notice, which libpq prints on the user's terminal.
        if (!haveVersionTable && !m_db.handle().tables().contains("herald_schema"_L1)) {
            ensureVersionTable();
        }
        haveVersionTable = true;
        const int current = readVersion();
        refuseIfNewer(current, latest);
        if (m.version <= current) {
            continue;
        }
        QFile file(m.resourcePath);
        if (!file.open(QIODevice::ReadOnly)) {
            throw DbError(DbError::Kind::Schema,
                          tr("Migration %1 is missing from this build").arg(m.resourcePath));
        }
        const QStringList statements = splitStatements(QString::fromUtf8(file.readAll()));
        for (const QString &sql : statements) {
            QSqlQuery q(m_db.handle());
            if (!q.exec(sql)) {
                throw DbError(DbError::Kind::Schema,
                              tr("Migration %1 (%2) failed: %3\nStatement: %4")
                                  .arg(m.version)
                                  .arg(m.name, q.lastError().text(), sql.simplified().left(160)));
            }
        }
        m_db.run(u"INSERT INTO herald_schema (version, name, applied_at) VALUES (?, ?, ?)"_s,
                 {m.version, m.name, m_db.timeValue(QDateTime::currentDateTimeUtc())});
        tx.commit();
        ++applied;
    }
    return applied;
}

void Migrator::refuseIfNewer(int current, int latest) const
{
    if (current > latest) {
        throw DbError(DbError::Kind::Schema,
                      tr("The database %1 has schema version %2, newer than this Herald understands "
                         "(up to %3). Install a newer Herald; nothing was changed.")
                          .arg(m_db.config().displayName())
                          .arg(current)
                          .arg(latest));
    }
}

QStringList Migrator::splitStatements(const QString &script)
{
    QStringList out;
    QString current;
    const qsizetype n = script.size();
    qsizetype i = 0;
    auto flush = [&] {
        const QString s = current.trimmed();
        if (!s.isEmpty()) {
            out << s;
        }
        current.clear();
    };
    while (i < n) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') {
            const qsizetype end = script.indexOf(u'\n', i);
            i = end < 0 ? n : end + 1;
            current += u'\n';
            continue;
        }
        if (c == u'/' && next == u'*') {
            const qsizetype end = script.indexOf("*/"_L1, i + 2);
            i = end < 0 ? n : end + 2;
            current += u' ';
            continue;
        }
        if (c == u'\'' || c == u'"') {
            qsizetype j = i + 1;
            while (j < n) {
                if (script.at(j) == c) {
                    if (j + 1 < n && script.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            current += QStringView(script).mid(i, j - i + 1);
            i = j + 1;
            continue;
        }
        if (c == u'$') {
            // Dollar quoting: $tag$ … $tag$
            qsizetype j = i + 1;
            while (j < n && (script.at(j).isLetterOrNumber() || script.at(j) == u'_')) {
                ++j;
            }
            if (j < n && script.at(j) == u'$') {
                const QString tag = script.mid(i, j - i + 1);
                const qsizetype end = script.indexOf(tag, j + 1);
                const qsizetype stop = end < 0 ? n : end + tag.size();
                current += QStringView(script).mid(i, stop - i);
                i = stop;
                continue;
            }
        }
        if (c == u';') {
            if (startsTrigger(current) && insideTriggerBody(current)) {
                current += c;
                ++i;
                continue;
            }
            flush();
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    flush();
    return out;
}

} // namespace herald
