#include "queue/RecipientQuery.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr auto kColumns = "SELECT id, phone, contact_name, status, attempts, wamid, sent_at, failed_at, "
                          "error_code, error_reason, error_details "_L1;

// Where a rowid scan between the bounds reads more than this many rows per match, SQLite
// reads the filter's index and sorts the matches by id instead.
constexpr qint64 kSparse = 100;

RecipientRecord recordFrom(const QSqlQuery &q)
{
    RecipientRecord r;
    r.id = q.value(0).toLongLong();
    r.phone = q.value(1).toString();
    r.name = q.value(2).toString();
    r.status = q.value(3).toString();
    r.attempts = q.value(4).toInt();
    r.wamid = q.value(5).toString();
    r.sentAt = Database::readTime(q.value(6));
    r.failedAt = Database::readTime(q.value(7));
    if (!q.value(8).isNull()) {
        r.errorCode = q.value(8).toInt();
    }
    r.errorReason = q.value(9).toString();
    r.errorDetails = q.value(10).toString();
    return r;
}

} // namespace

QString RecipientFilter::phoneSearch(bool *prefix) const
{
    QString kept;
    for (const QChar c : phone) {
        if (c.isDigit() || (c == u'+' && kept.isEmpty())) {
            kept += c;
        }
    }
    if (kept.startsWith("00"_L1)) {
        kept = u"+"_s + kept.mid(2);
    }
    *prefix = kept.startsWith(u'+');
    return kept == u"+"_s ? QString() : kept;
}

RecipientQuery::RecipientQuery(RecipientFilter filter)
    : m_filter(std::move(filter))
{}

RecipientQuery::Where RecipientQuery::where(Database &db, bool planned) const
{
    const RecipientFilter::Status status = m_filter.effectiveStatus();
    bool prefix = false;
    const QString phone = m_filter.phoneSearch(&prefix);
    Where w;
    QString terms = u" WHERE campaign_id = ?"_s;
    w.values << m_filter.campaignId;
    switch (status) {
    case RecipientFilter::Status::Any:
        break;
    case RecipientFilter::Status::Pending:
        // Literally the partial index's predicate, so that SQLite may use the index.
        terms += u" AND status IN ('ready', 'processing')"_s;
        break;
    case RecipientFilter::Status::Sent:
        terms += u" AND status = 'sent'"_s;
        break;
    case RecipientFilter::Status::Failed:
        terms += u" AND status = 'failed'"_s;
        if (!m_filter.reason.isEmpty()) {
            terms += u" AND error_reason = ?"_s;
            w.values << m_filter.reason;
        }
        break;
    }
    if (!phone.isEmpty() && prefix) {
        // The range walks the (campaign, phone) index; the substring makes the match exact
        // whatever the collation orders '+' and digits by.
        QString upper = phone;
        upper.back() = QChar(upper.back().unicode() + 1);
        terms += u" AND phone >= ? AND phone < ? AND substr(phone, 1, %1) = ?"_s.arg(phone.size());
        w.values << phone << upper << phone;
    } else if (!phone.isEmpty()) {
        terms += db.isPostgres() ? u" AND strpos(phone, ?) > 0"_s : u" AND instr(phone, ?) > 0"_s;
        w.values << phone;
    }
    // PostgreSQL's planner weighs the ways with its statistics. SQLite has none unless someone
    // ran ANALYZE, and then takes the (campaign, phone) index for campaign_id = ? and sorts the
    // whole campaign for every page. So for SQLite the way is chosen here: the partial index
    // that holds the rows in id order, or a scan of the table in id order (rowid) between the
    // filter's first and last id when matches are dense there, or the filter's index and a
    // sort of its matches when they are few.
    bool indexed = !planned;
    if (planned && !db.isPostgres() && m_count) {
        const qint64 span = m_maxId - m_minId + 1;
        const bool sparse = *m_count > 0 && span / *m_count > kSparse;
        indexed = status == RecipientFilter::Status::Pending ||
                  (status == RecipientFilter::Status::Failed && (!m_filter.reason.isEmpty() || sparse)) ||
                  (!phone.isEmpty() && prefix && sparse);
    }
    w.sql = (db.isPostgres() || indexed ? u" FROM send_queue"_s : u" FROM send_queue NOT INDEXED"_s) + terms;
    return w;
}

void RecipientQuery::campaignBounds(Database &db)
{
    // Every row of a campaign is in the pending or the done index, both in id order: the
    // campaign's first and last id are an entry of each. One aggregate per statement: only
    // then do SQLite and PostgreSQL read a single index entry for it.
    const QString campaign = u" FROM send_queue WHERE campaign_id = ?"_s;
    const QVariantList id{m_filter.campaignId};
    const auto bound = [&](const char *aggregate, const QString &rows) {
        const QVariant v =
            db.scalar(u"SELECT "_s + QLatin1StringView(aggregate) + u"(id)"_s + campaign + rows, id);
        return v.isNull() ? std::optional<qint64>() : std::optional<qint64>(v.toLongLong());
    };
    const QString pending = u" AND status IN ('ready', 'processing')"_s;
    const QString done = u" AND status IN ('sent', 'failed')"_s;
    const auto lowest = [](std::optional<qint64> a, std::optional<qint64> b) {
        return a && b ? std::min(*a, *b) : a ? *a : b.value_or(0);
    };
    const auto highest = [](std::optional<qint64> a, std::optional<qint64> b) {
        return a && b ? std::max(*a, *b) : a ? *a : b.value_or(0);
    };
    m_minId = lowest(bound("min", pending), bound("min", done));
    m_maxId = highest(bound("max", pending), bound("max", done));
}

qint64 RecipientQuery::count(Database &db)
{
    bool prefix = false;
    const RecipientFilter::Status status = m_filter.effectiveStatus();
    if ((status == RecipientFilter::Status::Any || status == RecipientFilter::Status::Sent) &&
        m_filter.phoneSearch(&prefix).isEmpty()) {
        // Sent rows have no index of their own (recording an outcome would rewrite it): they
        // are the campaign's rows less the pending and failed ones, as Counters recounts.
        const QString campaign = u" FROM send_queue WHERE campaign_id = ?"_s;
        const QVariantList id{m_filter.campaignId};
        qint64 n = db.scalar(u"SELECT count(*)"_s + campaign, id).toLongLong();
        if (status == RecipientFilter::Status::Sent) {
            n -= db.scalar(u"SELECT count(*)"_s + campaign + u" AND status IN ('ready', 'processing')"_s, id)
                     .toLongLong() +
                 db.scalar(u"SELECT count(*)"_s + campaign + u" AND status = 'failed'"_s, id).toLongLong();
        }
        m_count = n;
        campaignBounds(db);
    } else {
        // Counted over the filter's index, which also holds the ids.
        const Where w = where(db, false);
        QSqlQuery q =
            db.run(u"SELECT count(*), COALESCE(min(id), 0), COALESCE(max(id), 0)"_s + w.sql, w.values);
        q.next();
        m_count = q.value(0).toLongLong();
        m_minId = q.value(1).toLongLong();
        m_maxId = q.value(2).toLongLong();
    }
    return *m_count;
}

std::optional<qint64> RecipientQuery::storedCount(Database &db) const
{
    bool prefix = false;
    if (!m_filter.reason.isEmpty() || !m_filter.phoneSearch(&prefix).isEmpty()) {
        return std::nullopt;
    }
    const Campaign c = CampaignStore(db, Clock::system()).byId(m_filter.campaignId);
    switch (m_filter.status) {
    case RecipientFilter::Status::Any:
        return c.totalContacts;
    case RecipientFilter::Status::Sent:
        return c.totalSent;
    case RecipientFilter::Status::Failed:
        return c.totalFailed;
    case RecipientFilter::Status::Pending:
        return std::max<qint64>(0, c.totalContacts - c.totalSent - c.totalFailed);
    }
    return std::nullopt;
}

qint64 RecipientQuery::openingCount(Database &db, bool *exact)
{
    const std::optional<qint64> stored = storedCount(db);
    const RecipientFilter::Status status = m_filter.effectiveStatus();
    // Only where the id bounds are two index entries away; a failed filter's bounds would walk
    // the failed index, which the count does as well.
    if (!stored || status == RecipientFilter::Status::Failed) {
        *exact = true;
        return count(db);
    }
    *exact = false;
    if (status == RecipientFilter::Status::Pending) {
        // Each alone, so that each reads one entry of the pending index.
        const Where w = where(db, false);
        m_minId = db.scalar(u"SELECT min(id)"_s + w.sql, w.values).toLongLong();
        m_maxId = db.scalar(u"SELECT max(id)"_s + w.sql, w.values).toLongLong();
    } else {
        campaignBounds(db);
    }
    m_count = *stored;
    return *m_count;
}

QList<RecipientRecord> RecipientQuery::read(Database &db, const QString &idBound, qint64 boundId,
                                            bool descending, qint64 skip, int limit) const
{
    const Where w = where(db, true);
    QVariantList values = w.values;
    values << boundId << limit << skip;
    QSqlQuery q =
        db.prepare(kColumns + w.sql + idBound + (descending ? u" ORDER BY id DESC"_s : u" ORDER BY id"_s) +
                   u" LIMIT ? OFFSET ?"_s);
    q.setForwardOnly(true);
    Database::exec(q, values);
    QList<RecipientRecord> rows;
    rows.reserve(limit);
    while (q.next()) {
        rows << recordFrom(q);
    }
    if (descending) {
        std::reverse(rows.begin(), rows.end());
    }
    return rows;
}

QList<RecipientRecord> RecipientQuery::page(Database &db, qint64 offset, int limit)
{
    if (!m_count) {
        count(db);
    }
    const qint64 n = *m_count;
    if (offset < 0 || offset >= n || limit <= 0) {
        return {};
    }
    const qint64 last = std::min(offset + limit, n) - 1;
    const int want = int(last - offset + 1);

    // The nearest anchor: at or before the first row (read forward from it), at or after the
    // last (read backward from it), or inside the window (step back from it to the first row,
    // then read forward). The ends of the filter's id range are anchors too.
    enum class Way { Forward, Backward, BackThenForward };
    Way way = Way::Forward;
    qint64 skip = offset;
    qint64 anchorId = m_minId;
    if (n - 1 - last < skip) {
        way = Way::Backward;
        skip = n - 1 - last;
        anchorId = m_maxId;
    }
    const auto consider = [&](Way w, qint64 cost, qint64 id) {
        if (cost < skip) {
            way = w;
            skip = cost;
            anchorId = id;
        }
    };
    const auto next = m_anchors.upper_bound(offset);
    if (next != m_anchors.begin()) {
        consider(Way::Forward, offset - std::prev(next)->first, std::prev(next)->second);
    }
    if (next != m_anchors.end() && next->first < last) {
        consider(Way::BackThenForward, next->first - offset, next->second);
    }
    if (const auto after = m_anchors.lower_bound(last); after != m_anchors.end()) {
        consider(Way::Backward, after->first - last, after->second);
    }

    m_lastSkip = skip;
    QList<RecipientRecord> rows;
    switch (way) {
    case Way::Forward:
        rows = read(db, u" AND id >= ?"_s, anchorId, false, skip, want);
        break;
    case Way::Backward:
        rows = read(db, u" AND id <= ?"_s, anchorId, true, skip, want);
        break;
    case Way::BackThenForward: {
        const Where w = where(db, true);
        QVariantList values = w.values;
        values << anchorId << skip - 1;
        QSqlQuery q =
            db.run(u"SELECT id"_s + w.sql + u" AND id < ? ORDER BY id DESC LIMIT 1 OFFSET ?"_s, values);
        if (q.next()) {
            rows = read(db, u" AND id >= ?"_s, q.value(0).toLongLong(), false, 0, want);
        }
        break;
    }
    }
    if (!rows.isEmpty()) {
        remember(offset, rows.first().id);
        remember(offset + rows.size() - 1, rows.last().id);
    }
    return rows;
}

bool RecipientQuery::buildIndex(Database &db, int steps)
{
    if (!m_count) {
        count(db);
    }
    if (*m_count == 0) {
        m_indexedTo = 0;
        return true;
    }
    const Where w = where(db, true);
    if (m_indexedTo < 0) {
        QVariantList values = w.values;
        values << m_minId;
        QSqlQuery q = db.run(u"SELECT id"_s + w.sql + u" AND id >= ? ORDER BY id LIMIT 1"_s, values);
        if (!q.next()) {
            m_indexedTo = *m_count;
            return true;
        }
        remember(0, q.value(0).toLongLong());
        m_indexedTo = 0;
    }
    QSqlQuery step = db.prepare(u"SELECT id"_s + w.sql + u" AND id > ? ORDER BY id LIMIT 1 OFFSET ?"_s);
    step.setForwardOnly(true);
    for (int i = 0; i < steps && !indexComplete(); ++i) {
        QVariantList values = w.values;
        values << m_anchors.at(m_indexedTo) << kStride - 1;
        Database::exec(step, values);
        if (!step.next()) {
            m_indexedTo = *m_count; // rows went away meanwhile: nothing further to index
            break;
        }
        remember(m_indexedTo + kStride, step.value(0).toLongLong());
        m_indexedTo += kStride;
        step.finish();
    }
    return indexComplete();
}

void RecipientQuery::remember(qint64 position, qint64 id)
{
    m_anchors[position] = id;
}

} // namespace herald
