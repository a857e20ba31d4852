#pragma once

#include "import/AddedRows.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace herald {

class Clock;
class Database;
class Transaction;

// The database side of a contact import: one transaction that it owns from begin() to
// finish(), so that a file of millions of rows lands completely or not at all. It inserts
// like QueueEngine::enqueue (ON CONFLICT DO NOTHING, never a phone in opt_outs) and changes
// the counters once, through Counters::apply, just before the commit.
class ImportWriter
{
    Q_DECLARE_TR_FUNCTIONS(ImportWriter)

public:
    // UTF-8, as the validation threads prepared it: the writer's thread only binds. The text
    // must stay valid until write() returns.
    struct Row
    {
        QByteArrayView phone;      // E.164
        QByteArrayView name;       // empty: NULL
        QByteArrayView paramsJson; // compact JSON object text
        qint64 line = 0;
        QByteArrayView region; // ISO 3166 alpha-2, upper-case; empty: none
    };
    // How rows reach SQLite. Auto: through SQLite's C API where that is sound (SqliteStatement),
    // else through Qt SQL; QtSql: always through Qt SQL. PostgreSQL always goes through Qt SQL.
    enum class SqliteApi { Auto, QtSql };
    // A row that was not inserted: already in the campaign, or opted out.
    using SkippedFn = std::function<void(qint64 line, bool optedOut)>;

    ImportWriter(Database &db, const Clock &clock, const QString &campaignId,
                 SqliteApi sqliteApi = SqliteApi::Auto);
    ~ImportWriter();
    ImportWriter(const ImportWriter &) = delete;
    ImportWriter &operator=(const ImportWriter &) = delete;

    // Opens the transaction and checks that the campaign takes contacts (throws DbError
    // NotFound or Refused).
    void begin();
    // Inserts the rows; reports every row not inserted through `skipped`, in row order.
    void write(const QList<Row> &rows, const SkippedFn &skipped);
    // Applies the counters and commits; with commit false rolls back (dry run).
    void finish(bool commit);
    // Rolls back (also done by the destructor).
    void abort();

    qint64 inserted() const { return m_inserted; }
    // After a committed finish(): the ids this import's rows took.
    const AddedRows &added() const { return m_added; }
    // After begin(): whether rows go through SQLite's C API.
    bool directSqlite() const;

private:
    void writeSqliteDirect(const QList<Row> &rows, const SkippedFn &skipped);
    void writeSqlite(const QList<Row> &rows, const SkippedFn &skipped);
    void insertOneSqlite(const Row &row, const SkippedFn &skipped);
    void writePostgres(const QList<Row> &rows, const SkippedFn &skipped);

    Database &m_db;
    const Clock &m_clock;
    QString m_campaignId;
    SqliteApi m_sqliteApi;
    std::unique_ptr<Transaction> m_tx;
    struct Statements;
    std::unique_ptr<Statements> m_st;
    qint64 m_inserted = 0;
    AddedRows m_added;
    std::optional<qint64> m_oldCacheSize; // SQLite: restored when the import ends
};

} // namespace herald
