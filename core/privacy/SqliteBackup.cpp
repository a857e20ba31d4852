#include "privacy/SqliteBackup.h"

#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "queue/Counters.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <cstdio>

#ifdef HERALD_SQLITE_BACKUP
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString shellQuote(const QString &s)
{
    QString quoted = s;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString pgUrl(const DatabaseConfig &config)
{
    QString url = config.displayName();
    const QStringList options = config.connectOptions().split(u';', Qt::SkipEmptyParts);
    if (!options.isEmpty()) {
        url += u'?' + options.join(u'&');
    }
    return url;
}

DatabaseConfig sqliteFile(const QString &path)
{
    DatabaseConfig config;
    QString error;
    if (!DatabaseConfig::parse(path, &config, &error) || config.dialect() != Dialect::Sqlite) {
        throw DbError(DbError::Kind::Refused, error.isEmpty() ? path : error);
    }
    return config;
}

#ifdef HERALD_SQLITE_BACKUP
// Copies every page of `from` to `to` through the online backup API. One step of -1 pages
// copies the whole database from one read snapshot (WAL readers do not block writers, and a
// writer that commits meanwhile does not restart it, as it would between smaller steps).
void onlineBackup(const QString &from, const QString &to, qint64 *pages)
{
    sqlite3 *src = nullptr;
    sqlite3 *dst = nullptr;
    auto closeBoth = [&] {
        sqlite3_close_v2(dst);
        sqlite3_close_v2(src);
    };
    auto fail = [&](const QString &what, sqlite3 *db) {
        const QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory");
        closeBoth();
        throw DbError(DbError::Kind::Unavailable, what + u": "_s + detail);
    };
    // Read-write without create: a WAL database is read through its -shm file, which a
    // read-only connection may be unable to map; nothing is written to it.
    if (sqlite3_open_v2(QFile::encodeName(from).constData(), &src, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
        fail(SqliteBackup::tr("Cannot open %1").arg(from), src);
    }
    sqlite3_busy_timeout(src, 10000);
    if (sqlite3_open_v2(QFile::encodeName(to).constData(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        fail(SqliteBackup::tr("Cannot create %1").arg(to), dst);
    }
    sqlite3_backup *backup = sqlite3_backup_init(dst, "main", src, "main");
    if (!backup) {
        fail(SqliteBackup::tr("Cannot start the backup"), dst);
    }
    int rc = SQLITE_OK;
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_DONE || rc == SQLITE_OK) {
            if (rc == SQLITE_DONE) {
                break;
            }
            continue;
        }
        // A writer holding an exclusive lock (a checkpoint truncating the WAL): wait a little.
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited.elapsed() < 60000) {
            sqlite3_sleep(50);
            continue;
        }
        break;
    }
    *pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        const QString detail = QString::fromUtf8(sqlite3_errstr(rc));
        closeBoth();
        throw DbError(DbError::Kind::Unavailable, SqliteBackup::tr("The backup failed: %1").arg(detail));
    }
    if (sqlite3_errcode(dst) != SQLITE_OK && sqlite3_errcode(dst) != SQLITE_DONE) {
        fail(SqliteBackup::tr("Cannot write %1").arg(to), dst);
    }
    closeBoth();
}
#else
// Without libsqlite3 to call: VACUUM INTO through Qt's driver, also one consistent snapshot.
void onlineBackup(const QString &from, const QString &to, qint64 *pages)
{
    Database db(sqliteFile(from), u"backup"_s);
    db.run(u"VACUUM INTO ?"_s, {to});
    *pages = db.scalar(u"PRAGMA page_count"_s).toLongLong();
}
#endif

} // namespace

BackupResult SqliteBackup::copy(const DatabaseConfig &source, const QString &target, bool overwrite)
{
    if (source.dialect() != Dialect::Sqlite) {
        throw DbError(DbError::Kind::Refused, tr("The database is PostgreSQL: back it up with pg_dump:\n%1")
                                                  .arg(pgDumpCommand(source, target)));
    }
    if (target.trimmed().isEmpty()) {
        throw DbError(DbError::Kind::Refused, tr("No file to write the backup to."));
    }
    const QFileInfo from(source.sqlitePath());
    const QFileInfo to(target);
    if (!from.exists()) {
        throw DbError(DbError::Kind::Unavailable,
                      tr("There is no database at %1.").arg(from.absoluteFilePath()));
    }
    if (to.exists() && from.canonicalFilePath() == to.canonicalFilePath()) {
        throw DbError(DbError::Kind::Refused,
                      tr("%1 is the database itself; choose another file.").arg(target));
    }
    if (to.exists() && !overwrite) {
        throw DbError(DbError::Kind::Refused,
                      tr("%1 exists already; choose another name, or --force to replace it.").arg(target));
    }
    if (to.exists() && to.isDir()) {
        throw DbError(DbError::Kind::Refused, tr("%1 is a folder; give a file name.").arg(target));
    }
    if (!to.absoluteDir().exists()) {
        throw DbError(DbError::Kind::Unavailable, tr("The folder %1 does not exist.").arg(to.absolutePath()));
    }

    BackupResult result;
    result.path = to.absoluteFilePath();
    QElapsedTimer timer;
    timer.start();
    const QString part =
        to.absoluteFilePath() + u".part-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    auto removePart = [&] {
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
            QFile::remove(part + suffix);
        }
    };
    try {
        onlineBackup(from.absoluteFilePath(), part, &result.pages);
    } catch (...) {
        removePart();
        throw;
    }
    // rename() replaces an existing target in one step: readers see the old copy or the new one.
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(result.path).constData()) != 0) {
        removePart();
        throw DbError(DbError::Kind::Unavailable, tr("Cannot write %1.").arg(result.path));
    }
    removePart();
    result.milliseconds = timer.elapsed();
    result.bytes = QFileInfo(result.path).size();
    check(result.path, &result);
    return result;
}

void SqliteBackup::check(const QString &path, BackupResult *result)
{
    Database copy(sqliteFile(path), u"backup-check"_s);
    QStringList problems;
    QSqlQuery q = copy.run(u"PRAGMA integrity_check"_s);
    while (q.next()) {
        problems << q.value(0).toString();
    }
    q.finish();
    result->integrity = problems.join(u"; "_s);
    result->schema = SchemaDoctor(copy).check();
    if (!result->schema.ok()) {
        return; // counting needs the tables the doctor found missing
    }
    const QHash<QString, CounterValues> recount = Counters::recountAll(copy);
    QSqlQuery c =
        copy.run(u"SELECT id, name, total_contacts, total_sent, total_failed, total_delivered, total_read, "
                 "total_failed_after_send FROM campaigns ORDER BY name"_s);
    while (c.next()) {
        const CounterValues counted = recount.value(c.value(0).toString());
        if (counted.contacts != c.value(2).toLongLong() || counted.sent != c.value(3).toLongLong() ||
            counted.failed != c.value(4).toLongLong() || counted.delivered != c.value(5).toLongLong() ||
            counted.read != c.value(6).toLongLong() || counted.failedAfterSend != c.value(7).toLongLong()) {
            result->counterMismatches << c.value(1).toString();
        }
    }
}

QString SqliteBackup::pgDumpCommand(const DatabaseConfig &config, const QString &file)
{
    return u"pg_dump --format=custom --no-owner --file=%1 %2"_s.arg(shellQuote(file),
                                                                    shellQuote(pgUrl(config)));
}

QString SqliteBackup::pgRestoreCommand(const DatabaseConfig &config, const QString &file)
{
    return u"pg_restore --no-owner --dbname=%1 %2"_s.arg(shellQuote(pgUrl(config)), shellQuote(file));
}

} // namespace herald
