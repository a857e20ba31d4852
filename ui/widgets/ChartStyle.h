#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QBarSet;
class QChart;
class QChartView;
class QXYSeries;
class QDateTimeAxis;
class QValueAxis;
class QWidget;

namespace herald::ui {

// How the console's charts look and draw. Always raster: offscreen test runs, remote desktops
// and many virtual machines have no OpenGL, and a chart that needs it draws nothing there. One
// place for the colours of sent, failed and throughput, so the overview and the daily summary
// agree, and numbers in the user's locale ("12,500" on the axes, not "12500").
class ChartStyle
{
    Q_DECLARE_TR_FUNCTIONS(ChartStyle)

public:
    // The colours come from StatusColors, in the theme shown now. A series coloured through
    // colour() keeps its role and follows theme changes (ChartThemer).
    // Delivered, Read and FailedAfterSend: the delivery funnel's stages after Sent.
    enum class Series { Sent, Failed, Rate, Delivered, Read, FailedAfterSend };
    static constexpr const char *seriesProperty = "heraldSeries";
    static QColor seriesColor(Series series);
    static void colour(QXYSeries *series, Series role);
    static void colour(QBarSet *set, Series role);
    static QColor sentColor();
    static QColor failedColor();
    static QColor rateColor();

    // A chart with the console's margins, fonts, legend and theme colours, titled `title`.
    static QChart *makeChart(const QString &title);
    // A raster view of `chart`, antialiased, with a sensible minimum size, following the theme.
    static QChartView *makeView(QChart *chart, QWidget *parent);
    // An axis starting at 0 whose top is a round number at or above `max` (at least 1), with
    // whole-number steps and labels for counts, or a decimal for small rates.
    static void setCountRange(QValueAxis *axis, double max, bool whole = true, int ticks = 5);
    // A time axis over [fromMs, toMs] (milliseconds since the epoch, shown in local time), widened
    // to round label times at most one per `pixelsPerLabel` of `width`, in a format that suits.
    static void setTimeRange(QDateTimeAxis *axis, qint64 fromMs, qint64 toMs, int width,
                             int pixelsPerLabel = 70);
    // The label format for labels `intervalMs` apart over [fromMs, toMs]: the time of day while
    // the range lies in one local day (with seconds below a minute), with the date when it spans
    // several, the date alone for labels a day or more apart.
    static QString timeFormat(qint64 fromMs, qint64 toMs, qint64 intervalMs);
};

} // namespace herald::ui
