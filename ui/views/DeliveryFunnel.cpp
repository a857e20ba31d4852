#include "views/DeliveryFunnel.h"

#include "models/CampaignTableModel.h"
#include "theme/ToneText.h"
#include "widgets/ChartStyle.h"
#include "widgets/Formats.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
constexpr ChartStyle::Series roleOf[DeliveryFunnel::StageCount] = {
    ChartStyle::Series::Sent, ChartStyle::Series::Delivered, ChartStyle::Series::Read,
    ChartStyle::Series::Failed, ChartStyle::Series::FailedAfterSend};

// A horizontal bar chart puts its first category at the bottom: the funnel reads top down.
int positionOf(DeliveryFunnel::Stage stage)
{
    return DeliveryFunnel::StageCount - 1 - int(stage);
}

qint64 figure(const CampaignRow &row, DeliveryFunnel::Stage stage)
{
    switch (stage) {
    case DeliveryFunnel::Sent:
        return row.sent;
    case DeliveryFunnel::Delivered:
        return row.delivered;
    case DeliveryFunnel::Read:
        return row.read;
    case DeliveryFunnel::Failed:
        return row.failed;
    case DeliveryFunnel::FailedAfterSend:
        return row.failedAfterSend;
    case DeliveryFunnel::StageCount:
        break;
    }
    return 0;
}
} // namespace

DeliveryFunnel::DeliveryFunnel(QWidget *parent)
    : QWidget(parent)
    , m_tracking(new QLabel(this))
    , m_chart(ChartStyle::makeChart(tr("Delivery")))
    , m_view(ChartStyle::makeView(m_chart, this))
    , m_stages(new QBarCategoryAxis)
    , m_counts(new QValueAxis)
{
    m_tracking->setObjectName(u"deliveryTracking"_s);
    m_tracking->setWordWrap(true);
    m_tracking->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(u"deliveryFunnel"_s);
    m_view->setAccessibleName(tr("Delivery funnel"));
    m_view->setMinimumWidth(340);
    // One set per stage, each with a value only in its own row: one colour per stage.
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    for (int s = 0; s < StageCount; ++s) {
        m_sets[s] = new QBarSet(QString());
        for (int i = 0; i < StageCount; ++i) {
            *m_sets[s] << 0;
        }
        ChartStyle::colour(m_sets[s], roleOf[s]); // and again on a theme change
        series->append(m_sets[s]);
    }
    m_chart->addSeries(series);
    m_chart->addAxis(m_stages, Qt::AlignLeft);
    m_chart->addAxis(m_counts, Qt::AlignBottom);
    series->attachAxis(m_stages);
    series->attachAxis(m_counts);
    m_stages->setGridLineVisible(false);
    m_chart->legend()->hide(); // the stages are named on the axis

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tracking);
    layout->addWidget(m_view, 1);
    clear();
}

DeliveryFunnel::~DeliveryFunnel() = default;

QString DeliveryFunnel::stageLabel(Stage stage, const CampaignRow &row) const
{
    switch (stage) {
    case Sent:
        return tr("Sent: %1").arg(Formats::count(row.sent));
    case Delivered:
        return tr("Delivered: %1").arg(CampaignTableModel::ofSentText(row, row.delivered));
    case Read:
        return tr("Read: %1").arg(CampaignTableModel::ofSentText(row, row.read));
    case Failed:
        return tr("Failed: %1").arg(Formats::count(row.failed));
    case FailedAfterSend:
        return tr("Failed later: %1").arg(CampaignTableModel::ofSentText(row, row.failedAfterSend));
    case StageCount:
        break;
    }
    return {};
}

void DeliveryFunnel::showCampaign(const CampaignRow &row)
{
    QStringList categories(StageCount);
    m_labels = QStringList(StageCount);
    qint64 top = 0;
    for (int s = 0; s < StageCount; ++s) {
        const auto stage = Stage(s);
        const qint64 n = figure(row, stage);
        m_labels[s] = stageLabel(stage, row);
        // The stage over its figures: on one line, a long count and share is cut off.
        categories[positionOf(stage)] = m_labels.at(s).toHtmlEscaped().replace(u": "_s, u"<br>"_s);
        m_sets[s]->replace(positionOf(stage), double(n));
        top = std::max(top, n);
    }
    m_stages->setCategories(categories);
    ChartStyle::setCountRange(m_counts, double(top));
    showTracking(row);
}

void DeliveryFunnel::showTracking(const CampaignRow &row)
{
    if (!row.deliveryTracked) {
        m_tracking->setText(tr("Delivery not tracked"));
        m_tracking->setToolTip(CampaignTableModel::notTrackedTip());
        ToneText::apply(m_tracking, MessageTone::Information);
        return;
    }
    const QString last = Formats::dayTime(row.lastCallbackAt);
    if (row.callbacksQuiet) {
        m_tracking->setText(
            tr("No delivery callback for this campaign's number since %1: is the webhook receiver running?")
                .arg(last));
        ToneText::apply(m_tracking, MessageTone::Warning);
    } else {
        m_tracking->setText(tr("Delivery tracked — last callback %1").arg(last));
        ToneText::apply(m_tracking, MessageTone::Information);
    }
    m_tracking->setToolTip(
        tr("Meta reports delivered, read and late failures to the webhook receiver "
           "(herald-cli webhooks serve); herald-cli webhooks status shows what it received."));
}

void DeliveryFunnel::clear()
{
    showCampaign(CampaignRow());
    m_tracking->clear();
    m_tracking->setToolTip({});
}

qint64 DeliveryFunnel::value(Stage stage) const
{
    return qint64(std::llround(m_sets[stage]->at(positionOf(stage))));
}

QString DeliveryFunnel::stageText(Stage stage) const
{
    return m_labels.value(stage);
}

QString DeliveryFunnel::trackingText() const
{
    return m_tracking->text();
}

QString DeliveryFunnel::trackingTip() const
{
    return m_tracking->toolTip();
}

} // namespace herald::ui
