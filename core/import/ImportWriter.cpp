#include "import/ImportWriter.h"

#include "cloudapi/JsonWriter.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/SqliteStatement.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
// Never a null QString: that would bind NULL, and the column is NOT NULL DEFAULT ''.
QString regionText(QByteArrayView region)
{
    return region.isEmpty() ? u""_s : QString::fromLatin1(region);
}

// Rows per statement on PostgreSQL: one JSON document per round trip, as QueueEngine does.
constexpr qsizetype kPgChunk = 2000;
} // namespace

// Rows per statement on SQLite. One multi-row INSERT costs far less than as many executions
// of a one-row statement through Qt (each resets, rebinds and steps the statement).
constexpr qsizetype kSqliteBatch = 64;
// Values bound per row on SQLite: phone, name, parameters, line, region.
constexpr qsizetype kRowParams = 5;

struct ImportWriter::Statements
{
#ifdef HERALD_SQLITE_DIRECT
    std::unique_ptr<SqliteStatement> directBatch; // kSqliteBatch rows
    std::unique_ptr<SqliteStatement> directInsert;
    std::unique_ptr<SqliteStatement> directSavepoint;
    std::unique_ptr<SqliteStatement> directRollbackTo;
    std::unique_ptr<SqliteStatement> directRelease;
    QSet<QByteArray> optedOut;
    QByteArray campaignUtf8; // bound once: the statements keep pointers to them
    QByteArray nowUtf8;
#endif
    QSqlQuery insert;
    QSqlQuery batchInsert; // SQLite: kSqliteBatch rows
    QSqlQuery savepoint;
    QSqlQuery rollbackTo;
    QSqlQuery release;
    QSqlQuery optedOutQuery;
    QVariant now;
};

ImportWriter::ImportWriter(Database &db, const Clock &clock, const QString &campaignId, SqliteApi sqliteApi)
    : m_db(db)
    , m_clock(clock)
    , m_campaignId(campaignId)
    , m_sqliteApi(sqliteApi)
{}

ImportWriter::~ImportWriter()
{
    abort();
}

void ImportWriter::begin()
{
    if (!m_db.isPostgres()) {
        // A big import inserts into the (campaign_id, phone) index in random order; with
        // SQLite's default 2 MB page cache the transaction keeps spilling dirty pages to the
        // WAL and reading them back. 64 MB for the duration of the import, then the old value.
        m_oldCacheSize = m_db.scalar(u"PRAGMA cache_size"_s).toLongLong();
        m_db.execDirect(u"PRAGMA cache_size = -65536"_s);
    }
    m_tx = std::make_unique<Transaction>(m_db);
    CampaignStore store(m_db, m_clock);
    store.lockForAdding(m_campaignId);
    const Campaign campaign = store.byId(m_campaignId);
    if (campaign.status == CampaignStatus::Completed || campaign.status == CampaignStatus::Cancelled) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\" is %2: create a new campaign for these contacts.")
                          .arg(campaign.name, CampaignStatusMachine::inSentence(campaign.status)));
    }
    // The primary key's last entry, free on both databases (SQLite only optimizes a bare MAX;
    // NULL, an empty table, reads as 0).
    m_added = {};
    m_added.afterId = m_db.scalar(u"SELECT MAX(id) FROM send_queue"_s).toLongLong();
    m_st = std::make_unique<Statements>();
    m_st->now = m_db.timeValue(m_clock.now());
    if (m_db.isPostgres()) {
        // The rows that were not inserted come back with why, so that the report can name
        // their lines; the statement sees the snapshot before its own insert, hence `ins`.
        m_st->insert = m_db.prepare(
            u"WITH v AS (SELECT * FROM jsonb_to_recordset(CAST(? AS jsonb)) AS x(p text, n text, a jsonb, l "
            u"bigint, r text)), "
            "ins AS (INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, "
            "updated_at, region) "
            "SELECT CAST(? AS uuid), v.p, v.n, COALESCE(v.a, '{}'::jsonb), v.l, 'ready', CAST(? AS "
            "timestamptz), COALESCE(v.r, '') "
            "FROM v WHERE NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p) "
            "ON CONFLICT (campaign_id, phone) DO NOTHING RETURNING phone) "
            "SELECT v.l, EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p) FROM v "
            "WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.phone = v.p) ORDER BY v.l"_s);
    } else if (m_sqliteApi == SqliteApi::Auto && SqliteStatement::available(m_db)) {
#ifdef HERALD_SQLITE_DIRECT
        // The Qt SQL path below without Qt's per-value cost (a QVariant and UTF-16 text per
        // value). Opted-out numbers are looked up in the list read here, which cannot change
        // before the commit (this transaction holds SQLite's write lock), so that the batch is
        // a plain VALUES insert with no subquery per row.
        QByteArray values;
        for (qsizetype i = 0; i < kSqliteBatch; ++i) {
            const qsizetype p = 3 + kRowParams * i;
            values += (i == 0 ? "" : ", ") + QByteArray("(?1, ?") + QByteArray::number(p) + ", ?" +
                      QByteArray::number(p + 1) + ", ?" + QByteArray::number(p + 2) + ", ?" +
                      QByteArray::number(p + 3) + ", 'ready', ?2, ?" + QByteArray::number(p + 4) + ")";
        }
        const QByteArray head =
            "INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, "
            "status, updated_at, region) VALUES ";
        const QByteArray tail = " ON CONFLICT (campaign_id, phone) DO NOTHING";
        m_st->directBatch = std::make_unique<SqliteStatement>(m_db, QByteArray(head + values + tail));
        m_st->directInsert = std::make_unique<SqliteStatement>(
            m_db, QByteArray(head + "(?1, ?3, ?4, ?5, ?6, 'ready', ?2, ?7)" + tail));
        m_st->directSavepoint = std::make_unique<SqliteStatement>(m_db, "SAVEPOINT import_batch");
        m_st->directRollbackTo = std::make_unique<SqliteStatement>(m_db, "ROLLBACK TO import_batch");
        m_st->directRelease = std::make_unique<SqliteStatement>(m_db, "RELEASE import_batch");
        SqliteStatement optOuts(m_db, "SELECT phone FROM opt_outs");
        while (optOuts.step()) {
            m_st->optedOut.insert(optOuts.columnText(0));
        }
        m_st->campaignUtf8 = m_campaignId.toUtf8();
        m_st->nowUtf8 = m_st->now.toString().toUtf8();
#endif
    } else {
        m_st->insert = m_db.prepare(
            u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, "
            u"updated_at, region) "
            "SELECT ?, ?, ?, ?, ?, 'ready', ?, ? WHERE NOT EXISTS (SELECT 1 FROM opt_outs WHERE phone = ?) "
            "ON CONFLICT (campaign_id, phone) DO NOTHING"_s);
        m_st->optedOutQuery = m_db.prepare(u"SELECT 1 FROM opt_outs WHERE phone = ?"_s);
        QString values;
        for (qsizetype i = 0; i < kSqliteBatch; ++i) {
            values += i == 0 ? u"(?, ?, ?, ?, ?)"_s : u", (?, ?, ?, ?, ?)"_s;
        }
        // The WHERE clause also settles SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.
        m_st->batchInsert = m_db.prepare(
            u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, "
            u"status, updated_at, region) "
            "SELECT ?, v.column1, v.column2, v.column3, v.column4, 'ready', ?, v.column5 FROM (VALUES "_s +
            values +
            u") AS v WHERE NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.column1) "
            "ON CONFLICT (campaign_id, phone) DO NOTHING"_s);
        m_st->savepoint = m_db.prepare(u"SAVEPOINT import_batch"_s);
        m_st->rollbackTo = m_db.prepare(u"ROLLBACK TO import_batch"_s);
        m_st->release = m_db.prepare(u"RELEASE import_batch"_s);
    }
}

void ImportWriter::write(const QList<Row> &rows, const SkippedFn &skipped)
{
    Q_ASSERT(m_tx && m_st);
    if (m_db.isPostgres()) {
        writePostgres(rows, skipped);
    } else if (directSqlite()) {
        writeSqliteDirect(rows, skipped);
    } else {
        writeSqlite(rows, skipped);
    }
}

bool ImportWriter::directSqlite() const
{
#ifdef HERALD_SQLITE_DIRECT
    return m_st && m_st->directInsert;
#else
    return false;
#endif
}

#ifdef HERALD_SQLITE_DIRECT
namespace {
void bindRow(SqliteStatement &st, int first, const ImportWriter::Row &r)
{
    st.bindText(first, r.phone);
    if (r.name.isEmpty()) {
        st.bindNull(first + 1);
    } else {
        st.bindText(first + 1, r.name);
    }
    st.bindText(first + 2, r.paramsJson);
    if (r.line > 0) {
        st.bindInt64(first + 3, r.line);
    } else {
        st.bindNull(first + 3);
    }
    st.bindText(first + 4, r.region); // '' when none: the column is NOT NULL
}

void run(SqliteStatement &st)
{
    st.step();
    st.reset();
}
} // namespace
#endif

void ImportWriter::writeSqliteDirect(const QList<Row> &rows, const SkippedFn &skipped)
{
#ifdef HERALD_SQLITE_DIRECT
    // Rows are bound without copies, so every row is written before this call returns (a
    // partial batch row by row) and no binding outlives it.
    for (SqliteStatement *st : {m_st->directBatch.get(), m_st->directInsert.get()}) {
        st->bindText(1, m_st->campaignUtf8);
        st->bindText(2, m_st->nowUtf8);
    }
    std::vector<const Row *> batch;
    batch.reserve(size_t(kSqliteBatch));
    auto insertOne = [&](const Row &r) {
        SqliteStatement &insert = *m_st->directInsert;
        bindRow(insert, 3, r);
        insert.step();
        const bool inserted = insert.changes() == 1;
        insert.reset();
        if (inserted) {
            ++m_inserted;
        } else {
            skipped(r.line, false);
        }
    };
    auto flush = [&] {
        SqliteStatement &insert = *m_st->directBatch;
        for (qsizetype i = 0; i < kSqliteBatch; ++i) {
            bindRow(insert, int(3 + kRowParams * i), *batch[size_t(i)]);
        }
        // Nearly every batch inserts all its rows. One that does not is undone to its
        // savepoint and done again row by row, so that each skipped row is known by line.
        run(*m_st->directSavepoint);
        insert.step();
        const qint64 changed = insert.changes();
        insert.reset();
        if (changed == kSqliteBatch) {
            run(*m_st->directRelease);
            m_inserted += kSqliteBatch;
        } else {
            run(*m_st->directRollbackTo);
            run(*m_st->directRelease);
            for (const Row *r : batch) {
                insertOne(*r);
            }
        }
        batch.clear();
    };
    for (const Row &r : rows) {
        if (!m_st->optedOut.isEmpty() &&
            m_st->optedOut.contains(QByteArray::fromRawData(r.phone.data(), r.phone.size()))) {
            skipped(r.line, true);
            continue;
        }
        batch.push_back(&r);
        if (qsizetype(batch.size()) == kSqliteBatch) {
            flush();
        }
    }
    for (const Row *r : batch) {
        insertOne(*r);
    }
    m_st->directBatch->clearBindings();
    m_st->directInsert->clearBindings();
#else
    Q_UNUSED(rows);
    Q_UNUSED(skipped);
    Q_UNREACHABLE();
#endif
}

void ImportWriter::writeSqlite(const QList<Row> &rows, const SkippedFn &skipped)
{
    qsizetype start = 0;
    QSqlQuery &batch = m_st->batchInsert;
    for (; start + kSqliteBatch <= rows.size(); start += kSqliteBatch) {
        batch.bindValue(0, m_campaignId);
        batch.bindValue(1, m_st->now);
        int at = 2;
        for (qsizetype i = start; i < start + kSqliteBatch; ++i) {
            const Row &r = rows.at(i);
            batch.bindValue(at++, QString::fromLatin1(r.phone));
            batch.bindValue(at++,
                            r.name.isEmpty() ? Database::nullString() : QVariant(QString::fromUtf8(r.name)));
            batch.bindValue(at++, QString::fromUtf8(r.paramsJson));
            batch.bindValue(at++, r.line);
            batch.bindValue(at++, regionText(r.region));
        }
        // Nearly every batch inserts all its rows. One that does not is undone to its
        // savepoint and done again row by row, so that each skipped row is known by line.
        Database::exec(m_st->savepoint);
        Database::exec(batch);
        if (batch.numRowsAffected() == kSqliteBatch) {
            Database::exec(m_st->release);
            m_inserted += kSqliteBatch;
            continue;
        }
        Database::exec(m_st->rollbackTo);
        Database::exec(m_st->release);
        for (qsizetype i = start; i < start + kSqliteBatch; ++i) {
            insertOneSqlite(rows.at(i), skipped);
        }
    }
    for (qsizetype i = start; i < rows.size(); ++i) {
        insertOneSqlite(rows.at(i), skipped);
    }
}

void ImportWriter::insertOneSqlite(const Row &r, const SkippedFn &skipped)
{
    QSqlQuery &insert = m_st->insert;
    // Positional binds on the prepared statement: no per-row QVariantList allocation.
    const QString phone = QString::fromLatin1(r.phone);
    insert.bindValue(0, m_campaignId);
    insert.bindValue(1, phone);
    insert.bindValue(2, r.name.isEmpty() ? Database::nullString() : QVariant(QString::fromUtf8(r.name)));
    insert.bindValue(3, QString::fromUtf8(r.paramsJson));
    insert.bindValue(4, r.line > 0 ? QVariant(r.line) : Database::nullInt());
    insert.bindValue(5, m_st->now);
    insert.bindValue(6, regionText(r.region));
    insert.bindValue(7, phone);
    Database::exec(insert);
    if (insert.numRowsAffected() == 1) {
        ++m_inserted;
        return;
    }
    Database::exec(m_st->optedOutQuery, {phone});
    const bool opted = m_st->optedOutQuery.next();
    m_st->optedOutQuery.finish();
    skipped(r.line, opted);
}

void ImportWriter::writePostgres(const QList<Row> &rows, const SkippedFn &skipped)
{
    for (qsizetype start = 0; start < rows.size(); start += kPgChunk) {
        const qsizetype end = std::min(rows.size(), start + kPgChunk);
        QByteArray doc;
        doc.reserve((end - start) * 96);
        doc += '[';
        for (qsizetype i = start; i < end; ++i) {
            const Row &r = rows.at(i);
            if (i > start) {
                doc += ',';
            }
            // E.164 phones need no escaping; names do, and the parameter text is JSON already.
            doc +=
                "{\"p\":\"" + r.phone + "\",\"a\":" + r.paramsJson + ",\"l\":" + QByteArray::number(r.line);
            if (!r.region.isEmpty()) {
                doc += ",\"r\":\"" + r.region + '"'; // two capital letters: nothing to escape
            }
            if (!r.name.isEmpty()) {
                doc += ",\"n\":";
                JsonWriter::appendString(doc, QString::fromUtf8(r.name));
            }
            doc += '}';
        }
        doc += ']';
        QSqlQuery &insert = m_st->insert;
        Database::exec(insert, {QString::fromUtf8(doc), m_campaignId, m_st->now});
        qint64 notInserted = 0;
        QList<std::pair<qint64, bool>> skips;
        while (insert.next()) {
            skips.append({insert.value(0).toLongLong(), insert.value(1).toBool()});
            ++notInserted;
        }
        insert.finish();
        m_inserted += (end - start) - notInserted;
        for (const auto &[line, opted] : std::as_const(skips)) {
            skipped(line, opted);
        }
    }
}

void ImportWriter::finish(bool commit)
{
    Q_ASSERT(m_tx);
    if (commit) {
        Counters::apply(m_db, m_campaignId, m_inserted, 0, 0, m_clock);
        const qint64 lastId = m_db.scalar(u"SELECT MAX(id) FROM send_queue"_s).toLongLong();
        m_st.reset();
        m_tx->commit();
        m_added.lastId = lastId;
    }
    abort();
}

void ImportWriter::abort()
{
    // Roll back first: PostgreSQL refuses to deallocate statements inside an aborted transaction.
    m_tx.reset();
    m_st.reset();
    if (const auto old = std::exchange(m_oldCacheSize, std::nullopt)) {
        try {
            m_db.execDirect(u"PRAGMA cache_size = "_s + QString::number(*old));
        } catch (const DbError &) {
            // Also called from the destructor: a connection that failed keeps the larger cache.
        }
    }
}

} // namespace herald
