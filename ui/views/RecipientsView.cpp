#include "views/RecipientsView.h"

#include "data/CampaignSnapshot.h"
#include "data/DataService.h"
#include "models/FailuresModel.h"
#include "models/RecipientsModel.h"
#include "queue/FailureSummary.h"
#include "widgets/Formats.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// While a campaign sends its figures move with every poll; the list follows at most this often.
constexpr int kRefreshEveryMs = 1000;
constexpr int kTypingPauseMs = 250;
} // namespace

RecipientsView::RecipientsView(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_model(new RecipientsModel(data, this))
    , m_status(new QComboBox(this))
    , m_reason(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_searchDelay(new QTimer(this))
    , m_refreshDelay(new QTimer(this))
{
    m_status->setObjectName(u"recipientsStatus"_s);
    m_status->addItem(tr("Any status"), int(RecipientFilter::Status::Any));
    m_status->addItem(tr("Pending"), int(RecipientFilter::Status::Pending));
    m_status->addItem(tr("Sent"), int(RecipientFilter::Status::Sent));
    m_status->addItem(tr("Failed"), int(RecipientFilter::Status::Failed));
    m_reason->setObjectName(u"recipientsReason"_s);
    // Widths that do not follow the texts, so that neither a new count nor the reasons arriving
    // lays the bar out again.
    m_reason->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_reason->setMinimumContentsLength(22);
    m_search->setObjectName(u"recipientsSearch"_s);
    m_search->setAccessibleName(tr("Search recipients"));
    m_search->setPlaceholderText(tr("Search phone…"));
    m_search->setToolTip(
        tr("Numbers starting with what you type when it starts with + or 00, otherwise numbers "
           "containing it. Spaces and dashes are ignored."));
    m_search->setClearButtonEnabled(true);
    m_count->setObjectName(u"recipientsCount"_s);
    m_count->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(
        tr("%Ln recipient(s), showing %1–%2", nullptr, 1'000'000).arg(u"999,999"_s, u"1,000,000"_s)));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kTypingPauseMs);
    m_refreshDelay->setSingleShot(true);

    m_table->setObjectName(u"recipientsTable"_s);
    m_table->setAccessibleName(tr("Recipients"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setCornerButtonEnabled(false);
    // A million rows: every row the same height, nothing measured from the contents.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics fm = fontMetrics();
    const int pad = 24;
    m_table->setColumnWidth(RecipientsModel::Phone, fm.horizontalAdvance(u"+49 15123456789"_s) + pad);
    m_table->setColumnWidth(RecipientsModel::Name, fm.horizontalAdvance(u"Maximilian Mustermann"_s) + pad);
    m_table->setColumnWidth(RecipientsModel::Status, fm.horizontalAdvance(tr("Waiting to retry")) + pad);
    m_table->setColumnWidth(
        RecipientsModel::Time,
        fm.horizontalAdvance(Formats::time(QDateTime(QDate(2026, 12, 30), QTime(23, 59), Qt::LocalTime))) +
            pad);
    m_table->setColumnWidth(RecipientsModel::Wamid,
                            fm.horizontalAdvance(u"wamid.HBgLMTU1NTEyMzQ1Njc"_s) + pad);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status);
    bar->addWidget(m_reason);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        // A reason is a kind of failure: another status drops it.
        if (m_status->currentData().toInt() != int(RecipientFilter::Status::Failed)) {
            m_reasonFilter.clear();
            showReasonChoice();
        }
        apply();
    });
    connect(m_reason, &QComboBox::activated, this, [this] {
        m_reasonFilter = m_reason->currentData().toString();
        if (!m_reasonFilter.isEmpty()) {
            const QSignalBlocker block(m_status);
            m_status->setCurrentIndex(m_status->findData(int(RecipientFilter::Status::Failed)));
        }
        apply();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &RecipientsView::apply);
    connect(m_refreshDelay, &QTimer::timeout, this, &RecipientsView::refreshNow);
    connect(m_model, &RecipientsModel::counted, this, [this] {
        m_error.clear();
        updateCount();
    });
    connect(m_model, &RecipientsModel::failed, this, [this](const QString &why) {
        m_error = why;
        updateCount();
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &RecipientsView::updateCount);
    showReasonChoice();
    updateCount();
}

RecipientsView::~RecipientsView() = default;

void RecipientsView::showCampaign(const CampaignRow &row)
{
    if (row.id != m_campaignId) {
        m_campaignId = row.id;
        m_failed = row.failed;
        m_reasonFilter.clear();
        m_reasons.clear();
        m_error.clear();
        {
            const QSignalBlocker blockStatus(m_status);
            const QSignalBlocker blockSearch(m_search);
            m_status->setCurrentIndex(0);
            m_search->clear();
        }
        m_searchDelay->stop();
        m_refreshDelay->stop();
        m_dirty = false;
        showReasonChoice();
        apply();
        loadReasons();
        return;
    }
    if (row.failed != m_failed) {
        m_failed = row.failed;
        loadReasons();
    }
    // The figures moved: rows changed status. Follow while shown, at a bounded pace.
    if (!isVisible()) {
        m_dirty = true;
    } else if (!m_lastRefresh.isValid() || m_lastRefresh.elapsed() >= kRefreshEveryMs) {
        refreshNow();
    } else if (!m_refreshDelay->isActive()) {
        m_refreshDelay->start(int(kRefreshEveryMs - m_lastRefresh.elapsed()));
    }
}

void RecipientsView::clear()
{
    m_campaignId.clear();
    m_reasonFilter.clear();
    m_reasons.clear();
    m_error.clear();
    m_failed = -1;
    ++m_reasonsGeneration;
    m_searchDelay->stop();
    m_refreshDelay->stop();
    m_dirty = false;
    {
        const QSignalBlocker blockStatus(m_status);
        const QSignalBlocker blockSearch(m_search);
        m_status->setCurrentIndex(0);
        m_search->clear();
    }
    showReasonChoice();
    m_model->clear();
    updateCount();
}

void RecipientsView::setReasonFilter(const QString &reason)
{
    if (reason == m_reasonFilter) {
        return;
    }
    m_reasonFilter = reason;
    if (!reason.isEmpty()) {
        const QSignalBlocker block(m_status);
        m_status->setCurrentIndex(m_status->findData(int(RecipientFilter::Status::Failed)));
    }
    showReasonChoice();
    apply();
}

void RecipientsView::setStatusFilter(RecipientFilter::Status status)
{
    m_status->setCurrentIndex(m_status->findData(int(status)));
}

void RecipientsView::setPhoneSearch(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    apply();
}

RecipientFilter RecipientsView::wantedFilter() const
{
    RecipientFilter f;
    f.campaignId = m_campaignId;
    f.status = RecipientFilter::Status(m_status->currentData().toInt());
    f.reason = m_reasonFilter;
    f.phone = m_search->text().trimmed();
    return f;
}

void RecipientsView::apply()
{
    if (m_campaignId.isEmpty()) {
        return;
    }
    // A hidden tab costs the data thread nothing: the list is read when it is shown.
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    const RecipientFilter wanted = wantedFilter();
    if (!(m_model->hasFilter() && m_model->filter() == wanted)) {
        m_error.clear();
        m_lastRefresh.restart();
        m_refreshDelay->stop();
        m_dirty = false;
        m_model->setFilter(wanted);
        m_table->scrollToTop();
    }
    updateCount();
}

void RecipientsView::refreshNow()
{
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    m_lastRefresh.restart();
    if (m_model->hasFilter() && m_model->filter() == wantedFilter()) {
        m_model->refresh();
    } else {
        apply();
    }
}

void RecipientsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty && !m_campaignId.isEmpty()) {
        refreshNow();
    }
}

void RecipientsView::loadReasons()
{
    const quint64 generation = ++m_reasonsGeneration;
    const QString id = m_campaignId;
    m_data.submit<QList<ReasonCount>>(
        this, [id](Database &db) { return FailureSummary::byReason(db, id); },
        [this, generation](const DataResult<QList<ReasonCount>> &r) {
            if (generation != m_reasonsGeneration || !r.ok()) {
                return; // the list keeps what it had; the failures tab says why
            }
            m_reasons.clear();
            for (const ReasonCount &c : *r.value) {
                m_reasons.append({c.reason, c.count});
            }
            showReasonChoice();
        });
}

void RecipientsView::showReasonChoice()
{
    const QSignalBlocker block(m_reason);
    m_reason->clear();
    m_reason->addItem(tr("Any reason"), QString());
    bool listed = m_reasonFilter.isEmpty();
    for (const auto &[reason, count] : m_reasons) {
        m_reason->addItem(tr("%1 (%2)").arg(FailuresModel::reasonText(reason), Formats::count(count)),
                          reason);
        listed = listed || reason == m_reasonFilter;
    }
    if (!listed) {
        // Chosen in the failures tab before this list was read.
        m_reason->addItem(FailuresModel::reasonText(m_reasonFilter), m_reasonFilter);
    }
    m_reason->setCurrentIndex(std::max(0, m_reason->findData(m_reasonFilter)));
}

QString RecipientsView::countText() const
{
    return m_count->text();
}

void RecipientsView::updateCount()
{
    if (!m_error.isEmpty()) {
        m_count->setText(tr("Could not read the recipients: %1").arg(m_error));
        return;
    }
    if (!m_model->hasFilter()) {
        m_count->clear();
        return;
    }
    if (m_model->isCounting() && m_model->rowCount() == 0) {
        m_count->setText(tr("Counting…"));
        return;
    }
    const int rows = m_model->rowCount();
    const int first = m_table->rowAt(0);
    QString text = tr("%Ln recipient(s)", nullptr, rows);
    if (rows > 0 && first >= 0) {
        int last = m_table->rowAt(m_table->viewport()->height() - 1);
        last = last < 0 ? rows - 1 : last;
        text = tr("%Ln recipient(s), showing %1–%2", nullptr, rows)
                   .arg(Formats::count(first + 1), Formats::count(last + 1));
    }
    m_count->setText(text);
}

} // namespace herald::ui
