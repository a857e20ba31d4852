#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <map>
#include <optional>

namespace herald {

class Database;

// Which of a campaign's recipients to list.
struct RecipientFilter
{
    enum class Status {
        Any,
        Pending, // ready or processing: not sent yet
        Sent,
        Failed,
    };

    QString campaignId;
    Status status = Status::Any;
    QString reason; // failed rows with this error_reason; implies Failed. Empty: any reason
    QString phone;  // what the user typed: see phoneSearch()

    // The effective status: a reason selects failed rows.
    Status effectiveStatus() const { return reason.isEmpty() ? status : Status::Failed; }
    // The phone search as the query runs it: only '+' and digits are kept (people type
    // spaces, dashes, brackets). A leading '+' or "00" searches numbers starting so (over the
    // (campaign, phone) index); other digits search numbers containing them. Empty: none.
    QString phoneSearch(bool *prefix) const;

    bool operator==(const RecipientFilter &) const = default;
};

// One row of send_queue as the recipients list shows it.
struct RecipientRecord
{
    qint64 id = 0;
    QString phone;
    QString name;
    QString status; // ready | processing | sent | failed
    int attempts = 0;
    QString wamid;
    QDateTime sentAt;   // UTC
    QDateTime failedAt; // UTC
    std::optional<int> errorCode;
    QString errorReason;
    QString errorDetails;
};

// A campaign's recipients under one filter, in id order (the order they were queued and are
// sent), read a page at a time. A million rows must open and jump at once, and OFFSET costs
// SQLite and PostgreSQL a step per skipped row, so pages are read by keyset from an anchor —
// a known (position, id) — near the wanted position: the ends (from count()'s id bounds),
// the first row of every page read, and a sparse index of every kStride-th id that
// buildIndex() adds in slices. Reading position p then skips at most kStride / 2 rows.
//
// Counts are exact, each over an index: all rows over (campaign, phone), pending and failed
// rows over their partial indexes, sent rows as the difference — never by fetching rows.
//
// Not thread-safe: one thread (the console's data thread) uses an instance at a time. The
// anchors hold while the filtered rows stay put: rows are only ever appended to a campaign,
// so the unfiltered list and a phone search stay valid as a campaign sends, while a status
// or reason filter needs a new instance once the figures moved.
class RecipientQuery
{
public:
    static constexpr qint64 kStride = 1000;

    explicit RecipientQuery(RecipientFilter filter);

    const RecipientFilter &filter() const { return m_filter; }

    // The number of rows the filter selects (and, on the way, the id bounds pages start from).
    qint64 count(Database &db);
    // What a list shows the moment it opens: for the filters the campaign's stored counters
    // keep (all, sent, failed or pending rows; no reason, no phone), their figure — one row
    // read, where count() reads an index entry per row — with the id bounds; otherwise
    // count(). The counters change in the transaction that changes a row's status, so the two
    // agree unless the counters drifted (which Repair fixes); `*exact` says which was used, and
    // a list that got the stored figure confirms it with count() next.
    qint64 openingCount(Database &db, bool *exact);
    std::optional<qint64> knownCount() const { return m_count; }

    // Rows [offset, offset + limit) in id order; fewer at the end. Counts first if needed.
    QList<RecipientRecord> page(Database &db, qint64 offset, int limit);

    // Extends the sparse index by at most `steps` anchors; true once it covers every row.
    bool buildIndex(Database &db, int steps);
    bool indexComplete() const { return m_indexedTo >= 0 && m_count && m_indexedTo + kStride >= *m_count; }

    // How many rows the last page() skipped to reach its first row (for tests and benchmarks).
    qint64 lastSkip() const { return m_lastSkip; }

private:
    struct Where
    {
        QString sql; // "FROM send_queue … WHERE …" without the id bound
        QVariantList values;
    };
    Where where(Database &db, bool planned) const; // planned: SQLite's way for pages
    std::optional<qint64> storedCount(Database &db) const;
    void campaignBounds(Database &db); // the campaign's first and last id, from two indexes
    QList<RecipientRecord> read(Database &db, const QString &idBound, qint64 boundId, bool descending,
                                qint64 skip, int limit) const;
    void remember(qint64 position, qint64 id);

    RecipientFilter m_filter;
    std::optional<qint64> m_count;
    qint64 m_minId = 0;                 // no row of the filter has a smaller id
    qint64 m_maxId = 0;                 // … nor a larger one
    std::map<qint64, qint64> m_anchors; // position → id
    qint64 m_indexedTo = -1;            // the sparse index's last position
    qint64 m_lastSkip = 0;
};

} // namespace herald
