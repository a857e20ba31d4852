#pragma once

#include "db/SchemaDoctor.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace herald {

class DatabaseConfig;

// What a backup copied and what the check of the copy found.
struct BackupResult
{
    QString path; // the copy, absolute
    qint64 bytes = 0;
    qint64 pages = 0;
    qint64 milliseconds = 0;
    QString integrity;             // "ok", or what PRAGMA integrity_check reported
    SchemaReport schema;           // the schema doctor on the copy
    QStringList counterMismatches; // campaigns of the copy whose counters differ from a recount
    bool ok() const
    {
        return integrity == QLatin1StringView("ok") && schema.ok() && counterMismatches.isEmpty();
    }
};

// A consistent copy of a SQLite database while senders and consoles keep writing to it:
// SQLite's online backup API on a connection of its own copies every page in one step, which
// in WAL mode reads one snapshot without stopping the writers. The copy is written next to
// the target under a temporary name and renamed when complete, so a failed backup never leaves
// a half-written file under the target's name; an existing file is replaced only when asked.
// The copy is then opened and checked: PRAGMA integrity_check, the schema doctor, and every
// campaign's counters against a recount of its rows.
//
// PostgreSQL has its own tool for this (pg_dump takes one consistent snapshot);
// pgDumpCommand() writes the command.
class SqliteBackup
{
    Q_DECLARE_TR_FUNCTIONS(SqliteBackup)

public:
    // Throws DbError: Refused when `target` exists and !overwrite or is the database itself,
    // Unavailable when the source cannot be read or the target written.
    static BackupResult copy(const DatabaseConfig &source, const QString &target, bool overwrite);

    // The checks copy() makes, on any SQLite file.
    static void check(const QString &path, BackupResult *result);

    // pg_dump (custom format, restorable with pg_restore) of the configured database to `file`;
    // the password is left to PGPASSWORD or ~/.pgpass.
    static QString pgDumpCommand(const DatabaseConfig &config, const QString &file);
    static QString pgRestoreCommand(const DatabaseConfig &config, const QString &file);
};

} // namespace herald
