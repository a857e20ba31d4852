#include "db/MoveToPostgres.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"
#include "privacy/SqliteBackup.h"
#include "queue/Counters.h"
#include "sender/SenderPresence.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// PostgreSQL's limit is 65,535 bound values per statement; a batch stays well below it.
constexpr int kValuesPerStatement = 30'000;
constexpr int kMaxRowsPerBatch = 1'000;

struct Column
{
    QString name;
    QString type; // format_type(): "bigint", "timestamp with time zone", "jsonb", …
};

struct Table
{
    QString name;
    QList<Column> columns; // in the target's order
    QStringList identity;  // identity columns: their sequences move past the copied ids
    QSet<QString> dependsOn;
};

QString quoted(const QString &identifier)
{
    QString s = identifier;
    s.replace(u'"', u"\"\""_s);
    return u'"' + s + u'"';
}

// The target's tables, their columns and types, identity columns and foreign keys.
QMap<QString, Table> targetTables(Database &pg)
{
    QMap<QString, Table> tables;
    QSqlQuery q =
        pg.run(u"SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity <> '' "
               "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = "
               "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 "
               "AND NOT a.attisdropped ORDER BY c.relname, a.attnum"_s);
    while (q.next()) {
        Table &t = tables[q.value(0).toString()];
        t.name = q.value(0).toString();
        t.columns.append({q.value(1).toString(), q.value(2).toString()});
        if (q.value(3).toBool()) {
            t.identity << q.value(1).toString();
        }
    }
    q.finish();
    QSqlQuery fk = pg.run(
        u"SELECT cl.relname, ref.relname FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
        "JOIN pg_class ref ON ref.oid = co.confrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
        "WHERE co.contype = 'f' AND n.nspname = current_schema()"_s);
    while (fk.next()) {
        const QString from = fk.value(0).toString();
        const QString to = fk.value(1).toString();
        if (from != to && tables.contains(from)) {
            tables[from].dependsOn.insert(to);
        }
    }
    return tables;
}

// Referenced tables before the tables that reference them; ties by name, so the order is stable.
QStringList copyOrder(const QMap<QString, Table> &tables, const QStringList &skipped)
{
    QStringList order;
    QSet<QString> placed;
    QStringList remaining;
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
        if (!skipped.contains(it.key())) {
            remaining << it.key();
        }
    }
    while (!remaining.isEmpty()) {
        bool progress = false;
        for (auto it = remaining.begin(); it != remaining.end();) {
            bool ready = true;
            for (const QString &dep : tables.value(*it).dependsOn) {
                ready = ready && (placed.contains(dep) || skipped.contains(dep) || !tables.contains(dep));
            }
            if (ready) {
                order << *it;
                placed.insert(*it);
                it = remaining.erase(it);
                progress = true;
            } else {
                ++it;
            }
        }
        if (!progress) {
            throw DbError(MoveToPostgres::tr("The tables %1 refer to each other in a circle: no order copies "
                                             "them.")
                              .arg(remaining.join(u", "_s)));
        }
    }
    return order;
}

QStringList sqliteColumns(Database &db, const QString &table)
{
    QStringList out;
    QSqlQuery q = db.run(u"SELECT name FROM pragma_table_info(?)"_s, {table});
    while (q.next()) {
        out << q.value(0).toString();
    }
    return out;
}

// A SQLite value as PostgreSQL's text input for `type`; null stays null.
QVariant asText(const QVariant &v, const QString &type)
{
    if (v.isNull()) {
        return Database::nullString();
    }
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        if (type == "bytea"_L1) {
            return QString(u"\\x"_s + QString::fromLatin1(v.toByteArray().toHex()));
        }
        return QString::fromUtf8(v.toByteArray());
    case QMetaType::Double:
        return QString::number(v.toDouble(), 'g', 17);
    default:
        return v.toString();
    }
}

qint64 countRows(Database &db, const QString &table)
{
    return db.scalar(u"SELECT count(*) FROM "_s + quoted(table)).toLongLong();
}

void copyTable(Database &from, Database &to, const Table &table, const QStringList &columns, TableCopy *copy)
{
    if (columns.isEmpty()) {
        return;
    }
    QHash<QString, QString> types;
    for (const Column &c : table.columns) {
        types.insert(c.name, c.type);
    }
    QStringList names;
    QString rowPlaceholders;
    for (const QString &c : columns) {
        names << quoted(c);
        rowPlaceholders +=
            (rowPlaceholders.isEmpty() ? u"(CAST(? AS "_s : u", CAST(? AS "_s) + types.value(c) + u')';
    }
    rowPlaceholders += u')';
    const int perBatch = std::clamp(kValuesPerStatement / int(columns.size()), 1, kMaxRowsPerBatch);
    const QString insertHead =
        u"INSERT INTO "_s + quoted(table.name) + u" ("_s + names.join(u", "_s) + u") VALUES "_s;
    const auto statementFor = [&](int rows) {
        QString sql = insertHead;
        for (int i = 0; i < rows; ++i) {
            sql += (i == 0 ? QString() : u", "_s) + rowPlaceholders;
        }
        return sql;
    };
    QSqlQuery full = to.prepare(statementFor(perBatch));

    // Forward only: otherwise Qt keeps every row read so far, the whole table in memory.
    QSqlQuery read(from.handle());
    read.setForwardOnly(true);
    if (!read.prepare(u"SELECT "_s + names.join(u", "_s) + u" FROM "_s + quoted(table.name) +
                      u" ORDER BY rowid"_s)) {
        throw DbError(MoveToPostgres::tr("Table %1 of the snapshot cannot be read: %2")
                          .arg(table.name, read.lastError().text()));
    }
    Database::exec(read);
    QVariantList values;
    int rows = 0;
    QString firstRow;
    const auto flush = [&] {
        if (rows == 0) {
            return;
        }
        try {
            if (rows == perBatch) {
                Database::exec(full, values);
            } else {
                to.run(statementFor(rows), values);
            }
        } catch (const DbError &e) {
            throw DbError(e.kind(),
                          MoveToPostgres::tr("Copying table %1 failed in the %2 rows from %3 on: %4")
                              .arg(table.name)
                              .arg(rows)
                              .arg(firstRow, e.message()),
                          e.cause());
        }
        copy->sourceRows += rows;
        values.clear();
        rows = 0;
    };
    while (read.next()) {
        if (rows == 0) {
            firstRow = u"%1 = %2"_s.arg(columns.first(), read.value(0).toString());
        }
        for (int i = 0; i < columns.size(); ++i) {
            values << asText(read.value(i), types.value(columns.at(i)));
        }
        if (++rows == perBatch) {
            flush();
        }
    }
    flush();
    for (const QString &column : table.identity) {
        if (columns.contains(column)) {
            // setval() is strict: an empty table (max is NULL) leaves the sequence alone. Like every
            // sequence change it outlives a rollback; a failed move only leaves ids unused.
            to.run(u"SELECT setval(pg_get_serial_sequence(?, ?), (SELECT max("_s + quoted(column) +
                       u") FROM "_s + quoted(table.name) + u"))"_s,
                   {quoted(table.name), column});
        }
    }
}

QStringList mismatches(Database &db)
{
    QStringList out;
    const QHash<QString, CounterValues> recount = Counters::recountAll(db);
    QSqlQuery q =
        db.run(u"SELECT id, name, total_contacts, total_sent, total_failed, total_delivered, total_read, "
               "total_failed_after_send FROM campaigns ORDER BY id"_s);
    while (q.next()) {
        CounterValues stored;
        stored.contacts = q.value(2).toLongLong();
        stored.sent = q.value(3).toLongLong();
        stored.failed = q.value(4).toLongLong();
        stored.delivered = q.value(5).toLongLong();
        stored.read = q.value(6).toLongLong();
        stored.failedAfterSend = q.value(7).toLongLong();
        CounterValues counted = recount.value(q.value(0).toString());
        counted.pending = 0;
        if (!(stored == counted)) {
            out << q.value(1).toString();
        }
    }
    return out;
}

} // namespace

qint64 MoveResult::rows() const
{
    qint64 n = 0;
    for (const TableCopy &t : tables) {
        n += t.targetRows;
    }
    return n;
}

QStringList MoveToPostgres::skippedTables()
{
    return {u"herald_schema"_s, u"senders"_s, u"campaign_holds"_s, u"number_pacing"_s};
}

MoveResult MoveToPostgres::move(const DatabaseConfig &source, const DatabaseConfig &target)
{
    if (target.dialect() != Dialect::Postgres) {
        throw DbError(DbError::Kind::Refused,
                      tr("The target must be a PostgreSQL database (postgresql://…), not %1.")
                          .arg(target.displayName()));
    }
    if (source.dialect() != Dialect::Sqlite) {
        throw DbError(DbError::Kind::Refused,
                      tr("The source must be a SQLite file, not %1.").arg(source.displayName()));
    }
    if (!QFileInfo(source.sqlitePath()).isFile()) {
        throw DbError(DbError::Kind::Refused,
                      tr("There is no SQLite database at %1.").arg(source.sqlitePath()));
    }
    QElapsedTimer timer;
    timer.start();
    MoveResult result;
    result.source = QFileInfo(source.sqlitePath()).absoluteFilePath();
    result.target = target.displayName();
    result.skipped = skippedTables();

    // A snapshot of the source, brought to this program's schema: the file itself is only read.
    QTemporaryDir work;
    if (!work.isValid()) {
        throw DbError(
            DbError::Kind::Unavailable,
            tr("No temporary folder for the snapshot of %1: %2").arg(result.source, work.errorString()));
    }
    const QString snapshotPath = work.filePath(u"snapshot.db"_s);
    SqliteBackup::copy(source, snapshotPath, false);
    DatabaseConfig snapshotConfig;
    QString why;
    if (!DatabaseConfig::parse(snapshotPath, &snapshotConfig, &why)) {
        throw DbError(DbError::Kind::Unavailable, why);
    }
    Database snapshot(snapshotConfig, u"move-source"_s);
    {
        Migrator migrator(snapshot);
        result.sourceVersion = migrator.currentVersion();
        migrator.migrate();
    }
    for (const SenderInfo &s : SenderPresence(snapshot, Clock::system()).senders()) {
        if (s.live) {
            throw DbError(DbError::Kind::Refused,
                          tr("%1 is sending from %2: stop it first, or it would go on writing to the file "
                             "after the copy.")
                              .arg(s.describe(Clock::system().now()), result.source));
        }
    }
    result.sourceCounterMismatches = mismatches(snapshot);

    Database pg(target, u"move-target"_s);
    // Refused before anything is written, the schema included: a team's database in use must
    // not be upgraded by a move that then refuses it. (Checked again, locked, below.)
    const auto occupiedTables = [&](const QStringList &names) {
        QStringList occupied;
        for (const QString &name : names) {
            if (!pg.scalar(u"SELECT to_regclass(?) IS NOT NULL"_s, {quoted(name)}).toBool()) {
                continue;
            }
            if (const qint64 n = countRows(pg, name); n > 0) {
                occupied << u"%1 (%2 rows)"_s.arg(name).arg(n);
            }
        }
        if (!occupied.isEmpty()) {
            throw DbError(DbError::Kind::Refused, tr("%1 is not empty: %2. Move into a new, empty database.")
                                                      .arg(result.target, occupied.join(u", "_s)));
        }
    };
    {
        QStringList sourceTables;
        QSqlQuery q = snapshot.run(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                   u"'sqlite_%' ORDER BY name"_s);
        while (q.next()) {
            if (!result.skipped.contains(q.value(0).toString())) {
                sourceTables << q.value(0).toString();
            }
        }
        occupiedTables(sourceTables);
    }
    Migrator(pg).migrate();
    const QMap<QString, Table> tables = targetTables(pg);
    const QStringList order = copyOrder(tables, result.skipped);
    {
        // Every table of the source must have a place in the target: nothing is left behind.
        QSqlQuery q = snapshot.run(
            u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"_s);
        while (q.next()) {
            const QString name = q.value(0).toString();
            if (!tables.contains(name) && !result.skipped.contains(name)) {
                throw DbError(DbError::Kind::Schema,
                              tr("Table %1 of %2 has no place in PostgreSQL's schema: nothing was moved.")
                                  .arg(name, result.source));
            }
        }
    }
    {
        Transaction tx(pg);
        // Nobody else writes to the copied tables until this commits (readers may read).
        QStringList quotedNames;
        for (const QString &name : order) {
            quotedNames << quoted(name);
        }
        pg.execDirect(u"LOCK TABLE "_s + quotedNames.join(u", "_s) + u" IN EXCLUSIVE MODE"_s);
        occupiedTables(order);
        for (const QString &name : order) {
            const Table &table = tables[name];
            const QStringList have = sqliteColumns(snapshot, name);
            QStringList targetNames;
            for (const Column &c : table.columns) {
                targetNames << c.name;
            }
            QStringList columns;
            for (const QString &c : have) {
                if (!targetNames.contains(c)) {
                    throw DbError(DbError::Kind::Schema,
                                  tr("Column %1 of table %2 has no place in PostgreSQL's schema: nothing was "
                                     "moved.")
                                      .arg(c, name));
                }
                columns << c;
            }
            TableCopy copy;
            copy.table = name;
            if (!have.isEmpty()) {
                copyTable(snapshot, pg, table, columns, &copy);
            }
            copy.targetRows = countRows(pg, name);
            if (const qint64 inSource = countRows(snapshot, name); copy.sourceRows != inSource) {
                throw DbError(tr("Table %1: %2 rows in %3 but %4 read; nothing was moved.")
                                  .arg(name)
                                  .arg(inSource)
                                  .arg(result.source)
                                  .arg(copy.sourceRows));
            }
            if (copy.targetRows != copy.sourceRows) {
                throw DbError(tr("Table %1: %2 rows read but %3 in PostgreSQL; nothing was moved.")
                                  .arg(name)
                                  .arg(copy.sourceRows)
                                  .arg(copy.targetRows));
            }
            result.tables << copy;
        }
        tx.commit();
    }
    result.schema = SchemaDoctor(pg).check();
    if (result.schema.ok()) {
        result.counterMismatches = mismatches(pg);
    }
    result.milliseconds = timer.elapsed();
    return result;
}

} // namespace herald
