#include "widgets/ChartStyle.h"

#include "theme/ChartThemer.h"
#include "theme/StatusColors.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLocale>
#include <QRegularExpression>
#include <QValueAxis>
#include <QXYSeries>

#include <cmath>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// 1, 2, 2.5 or 5 times a power of ten, at or above `raw`.
double niceStep(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double residual = raw / magnitude;
    for (const double f : {1.0, 2.0, 2.5, 5.0}) {
        if (residual <= f + 1e-9) {
            return f * magnitude;
        }
    }
    return 10.0 * magnitude;
}
} // namespace

QColor ChartStyle::seriesColor(Series series)
{
    switch (series) {
    case Series::Sent:
        return StatusColors::color(StatusColors::Status::Sent);
    case Series::Failed:
        return StatusColors::color(StatusColors::Status::Failed);
    case Series::Rate:
        return StatusColors::color(StatusColors::Status::Running);
    case Series::Delivered:
        return StatusColors::color(StatusColors::Status::Information);
    case Series::Read:
        return StatusColors::color(StatusColors::Status::Scheduled);
    case Series::FailedAfterSend:
        return StatusColors::color(StatusColors::Status::Warning);
    }
    return {};
}

void ChartStyle::colour(QXYSeries *series, Series role)
{
    series->setProperty(seriesProperty, int(role));
    QPen pen = series->pen();
    pen.setColor(seriesColor(role));
    series->setPen(pen);
}

void ChartStyle::colour(QBarSet *set, Series role)
{
    set->setProperty(seriesProperty, int(role));
    set->setColor(seriesColor(role));
    set->setBorderColor(seriesColor(role));
}

QColor ChartStyle::sentColor()
{
    return seriesColor(Series::Sent);
}

QColor ChartStyle::failedColor()
{
    return seriesColor(Series::Failed);
}

QColor ChartStyle::rateColor()
{
    return seriesColor(Series::Rate);
}

QChart *ChartStyle::makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont titleFont = QApplication::font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setMargins(QMargins(4, 2, 8, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation); // a live chart redraws several times a second
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setFont(QApplication::font());
    ChartThemer::apply(chart);
    return chart;
}

QChartView *ChartStyle::makeView(QChart *chart, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 180);
    view->setFrameShape(QFrame::NoFrame);
    ChartThemer::watch(view);
    return view;
}

void ChartStyle::setCountRange(QValueAxis *axis, double max, bool whole, int ticks)
{
    max = std::max(max, 1.0);
    double step = niceStep(max / std::max(1, ticks - 1));
    if (whole) {
        step = std::max(1.0, std::round(step));
    }
    const double top = std::ceil(max / step - 1e-9) * step;
    axis->setRange(0, top);
    axis->setTickCount(int(std::lround(top / step)) + 1);
    // "%.0f" rather than "%d": with localized numbers Qt Charts formats it with the locale's
    // group separators ("12,500").
    // A step of 2.5 needs its decimal too, or the labels read 0, 3, 5, 8, 10.
    axis->setLabelFormat(!whole && step != std::floor(step) ? u"%.1f"_s : u"%.0f"_s);
}

QString ChartStyle::timeFormat(qint64 fromMs, qint64 toMs, qint64 intervalMs)
{
    QString time = QLocale().timeFormat(QLocale::ShortFormat);
    // Some locales' short format still has seconds: noise on an axis of minutes.
    time.remove(QRegularExpression(u"[:.]ss"_s));
    const QDate from = QDateTime::fromMSecsSinceEpoch(fromMs).date();
    const QDate to = QDateTime::fromMSecsSinceEpoch(toMs).date();
    if (intervalMs >= 24 * 3600 * 1000) {
        return from.year() == to.year() ? u"d MMM"_s : u"d MMM yyyy"_s;
    }
    if (intervalMs < 60 * 1000) {
        time.replace(u"mm"_s, u"mm:ss"_s); // a campaign of a few minutes
    }
    // The last label may be midnight of the next day: still one day.
    return from == to || (from.daysTo(to) == 1 && QDateTime::fromMSecsSinceEpoch(toMs).time() == QTime(0, 0))
               ? time
               : u"d MMM "_s + time;
}

void ChartStyle::setTimeRange(QDateTimeAxis *axis, qint64 fromMs, qint64 toMs, int width, int pixelsPerLabel)
{
    if (toMs <= fromMs) {
        toMs = fromMs + 60'000;
    }
    // Labels on round times (10:00, 10:15, …): the range widens to multiples of the smallest
    // round interval (in local time) that keeps the labels apart.
    static constexpr qint64 s = 1000;
    static constexpr qint64 m = 60 * s;
    static constexpr qint64 h = 60 * m;
    static constexpr qint64 d = 24 * h;
    static constexpr qint64 intervals[] = {s,      2 * s,  5 * s,  10 * s, 15 * s, 30 * s, m,      2 * m,
                                           5 * m,  10 * m, 15 * m, 30 * m, h,      2 * h,  3 * h,  6 * h,
                                           12 * h, d,      2 * d,  7 * d,  14 * d, 28 * d, 91 * d, 364 * d};
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(fromMs).offsetFromUtc()) * 1000;
    qint64 from = fromMs;
    qint64 to = toMs;
    qint64 interval = m;
    int ticks = 2;
    for (const qint64 candidate : intervals) {
        interval = candidate;
        from = (fromMs + offset) / interval * interval - offset;
        to = (toMs + offset + interval - 1) / interval * interval - offset;
        ticks = int((to - from) / interval) + 1;
        // Labels like "3 Mar 10:00" are longer than "10:00".
        const QString format = timeFormat(from, to, interval);
        const int room = format.size() > 8 ? pixelsPerLabel * 3 / 2 : pixelsPerLabel;
        if (ticks <= std::max(2, width / std::max(40, room))) {
            break;
        }
    }
    axis->setFormat(timeFormat(from, to, interval));
    axis->setTickCount(std::clamp(ticks, 2, 40));
    axis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
}

} // namespace herald::ui
