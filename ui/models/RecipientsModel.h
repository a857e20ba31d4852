#pragma once

#include "queue/RecipientQuery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace herald::ui {

class DataService;

// A campaign's recipients as a table of any length. rowCount() is the filter's count from the
// data thread — so the scroll bar is true and End goes to the end — and rows arrive a page at
// a time as views ask for them: data() of a row not yet read shows "…" and asks for its
// page; the answer fills it (one dataChanged per page). Only the pages most recently asked
// for are read, one job at a time, so scrolling fast past a million rows never queues
// pages nobody looks at any more. A bounded number of pages stay cached (least recently
// used go first). Every new filter or refresh starts a new generation: answers of an older
// one are dropped, whatever order they come back in.
class RecipientsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Phone, Name, Status, Time, Wamid, Error, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the stored value: status and reason as stored, times as QDateTime
        IdRole,                     // send_queue.id; null while the row's page is not read
        LoadedRole,                 // whether the row's page has been read
    };
    static constexpr int kPageSize = 100;
    static constexpr int kCachedPages = 60;
    static constexpr int kPagesPerJob = 4;
    static constexpr int kIndexStepsPerCall = 5; // sparse-index steps between looks at the clock
    static constexpr int kIndexSliceMs = 8;      // one job of the sparse index, at most about this

    explicit RecipientsModel(DataService &data, QObject *parent = nullptr);
    ~RecipientsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Lists what `filter` selects: counts it (the first page comes with the count), then reads
    // pages as they are asked for.
    void setFilter(const RecipientFilter &filter);
    // The same filter after its rows may have changed: recounts and reads the pages in view
    // again, showing the old rows meanwhile.
    void refresh();
    void clear();

    const RecipientFilter &filter() const { return m_filter; }
    bool isCounting() const { return m_counting; }
    bool hasFilter() const { return !m_filter.campaignId.isEmpty(); }
    quint64 generation() const { return m_generation; }
    int cachedPages() const { return int(m_pages.size()); }
    bool indexComplete() const { return m_indexDone; } // the query's sparse index covers every row
    bool isLoaded(int row) const;

    static QString statusText(const QString &status, int attempts);

Q_SIGNALS:
    void counted(qint64 rows);                // a count of the current generation arrived
    void pageArrived(int firstRow, int rows); // a page was filled
    void failed(const QString &why);

private:
    struct Page
    {
        QList<RecipientRecord> rows;
        mutable quint64 used = 0; // LRU stamp
        bool stale = false;       // from before a refresh: shown until read again
    };
    struct Answer;
    static constexpr int kConfirmDelay = 300; // ms after opening on the stored counters
    static constexpr int kIndexDelay = 500;   // ms after a count before the sparse index starts

    const RecipientRecord *record(int row) const;
    void want(int page) const;
    void fetchWanted();
    void startCount(bool firstPage);
    void confirmCount();
    void applyCount(qint64 rows);
    void storePage(int page, QList<RecipientRecord> rows);
    void buildIndexSlice();
    QVariant display(const RecipientRecord &r, int column) const;
    QVariant raw(const RecipientRecord &r, int column) const;
    QString tooltip(const RecipientRecord &r, int column) const;

    DataService &m_data;
    RecipientFilter m_filter;
    std::shared_ptr<RecipientQuery> m_query; // used on the data thread only, one job at a time
    quint64 m_generation = 0;
    int m_rows = 0;
    bool m_counting = false;
    bool m_fetching = false;
    bool m_indexing = false;
    bool m_indexDone = false;
    QHash<int, Page> m_pages;
    mutable quint64 m_clock = 0;
    mutable QList<int> m_wanted; // most recently asked for last
    mutable bool m_fetchScheduled = false;
};

} // namespace herald::ui
