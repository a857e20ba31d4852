#include "pages/DailySummaryPage.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "models/DailyBuckets.h"
#include "models/DailySummaryModel.h"
#include "widgets/ChartStyle.h"
#include "widgets/Formats.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStackedBarSeries>
#include <QTableView>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}

struct DailyRead
{
    QList<DailySummaryRow> rows;
    QDate today;
};
} // namespace

DailySummaryPage::DailySummaryPage(DataService &data, const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_context(context)
    , m_campaign(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_totals(new QLabel(this))
    , m_chart(ChartStyle::makeChart(tr("Messages per day")))
    , m_view(ChartStyle::makeView(m_chart, this))
    , m_series(new QStackedBarSeries)
    , m_sentSet(new QBarSet(tr("Sent")))
    , m_failedSet(new QBarSet(tr("Failed")))
    , m_days(new QCategoryAxis)
    , m_counts(new QValueAxis)
    , m_model(new DailySummaryModel(this))
    , m_table(new QTableView(this))
{
    m_campaign->setObjectName(u"dailyCampaign"_s);
    m_campaign->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_campaign->addItem(tr("All campaigns"), QString());
    m_range->setObjectName(u"dailyRange"_s);
    m_range->addItem(tr("Last 7 days"), 7);
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("Last 90 days"), 90);
    m_range->addItem(tr("Last 12 months"), 365);
    m_range->addItem(tr("All history"), 0);
    m_range->setCurrentIndex(1);
    m_totals->setObjectName(u"dailyTotals"_s);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(u"dailyChart"_s);
    m_view->setAccessibleName(tr("Messages per day"));
    m_view->setAccessibleDescription(
        tr("Chart of the messages sent and failed each day; the table beside it holds the same figures."));

    ChartStyle::colour(m_sentSet, ChartStyle::Series::Sent);
    ChartStyle::colour(m_failedSet, ChartStyle::Series::Failed);
    m_series->append(m_sentSet);
    m_series->append(m_failedSet);
    m_series->setBarWidth(0.8);
    m_chart->addSeries(m_series);
    // A value axis with labels where they fit, rather than a category axis with one per bar,
    // which crams 30 dates (or truncates them) under a month of bars.
    m_days->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_days->setGridLineVisible(false);
    m_chart->addAxis(m_days, Qt::AlignBottom);
    m_chart->addAxis(m_counts, Qt::AlignLeft);
    m_series->attachAxis(m_days);
    m_series->attachAxis(m_counts);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(DailySummaryModel::RawRole);
    m_table->setObjectName(u"dailyTable"_s);
    m_table->setAccessibleName(tr("Daily summary"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DailySummaryModel::Day, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Campaign:"), this));
    top->addWidget(m_campaign);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Range:"), this));
    top->addWidget(m_range);
    top->addSpacing(12);
    top->addWidget(m_totals, 1);
    // The table has five narrow columns: beside the chart, which gets the rest.
    auto *body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(body, 1);

    connect(m_campaign, &QComboBox::activated, this, [this] { apply(); });
    connect(m_range, &QComboBox::activated, this, [this] { refresh(); });
    apply();
}

DailySummaryPage::~DailySummaryPage() = default;

int DailySummaryPage::days() const
{
    return m_range->currentData().toInt();
}

QString DailySummaryPage::campaignId() const
{
    return m_campaign->currentData().toString();
}

void DailySummaryPage::refresh()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    const int range = days();
    const AppContext ctx = m_context;
    m_data.submit<DailyRead>(
        this,
        [range, ctx](Database &db) {
            DailySummary summary(db, clockOf(ctx));
            summary.refresh(range);
            return DailyRead{summary.rows(range), clockOf(ctx).now().toUTC().date()};
        },
        [this, range](const DataResult<DailyRead> &r) {
            m_reading = false;
            if (r.ok()) {
                m_rows = r.value->rows;
                m_today = r.value->today;
                m_readDays = range;
                fillCampaigns();
                apply();
            } else {
                m_totals->setText(tr("The daily summary cannot be read: %1").arg(r.error));
            }
            if (std::exchange(m_readAgain, false) || range != days()) {
                refresh();
                return;
            }
            Q_EMIT shown();
        });
}

void DailySummaryPage::fillCampaigns()
{
    // The campaigns with messages in the range, by name; the chosen one stays chosen.
    const QString chosen = campaignId();
    QMap<QString, QString> names; // name → id, sorted by name
    for (const DailySummaryRow &r : std::as_const(m_rows)) {
        names.insert(r.campaignName, r.campaignId);
    }
    m_campaign->clear();
    m_campaign->addItem(tr("All campaigns"), QString());
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        m_campaign->addItem(it.key(), it.value());
    }
    const int index = m_campaign->findData(chosen);
    m_campaign->setCurrentIndex(std::max(0, index));
}

void DailySummaryPage::apply()
{
    m_model->setRows(m_rows, campaignId());
    m_table->setColumnHidden(DailySummaryModel::Campaigns, !campaignId().isEmpty());
    // As wide as its columns (the chart takes the rest), within reason.
    m_table->resizeColumnsToContents();
    const int columns = m_table->horizontalHeader()->length() + 2 * m_table->frameWidth() +
                        m_table->verticalScrollBar()->sizeHint().width();
    m_table->setFixedWidth(std::clamp(columns, 320, 620));

    QDate to = m_today.isValid() ? m_today : QDate::currentDate();
    QDate from = m_readDays > 0 ? to.addDays(-(m_readDays - 1)) : QDate();
    if (!from.isValid()) {
        from = m_model->days().isEmpty() ? to : m_model->days().last().day;
    }
    const QList<DailyBucket> buckets = DailyBuckets::make(m_model->days(), from, to);
    QStringList labels;
    QList<qreal> sent;
    QList<qreal> failed;
    qint64 max = 0;
    for (const DailyBucket &b : buckets) {
        labels << b.label;
        sent << qreal(b.sent);
        failed << qreal(b.failed);
        max = std::max(max, b.sent + b.failed);
    }
    m_sentSet->remove(0, m_sentSet->count());
    m_failedSet->remove(0, m_failedSet->count());
    m_sentSet->append(sent);
    m_failedSet->append(failed);
    m_labels = labels;
    labelBars();
    ChartStyle::setCountRange(m_counts, double(max));
    const DailyBuckets::Size size = DailyBuckets::sizeFor(from.daysTo(to) + 1);
    const QString who = campaignId().isEmpty() ? tr("all campaigns") : m_campaign->currentText();
    m_chart->setTitle(tr("Messages %1, %2 (UTC days)").arg(DailyBuckets::describe(size), who));

    const qint64 s = m_model->totalSent();
    const qint64 f = m_model->totalFailed();
    if (s + f == 0) {
        m_totals->setText(m_readDays < 0 ? tr("Reading…")
                                         : tr("No messages were sent or failed in this range."));
    } else {
        m_totals->setText(
            tr("In this range: %1 sent, %2 failed (%3 of the messages finished).")
                .arg(Formats::count(s), Formats::count(f), Formats::percent(double(f) / double(s + f))));
    }
}

void DailySummaryPage::labelBars()
{
    // Bar i stands at x = i. Every k-th bar gets its label, counted back from the newest.
    for (const QString &label : m_days->categoriesLabels()) {
        m_days->remove(label);
    }
    const qsizetype n = m_labels.size();
    m_days->setRange(-0.5, std::max<qsizetype>(1, n) - 0.5);
    if (n == 0) {
        return;
    }
    const int plotWidth = std::max(100, m_view->width() - 90);
    const int widest = QFontMetrics(m_days->labelsFont()).horizontalAdvance(m_labels.last()) + 16;
    // Room for the newest bar's label, centred on a bar at the plot's right edge.
    m_chart->setMargins(QMargins(4, 2, widest / 2, 2));
    const qsizetype fit = std::max(1, plotWidth / std::max(30, widest));
    const qsizetype step = (n + fit - 1) / fit;
    QList<qsizetype> shown;
    for (qsizetype i = n - 1; i >= 0; i -= step) {
        shown.prepend(i);
    }
    for (const qsizetype i : shown) {
        m_days->append(m_labels.at(i), qreal(i));
    }
}

void DailySummaryPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    labelBars();
}

QStringList DailySummaryPage::barLabels() const
{
    return m_labels;
}

void DailySummaryPage::selectCampaign(const QString &id)
{
    m_campaign->setCurrentIndex(std::max(0, m_campaign->findData(id)));
    apply();
}

void DailySummaryPage::setDays(int n)
{
    const int index = m_range->findData(n);
    if (index >= 0) {
        m_range->setCurrentIndex(index);
        refresh();
    }
}

QString DailySummaryPage::totalsText() const
{
    return m_totals->text();
}

} // namespace herald::ui
