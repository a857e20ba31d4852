#include "theme/ChartThemer.h"

#include "theme/StatusColors.h"
#include "widgets/ChartStyle.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGuiApplication>
#include <QLegend>
#include <QXYSeries>

namespace herald::ui {

namespace {
QColor mixed(const QColor &a, const QColor &b, double towardsB)
{
    const auto mix = [towardsB](int x, int y) {
        return int(x + (y - x) * towardsB + 0.5);
    };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

void colourSeries(QAbstractSeries *series)
{
    if (auto *xy = qobject_cast<QXYSeries *>(series)) {
        const QVariant role = xy->property(ChartStyle::seriesProperty);
        if (role.isValid()) {
            QPen pen = xy->pen();
            pen.setColor(ChartStyle::seriesColor(ChartStyle::Series(role.toInt())));
            xy->setPen(pen);
        }
    } else if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
        for (QBarSet *set : bars->barSets()) {
            const QVariant role = set->property(ChartStyle::seriesProperty);
            if (role.isValid()) {
                const QColor c = ChartStyle::seriesColor(ChartStyle::Series(role.toInt()));
                set->setColor(c);
                set->setBorderColor(c);
            }
        }
    }
}
} // namespace

void ChartThemer::watch(QChartView *view)
{
    auto *themer = new ChartThemer(view);
    view->installEventFilter(themer);
}

void ChartThemer::apply(QChart *chart)
{
    const QPalette p = QGuiApplication::palette();
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    const QColor grid = mixed(base, text, 0.16);
    const QColor line = mixed(base, text, 0.45);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(line);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(mixed(base, text, 0.08));
        axis->setShadesVisible(false);
    }
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *s : series) {
        colourSeries(s);
    }
}

bool ChartThemer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Polish || event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::StyleChange || event->type() == QEvent::ApplicationPaletteChange) {
        if (auto *view = qobject_cast<QChartView *>(watched); view && view->chart()) {
            apply(view->chart());
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace herald::ui
