#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

class Database;

// Brings a database's schema to the version this program knows. Migrations are SQL files
// per dialect, embedded as resources (:/herald/migrations/<dialect>/NNN_name.sql); each one
// is applied in its own transaction together with its row in herald_schema, so a failed
// migration leaves the previous version intact. A database newer than the program is
// refused rather than written to.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString resourcePath;
    };

    explicit Migrator(Database &db);

    // The migrations this program carries for the connection's dialect, in order.
    QList<Migration> available() const;
    int latestVersion() const;
    // 0 for an empty database.
    int currentVersion() const;
    // Applies every pending migration; returns how many were applied. Throws DbError when
    // the database is newer than the program or a migration fails (naming it).
    int migrate();

    // Splits a script into statements at top-level semicolons, keeping quoted text,
    // comments, $$-quoted bodies and CREATE TRIGGER … END blocks whole.
    static QStringList splitStatements(const QString &script);

private:
    void ensureVersionTable();
    int readVersion() const;
    void refuseIfNewer(int current, int latest) const;

    Database &m_db;
};

} // namespace herald
