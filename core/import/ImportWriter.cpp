#include "import/ImportWriter.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
// Rows per statement on PostgreSQL: one JSON document per round trip, as QueueEngine does.
constexpr qsizetype kPgChunk = 2000;

QString jsonString(const QString &s)
{
    const QByteArray doc = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    // "["...."]" → the quoted string
    return QString::fromUtf8(doc.constData() + 1, doc.size() - 2);
}
} // namespace

// Rows per statement on SQLite. One multi-row INSERT costs far less than as many executions
// of a one-row statement through Qt (each resets, rebinds and steps the statement).
constexpr qsizetype kSqliteBatch = 64;

struct ImportWriter::Statements
{
    QSqlQuery insert;
    QSqlQuery batchInsert; // SQLite: kSqliteBatch rows
    QSqlQuery savepoint;
    QSqlQuery rollbackTo;
    QSqlQuery release;
    QSqlQuery optedOut;
    QVariant now;
};

ImportWriter::ImportWriter(Database &db, const Clock &clock, const QString &campaignId)
    : m_db(db)
    , m_clock(clock)
    , m_campaignId(campaignId)
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
    const Campaign campaign = CampaignStore(m_db, m_clock).byId(m_campaignId);
    if (campaign.status == CampaignStatus::Completed || campaign.status == CampaignStatus::Cancelled) {
        throw DbError(DbError::Kind::Refused,
                      tr("Campaign \"%1\" is %2: create a new campaign for these contacts.")
                          .arg(campaign.name, CampaignStatusMachine::toString(campaign.status)));
    }
    m_st = std::make_unique<Statements>();
    m_st->now = m_db.timeValue(m_clock.now());
    if (m_db.isPostgres()) {
        // The rows that were not inserted come back with why, so that the report can name
        // their lines; the statement sees the snapshot before its own insert, hence `ins`.
        m_st->insert = m_db.prepare(
            u"WITH v AS (SELECT * FROM jsonb_to_recordset(CAST(? AS jsonb)) AS x(p text, n text, a jsonb, l "
            u"bigint)), "
            "ins AS (INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, "
            "updated_at) "
            "SELECT CAST(? AS uuid), v.p, v.n, COALESCE(v.a, '{}'::jsonb), v.l, 'ready', CAST(? AS "
            "timestamptz) "
            "FROM v WHERE NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p) "
            "ON CONFLICT (campaign_id, phone) DO NOTHING RETURNING phone) "
            "SELECT v.l, EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone = v.p) FROM v "
            "WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.phone = v.p) ORDER BY v.l"_s);
    } else {
        m_st->insert = m_db.prepare(
            u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, status, "
            u"updated_at) "
            "SELECT ?, ?, ?, ?, ?, 'ready', ? WHERE NOT EXISTS (SELECT 1 FROM opt_outs WHERE phone = ?) "
            "ON CONFLICT (campaign_id, phone) DO NOTHING"_s);
        m_st->optedOut = m_db.prepare(u"SELECT 1 FROM opt_outs WHERE phone = ?"_s);
        QString values;
        for (qsizetype i = 0; i < kSqliteBatch; ++i) {
            values += i == 0 ? u"(?, ?, ?, ?)"_s : u", (?, ?, ?, ?)"_s;
        }
        // The WHERE clause also settles SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.
        m_st->batchInsert =
            m_db.prepare(u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, source_line, "
                         u"status, updated_at) "
                         "SELECT ?, v.column1, v.column2, v.column3, v.column4, 'ready', ? FROM (VALUES "_s +
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
    } else {
        writeSqlite(rows, skipped);
    }
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
            batch.bindValue(at++, r.phone);
            batch.bindValue(at++, r.name.isEmpty() ? Database::nullString() : QVariant(r.name));
            batch.bindValue(at++, r.paramsJson);
            batch.bindValue(at++, r.line);
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
    insert.bindValue(0, m_campaignId);
    insert.bindValue(1, r.phone);
    insert.bindValue(2, r.name.isEmpty() ? Database::nullString() : QVariant(r.name));
    insert.bindValue(3, r.paramsJson);
    insert.bindValue(4, r.line > 0 ? QVariant(r.line) : Database::nullInt());
    insert.bindValue(5, m_st->now);
    insert.bindValue(6, r.phone);
    Database::exec(insert);
    if (insert.numRowsAffected() == 1) {
        ++m_inserted;
        return;
    }
    Database::exec(m_st->optedOut, {r.phone});
    const bool opted = m_st->optedOut.next();
    m_st->optedOut.finish();
    skipped(r.line, opted);
}

void ImportWriter::writePostgres(const QList<Row> &rows, const SkippedFn &skipped)
{
    for (qsizetype start = 0; start < rows.size(); start += kPgChunk) {
        const qsizetype end = std::min(rows.size(), start + kPgChunk);
        QString doc;
        doc.reserve((end - start) * 96);
        doc += u'[';
        for (qsizetype i = start; i < end; ++i) {
            const Row &r = rows.at(i);
            if (i > start) {
                doc += u',';
            }
            // E.164 phones need no escaping; names and the parameter text do (already JSON).
            doc += u"{\"p\":\""_s + r.phone + u"\",\"a\":"_s + r.paramsJson + u",\"l\":"_s +
                   QString::number(r.line);
            if (!r.name.isEmpty()) {
                doc += u",\"n\":"_s + jsonString(r.name);
            }
            doc += u'}';
        }
        doc += u']';
        QSqlQuery &insert = m_st->insert;
        Database::exec(insert, {doc, m_campaignId, m_st->now});
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
        m_st.reset();
        m_tx->commit();
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
