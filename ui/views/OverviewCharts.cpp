#include "views/OverviewCharts.h"

#include "data/DataService.h"
#include "widgets/ChartStyle.h"
#include "widgets/Formats.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QStackedWidget>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QLineSeries *makeLine(const QString &name, ChartStyle::Series role)
{
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen = series->pen();
    pen.setWidthF(2.0);
    series->setPen(pen);
    ChartStyle::colour(series, role); // and again on a theme change
    return series;
}

QString rateText(double perSecond)
{
    return QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
}
} // namespace

OverviewCharts::OverviewCharts(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_summary(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_chartsPane(new QWidget(this))
    , m_chartsLayout(new QBoxLayout(QBoxLayout::LeftToRight, m_chartsPane))
    , m_totalsChart(ChartStyle::makeChart(tr("Messages sent and failed")))
    , m_rateChart(ChartStyle::makeChart(tr("Throughput (messages per second)")))
    , m_totalsView(ChartStyle::makeView(m_totalsChart, m_chartsPane))
    , m_rateView(ChartStyle::makeView(m_rateChart, m_chartsPane))
    , m_sent(makeLine(tr("Sent"), ChartStyle::Series::Sent))
    , m_failed(makeLine(tr("Failed"), ChartStyle::Series::Failed))
    , m_rate(makeLine(tr("Sent and failed per second"), ChartStyle::Series::Rate))
    , m_totalsTime(new QDateTimeAxis)
    , m_rateTime(new QDateTimeAxis)
    , m_counts(new QValueAxis)
    , m_rates(new QValueAxis)
{
    m_summary->setObjectName(u"overviewSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setObjectName(u"overviewEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_totalsView->setObjectName(u"overviewTotalsChart"_s);
    m_rateView->setObjectName(u"overviewRateChart"_s);

    m_totalsChart->addSeries(m_sent);
    m_totalsChart->addSeries(m_failed);
    m_totalsChart->addAxis(m_totalsTime, Qt::AlignBottom);
    m_totalsChart->addAxis(m_counts, Qt::AlignLeft);
    for (QLineSeries *s : {m_sent, m_failed}) {
        s->attachAxis(m_totalsTime);
        s->attachAxis(m_counts);
    }
    m_rateChart->addSeries(m_rate);
    m_rateChart->addAxis(m_rateTime, Qt::AlignBottom);
    m_rateChart->addAxis(m_rates, Qt::AlignLeft);
    m_rate->attachAxis(m_rateTime);
    m_rate->attachAxis(m_rates);
    m_rateChart->legend()->hide(); // one line, named by the title

    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->setSpacing(6);
    m_chartsLayout->addWidget(m_totalsView, 1);
    m_chartsLayout->addWidget(m_rateView, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_chartsPane);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
    clear();
}

OverviewCharts::~OverviewCharts() = default;

void OverviewCharts::showCampaign(const CampaignRow &row)
{
    const bool switched = row.id != m_row.id;
    const bool backwards = !switched && (row.sent < m_row.sent || row.failed < m_row.failed);
    m_row = row;
    if (switched) {
        ++m_generation;
        m_history.reset({});
        m_loaded = false;
        m_needFull = true;
        m_points = {};
        showEmpty(tr("Reading the history…"));
    } else if (backwards) {
        m_needFull = true; // a resend or a repair may have changed earlier minutes
    }
    if (m_loaded && !m_needFull && caughtUp()) {
        redraw(); // the status may have changed: the last minute stops growing
        return;
    }
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    read();
}

void OverviewCharts::clear()
{
    ++m_generation;
    m_row = CampaignRow();
    m_history.reset({});
    m_points = {};
    m_loaded = false;
    m_needFull = true;
    m_readAgain = false;
    m_summary->clear();
    showEmpty(tr("Select a campaign to see how its sending went."));
}

bool OverviewCharts::caughtUp() const
{
    return m_history.sent() == m_row.sent && m_history.failed() == m_row.failed;
}

void OverviewCharts::read()
{
    const bool full = m_needFull || !m_loaded;
    const QDateTime since = full ? QDateTime() : m_history.lastMinute();
    const QString id = m_row.id;
    const int generation = m_generation;
    m_needFull = false;
    m_reading = true;
    m_data.submit<QList<MinuteCount>>(
        this, [id, since](Database &db) { return CampaignHistory(db).minutes(id, since); },
        [this, generation, full, since](const DataResult<QList<MinuteCount>> &r) {
            m_reading = false;
            if (generation == m_generation) {
                if (!r.ok()) {
                    m_summary->clear();
                    showEmpty(tr("The campaign's history cannot be read: %1").arg(r.error));
                } else {
                    if (full) {
                        m_history.reset(*r.value);
                        ++m_fullReads;
                    } else {
                        m_history.merge(since, *r.value);
                        ++m_partialReads;
                        // Read after the snapshot, the history can only be ahead of it, unless
                        // a minute before the last one held was written late (a sender whose
                        // clock lags): then only a full read is right.
                        if (m_history.sent() < m_row.sent || m_history.failed() < m_row.failed) {
                            m_needFull = true;
                            m_readAgain = true;
                        }
                    }
                    m_loaded = true;
                    redraw();
                    Q_EMIT historyShown();
                }
            }
            if (m_readAgain && !m_row.id.isEmpty()) {
                m_readAgain = false;
                if (!m_loaded || m_needFull || !caughtUp()) {
                    read();
                }
            }
        });
}

void OverviewCharts::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
}

void OverviewCharts::redraw()
{
    const CampaignRow &row = m_row;
    if (m_history.isEmpty()) {
        m_points = {};
        m_sent->clear();
        m_failed->clear();
        m_rate->clear();
        m_summary->clear();
        if (row.sent != 0 || row.failed != 0) {
            showEmpty(tr("No per-minute history is stored for this campaign (%1 sent, %2 failed). Tools ▸ "
                         "Repair counters… rebuilds it from the messages' own times.")
                          .arg(Formats::count(row.sent), Formats::count(row.failed)));
        } else if (row.status == CampaignStatus::Running) {
            showEmpty(tr("Nothing sent yet: the charts begin with the first answer from WhatsApp."));
        } else if (row.status == CampaignStatus::Draft || row.status == CampaignStatus::Scheduled) {
            showEmpty(tr("Not sent yet: the charts begin when the campaign starts sending."));
        } else {
            showEmpty(tr("Nothing was sent in this campaign."));
        }
        return;
    }
    MinuteHistory::Timing timing;
    timing.startedAt = row.startTime;
    timing.lastActivity = row.updatedAt;
    if (row.status == CampaignStatus::Running) {
        timing.now = QDateTime::currentDateTimeUtc();
    }
    m_points = m_history.points(timing);
    m_sent->replace(m_points.sent);
    m_failed->replace(m_points.failed);
    m_rate->replace(m_points.rate);
    ChartStyle::setCountRange(m_counts, double(m_points.maxCumulative));
    ChartStyle::setCountRange(m_rates, m_points.peakRate, false);
    layoutCharts();

    QString summary =
        tr("%1 sent, %2 failed").arg(Formats::count(m_history.sent()), Formats::count(m_history.failed()));
    if (m_points.activeSeconds > 0) {
        summary += tr(" — peak %1 messages/s, average %2 messages/s over %3 of sending")
                       .arg(rateText(m_points.peakRate), rateText(m_points.averageRate),
                            Formats::duration(m_points.activeSeconds));
    }
    if (!caughtUp() && row.status != CampaignStatus::Running) {
        summary +=
            tr(". The history does not add up to the campaign's counters (%1 sent, %2 failed); Tools ▸ "
               "Repair counters… rebuilds it.")
                .arg(Formats::count(row.sent), Formats::count(row.failed));
    }
    m_summary->setText(summary);
    m_stack->setCurrentWidget(m_chartsPane);
}

void OverviewCharts::layoutCharts()
{
    // Side by side when the pane is wide (the detail under the campaign table), stacked when it
    // is tall; each chart gets the room its time axis needs.
    const bool wide = m_stack->width() >= m_stack->height() * 2;
    m_chartsLayout->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    if (m_points.sent.isEmpty()) {
        return;
    }
    const int chartWidth = wide ? m_stack->width() / 2 : m_stack->width();
    const int plotWidth = std::max(120, chartWidth - 80); // the value axis' labels take the rest
    ChartStyle::setTimeRange(m_totalsTime, m_points.fromMs, m_points.toMs, plotWidth);
    ChartStyle::setTimeRange(m_rateTime, m_points.fromMs, m_points.toMs, plotWidth);
}

void OverviewCharts::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutCharts();
}

qint64 OverviewCharts::lastSent() const
{
    return m_sent->count() > 0 ? qint64(std::llround(m_sent->at(m_sent->count() - 1).y())) : 0;
}

qint64 OverviewCharts::lastFailed() const
{
    return m_failed->count() > 0 ? qint64(std::llround(m_failed->at(m_failed->count() - 1).y())) : 0;
}

bool OverviewCharts::showsCharts() const
{
    return m_stack->currentWidget() == m_chartsPane;
}

QString OverviewCharts::emptyText() const
{
    return showsCharts() ? QString() : m_empty->text();
}

QString OverviewCharts::summaryText() const
{
    return m_summary->text();
}

} // namespace herald::ui
