#pragma once

#include "db/SchemaDoctor.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

class DatabaseConfig;

// What one table's copy moved.
struct TableCopy
{
    QString table;
    qint64 sourceRows = 0;
    qint64 targetRows = 0; // counted in the target's transaction, before it commits
};

struct MoveResult
{
    QString source; // the SQLite file
    QString target; // the PostgreSQL database, as displayName() shows it (no password)
    QList<TableCopy> tables;
    QStringList skipped; // tables that describe the source machine's processes, not data
    qint64 milliseconds = 0;
    int sourceVersion = 0; // the source's schema version (its snapshot was brought up to date)
    SchemaReport schema;   // the schema doctor on the target, after the copy
    // Campaigns of the target whose counters differ from a recount of their rows; also those of
    // the source (its snapshot), so that a difference carried over is told apart from one made.
    QStringList counterMismatches;
    QStringList sourceCounterMismatches;

    qint64 rows() const;
    bool ok() const { return schema.ok() && counterMismatches == sourceCounterMismatches; }
};

// Moves a desktop's SQLite database into an empty PostgreSQL database, for a team.
//
// The source is never written: a consistent snapshot of it is taken with SQLite's online backup
// (SqliteBackup, so consoles may keep it open) into a temporary folder, and the snapshot is
// brought to this program's schema version. The target is migrated to the same version and must
// hold no rows in any table copied. Then, in one PostgreSQL transaction, every table is copied
// in foreign-key order — every column the two schemas share, ids included, values cast to the
// target column's type — identity sequences are moved past the copied ids, and each table's row
// count is compared with the snapshot's before the commit (a difference rolls the rows back;
// sequences never roll back, so a failed move leaves only unused ids behind). The target is
// checked for rows before its schema is touched, and its copied tables are locked meanwhile.
// After the commit the schema doctor and a recount of every campaign run on the target.
//
// Not copied: senders and campaign_holds (the processes on the source machine, which do not
// move) and herald_schema (the target keeps its own migration history). A live sender on the
// source refuses the move: it would go on writing to the file after the copy.
class MoveToPostgres
{
    Q_DECLARE_TR_FUNCTIONS(MoveToPostgres)

public:
    // Throws DbError: Refused (target not PostgreSQL, source missing or not SQLite, target not
    // empty, a live sender on the source), Unavailable (either side cannot be opened), or the
    // error of the statement that failed, naming the table and the first row of its batch.
    static MoveResult move(const DatabaseConfig &source, const DatabaseConfig &target);

    // The tables move() copies and skips, in the order it copies them (for the docs and tests).
    static QStringList skippedTables();
};

} // namespace herald
