#include "models/RecipientsModel.h"

#include "cloudapi/ErrorPolicy.h"
#include "data/DataService.h"
#include "theme/Icons.h"
#include "widgets/Formats.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPalette>
#include <QTimer>

#include <climits>

using namespace Qt::StringLiterals;

namespace herald::ui {

struct RecipientsModel::Answer
{
    qint64 count = -1;
    bool exact = true; // false: the campaign's stored counters, which confirmCount() checks
    QList<std::pair<int, QList<RecipientRecord>>> pages;
};

RecipientsModel::RecipientsModel(DataService &data, QObject *parent)
    : QAbstractTableModel(parent)
    , m_data(data)
{}

RecipientsModel::~RecipientsModel() = default;

int RecipientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RecipientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecipientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::ToolTipRole && section == Wamid) {
        return tr("The message's ID at WhatsApp (wamid), for Meta support and delivery reports.");
    }
    if (role == Qt::ToolTipRole && section == Time) {
        return tr("When the message was sent, or when it failed.");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Phone:
        return tr("Phone");
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Time:
        return tr("Time");
    case Wamid:
        return tr("Message ID");
    case Error:
        return tr("Error");
    case ColumnCount:
        break;
    }
    return {};
}

QString RecipientsModel::statusText(const QString &status, int attempts)
{
    if (status == "ready"_L1) {
        return attempts > 0 ? tr("Waiting to retry") : tr("Waiting");
    }
    if (status == "processing"_L1) {
        return tr("Sending");
    }
    if (status == "sent"_L1) {
        return tr("Sent");
    }
    if (status == "failed"_L1) {
        return tr("Failed");
    }
    return status;
}

bool RecipientsModel::isLoaded(int row) const
{
    const auto it = m_pages.constFind(row / kPageSize);
    return it != m_pages.constEnd() && !it->stale;
}

const RecipientRecord *RecipientsModel::record(int row) const
{
    const auto it = m_pages.constFind(row / kPageSize);
    if (it == m_pages.constEnd()) {
        return nullptr;
    }
    it->used = ++m_clock;
    const int at = row % kPageSize;
    return at < it->rows.size() ? &it->rows.at(at) : nullptr;
}

QVariant RecipientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int page = index.row() / kPageSize;
    const auto it = m_pages.constFind(page);
    if (role == Qt::DisplayRole && (it == m_pages.constEnd() || it->stale)) {
        want(page);
    }
    if (role == LoadedRole) {
        return it != m_pages.constEnd() && !it->stale;
    }
    const RecipientRecord *r = record(index.row());
    if (!r) {
        // Not read yet: a placeholder in the first column, filled when the page arrives.
        if (index.column() == Phone && it == m_pages.constEnd()) {
            if (role == Qt::DisplayRole) {
                return u"…"_s;
            }
            if (role == Qt::ForegroundRole) {
                return QApplication::palette().brush(QPalette::PlaceholderText);
            }
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(*r, index.column());
    case RawRole:
        return raw(*r, index.column());
    case IdRole:
        return r->id;
    case Qt::ToolTipRole:
        return tooltip(*r, index.column());
    case Qt::DecorationRole: // a shape per status beside its name: colour is never the only sign
        return index.column() == Status ? QVariant(Icons::messageStatus(r->status)) : QVariant();
    default:
        return {};
    }
}

QVariant RecipientsModel::display(const RecipientRecord &r, int column) const
{
    switch (Column(column)) {
    case Phone:
        return r.phone;
    case Name:
        return r.name;
    case Status:
        return statusText(r.status, r.attempts);
    case Time:
        return Formats::time(r.status == "failed"_L1 ? r.failedAt : r.sentAt);
    case Wamid:
        return r.wamid;
    case Error:
        if (r.errorReason.isEmpty()) {
            return QString();
        }
        return r.errorDetails.isEmpty() ? r.errorReason : tr("%1: %2").arg(r.errorReason, r.errorDetails);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RecipientsModel::raw(const RecipientRecord &r, int column) const
{
    switch (Column(column)) {
    case Phone:
        return r.phone;
    case Name:
        return r.name;
    case Status:
        return r.status;
    case Time:
        return r.status == "failed"_L1 ? r.failedAt : r.sentAt;
    case Wamid:
        return r.wamid;
    case Error:
        return r.errorReason;
    case ColumnCount:
        break;
    }
    return {};
}

QString RecipientsModel::tooltip(const RecipientRecord &r, int column) const
{
    switch (Column(column)) {
    case Status:
        return r.attempts > 0 ? tr("%n attempt(s)", nullptr, r.attempts) : QString();
    case Time:
        if (r.status == "failed"_L1 && r.failedAt.isValid()) {
            return tr("Failed %1").arg(Formats::time(r.failedAt));
        }
        return r.sentAt.isValid() ? tr("Sent %1").arg(Formats::time(r.sentAt)) : QString();
    case Wamid:
        return r.wamid;
    case Error: {
        if (r.errorReason.isEmpty()) {
            return {};
        }
        QString tip = display(r, Error).toString();
        if (const ErrorPolicyEntry *e = ErrorPolicy::entryForReason(r.errorReason)) {
            tip += u"\n\n"_s + e->meaningText() + u"\n"_s + e->whatToDoText();
        }
        return tip;
    }
    default:
        return {};
    }
}

void RecipientsModel::setFilter(const RecipientFilter &filter)
{
    beginResetModel();
    ++m_generation;
    m_filter = filter;
    m_query = std::make_shared<RecipientQuery>(filter);
    m_pages.clear();
    m_wanted.clear();
    m_rows = 0;
    m_fetching = false;
    m_indexing = false;
    m_indexDone = false;
    endResetModel();
    startCount(true);
}

void RecipientsModel::refresh()
{
    if (!hasFilter()) {
        return;
    }
    ++m_generation;
    m_fetching = false;
    m_indexing = false;
    // Rows are only ever appended to a campaign: the positions of the whole list (and of a
    // phone search) hold, and so does what the query learnt. A status or reason filter gains
    // and loses rows as the campaign sends, so its positions are learnt again.
    if (m_filter.effectiveStatus() != RecipientFilter::Status::Any) {
        m_query = std::make_shared<RecipientQuery>(m_filter);
        m_indexDone = false;
    }
    for (Page &p : m_pages) {
        p.stale = true;
    }
    startCount(false);
}

void RecipientsModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_filter = {};
    m_query.reset();
    m_pages.clear();
    m_wanted.clear();
    m_rows = 0;
    m_counting = false;
    m_fetching = false;
    m_indexing = false;
    m_indexDone = false;
    endResetModel();
}

void RecipientsModel::startCount(bool firstPage)
{
    m_counting = true;
    const quint64 generation = m_generation;
    std::shared_ptr<RecipientQuery> query = m_query;
    m_data.submit<Answer>(
        this,
        [query, firstPage](Database &db) {
            Answer a;
            a.count = firstPage ? query->openingCount(db, &a.exact) : query->count(db);
            if (firstPage && a.count > 0) {
                a.pages.append({0, query->page(db, 0, kPageSize)});
            }
            return a;
        },
        [this, generation, firstPage](const DataResult<Answer> &r) {
            if (generation != m_generation) {
                return;
            }
            m_counting = false;
            if (!r.ok()) {
                Q_EMIT failed(r.error);
                return;
            }
            applyCount(r.value->count);
            for (const auto &[page, rows] : r.value->pages) {
                storePage(page, rows);
            }
            if (!firstPage && m_rows > 0) {
                // Views ask again for what they show; the stale pages among it are read again.
                Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
            }
            Q_EMIT counted(m_rows);
            if (!r.value->exact) {
                // After what the user does first (End, a page in view), not before it.
                QTimer::singleShot(kConfirmDelay, this, [this, generation] {
                    if (generation == m_generation) {
                        confirmCount();
                    }
                });
            }
            // The sparse index waits a moment, so that what a user does first after opening
            // (End, a scroll) does not queue behind it.
            QTimer::singleShot(kIndexDelay, this, [this, generation] {
                if (generation == m_generation) {
                    buildIndexSlice();
                }
            });
            fetchWanted();
        });
}

void RecipientsModel::confirmCount()
{
    const quint64 generation = m_generation;
    std::shared_ptr<RecipientQuery> query = m_query;
    m_data.submit<qint64>(
        this, [query](Database &db) { return query->count(db); },
        [this, generation](const DataResult<qint64> &r) {
            if (generation != m_generation || !r.ok() || *r.value == m_rows) {
                return;
            }
            applyCount(*r.value); // the counters had drifted: the rows are what counts
            Q_EMIT counted(m_rows);
            fetchWanted();
        });
}

void RecipientsModel::applyCount(qint64 count)
{
    const int rows = int(std::min<qint64>(count, INT_MAX));
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        const int lastPage = rows == 0 ? -1 : (rows - 1) / kPageSize;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            it = it.key() > lastPage ? m_pages.erase(it) : std::next(it);
        }
        endRemoveRows();
    }
}

void RecipientsModel::storePage(int page, QList<RecipientRecord> rows)
{
    const int first = page * kPageSize;
    if (first >= m_rows) {
        return;
    }
    m_pages.insert(page, Page{std::move(rows), ++m_clock, false});
    while (m_pages.size() > kCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->used < oldest->used) {
                oldest = it;
            }
        }
        m_pages.erase(oldest);
    }
    const int last = std::min(first + kPageSize, m_rows) - 1;
    Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    Q_EMIT pageArrived(first, last - first + 1);
}

void RecipientsModel::want(int page) const
{
    m_wanted.removeOne(page);
    m_wanted.append(page);
    if (!m_fetchScheduled) {
        m_fetchScheduled = true;
        // data() is const for the views; asking for a page changes only what is fetched next.
        auto *self = const_cast<RecipientsModel *>(this);
        QMetaObject::invokeMethod(
            self, [self] { self->fetchWanted(); }, Qt::QueuedConnection);
    }
}

void RecipientsModel::fetchWanted()
{
    m_fetchScheduled = false;
    // One job at a time; its answer (or the count's) comes back here for what is wanted then.
    if (m_fetching || m_counting || !m_query || m_wanted.isEmpty()) {
        return;
    }
    // The pages asked for last are the ones in view; those asked for before were scrolled
    // past while the previous job ran, and a view asks again for anything it still shows.
    QList<int> pages;
    const int lastPage = m_rows == 0 ? -1 : (m_rows - 1) / kPageSize;
    while (!m_wanted.isEmpty() && pages.size() < kPagesPerJob) {
        const int page = m_wanted.takeLast();
        if (page <= lastPage && !isLoaded(page * kPageSize)) {
            pages << page;
        }
    }
    m_wanted.clear();
    if (pages.isEmpty()) {
        return;
    }
    m_fetching = true;
    const quint64 generation = m_generation;
    std::shared_ptr<RecipientQuery> query = m_query;
    m_data.submit<Answer>(
        this,
        [query, pages](Database &db) {
            Answer a;
            for (const int page : pages) {
                a.pages.append({page, query->page(db, qint64(page) * kPageSize, kPageSize)});
            }
            return a;
        },
        [this, generation](const DataResult<Answer> &r) {
            if (generation != m_generation) {
                return;
            }
            m_fetching = false;
            if (!r.ok()) {
                Q_EMIT failed(r.error);
                return;
            }
            for (const auto &[page, rows] : r.value->pages) {
                storePage(page, rows);
            }
            fetchWanted();
        });
}

void RecipientsModel::buildIndexSlice()
{
    if (m_indexing || m_indexDone || m_rows <= 2 * RecipientQuery::kStride) {
        return;
    }
    m_indexing = true;
    const quint64 generation = m_generation;
    std::shared_ptr<RecipientQuery> query = m_query;
    // In slices of a few milliseconds, so that the pages asked for meanwhile (End, a scroll)
    // wait for one slice at most: a step costs ~0.1 ms on SQLite but ten times that on
    // PostgreSQL, so a slice is measured in time, not in steps.
    m_data.submit<bool>(
        this,
        [query](Database &db) {
            QElapsedTimer clock;
            clock.start();
            bool done = false;
            while (!(done = query->buildIndex(db, kIndexStepsPerCall)) && clock.elapsed() < kIndexSliceMs) {
            }
            return done;
        },
        [this, generation](const DataResult<bool> &r) {
            if (generation != m_generation) {
                return;
            }
            m_indexing = false;
            if (!r.ok()) {
                return; // pages are still read, from farther anchors
            }
            m_indexDone = *r.value;
            buildIndexSlice();
        });
}

} // namespace herald::ui
