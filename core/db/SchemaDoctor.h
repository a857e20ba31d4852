#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

class Database;

// One thing the schema lacks or has wrong.
struct SchemaProblem
{
    enum class Kind { Version, Table, Column, Index, Trigger, Function, Privilege };
    Kind kind;
    QString object;  // e.g. "send_queue.wamid", "send_queue_campaign_status_idx"
    QString message; // a sentence a user can act on
};

struct SchemaReport
{
    int version = 0;
    int expectedVersion = 0;
    QList<SchemaProblem> problems;

    bool ok() const { return problems.isEmpty(); }
    QStringList lines() const;
};

// Knows every table, column, index, trigger and function each dialect needs, and reports
// precisely what is missing or of the wrong version. The seed's failure was two missing
// functions that nobody noticed; Herald refuses to send on a database the doctor rejects.
class SchemaDoctor
{
public:
    explicit SchemaDoctor(Database &db);
    SchemaReport check() const;

    static QString kindName(SchemaProblem::Kind kind);

private:
    void checkTables(SchemaReport &report) const;
    void checkIndexes(SchemaReport &report) const;
    void checkTriggers(SchemaReport &report) const;
    void checkFunctions(SchemaReport &report) const;
    QStringList columnsOf(const QString &table) const;
    struct PresentIndex
    {
        QString name;
        QStringList columns;
        bool unique = false;
    };
    QList<PresentIndex> indexesOf(const QString &table) const;

    Database &m_db;
};

} // namespace herald
