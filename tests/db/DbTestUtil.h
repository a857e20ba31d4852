#pragma once

#include "TestDatabase.h"
#include "db/Database.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace herald::test {

// The tables of the connection's schema, sorted (SQLite's internal tables excluded).
inline QStringList userTables(const Database &db)
{
    QSqlQuery q = db.isPostgres()
                      ? db.run(QStringLiteral("SELECT table_name FROM information_schema.tables "
                                              "WHERE table_schema = current_schema() ORDER BY 1"))
                      : db.run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite_%' ORDER BY 1"));
    QStringList out;
    while (q.next()) {
        out << q.value(0).toString();
    }
    return out;
}

// Everything a migration can create or change, as text: tables with their columns, indexes,
// triggers, functions with their bodies and grants, and the rows of herald_schema. Two equal
// snapshots mean the schema was not touched.
inline QString schemaSnapshot(const Database &db)
{
    QStringList parts;
    auto collect = [&](const QString &sql) {
        QSqlQuery q = db.run(sql);
        const int columns = q.record().count();
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < columns; ++i) {
                row << q.value(i).toString();
            }
            parts << row.join(QLatin1Char('|'));
        }
    };
    if (db.isPostgres()) {
        collect(
            QStringLiteral("SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), "
                           "       a.attnotnull "
                           "  FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid "
                           "       AND a.attnum > 0 AND NOT a.attisdropped "
                           " WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1, 3"));
        collect(QStringLiteral("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                               " WHERE indrelid IN (SELECT oid FROM pg_class "
                               "                    WHERE relnamespace = current_schema()::regnamespace) "
                               " ORDER BY 1"));
        collect(QStringLiteral("SELECT tgname, tgenabled, pg_get_triggerdef(oid) FROM pg_trigger "
                               " WHERE NOT tgisinternal ORDER BY 1"));
        collect(QStringLiteral("SELECT p.proname, pg_get_function_identity_arguments(p.oid), p.prosrc, "
                               "       COALESCE(p.proacl::text, '') FROM pg_proc p "
                               " WHERE p.pronamespace = current_schema()::regnamespace ORDER BY 1, 2"));
    } else {
        collect(QStringLiteral("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master "
                               "ORDER BY type, name"));
    }
    if (userTables(db).contains(QStringLiteral("herald_schema"))) {
        collect(QStringLiteral("SELECT version, name, applied_at FROM herald_schema ORDER BY version"));
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace herald::test

// Like HERALD_TEST_DB, but the database is left empty (no migration has run).
#define HERALD_TEST_EMPTY_DB(var)                                                                            \
    QFETCH_GLOBAL(QString, backend);                                                                         \
    QString var##_skip;                                                                                      \
    std::unique_ptr<herald::test::TestDatabase> var;                                                         \
    try {                                                                                                    \
        var = herald::test::TestDatabase::create(backend, &var##_skip, /*migrate=*/false);                   \
    } catch (const herald::DbError &e) {                                                                     \
        QFAIL(qPrintable(QStringLiteral("test database could not be set up: ") + e.message()));              \
    }                                                                                                        \
    if (!var) {                                                                                              \
        QSKIP(qPrintable(var##_skip));                                                                       \
    }
