#pragma once

#include <QObject>

class QChart;
class QChartView;

namespace herald::ui {

// Keeps a chart in the colours of the application's palette: its background, title, legend,
// axes and grid, and the series' colours (sent, failed, rate) from StatusColors. Applied when
// the view is first polished and again whenever its palette changes, that is, on every theme
// change; so a chart built before the change looks like one built after it.
class ChartThemer : public QObject
{
    Q_OBJECT

public:
    static void watch(QChartView *view);
    static void apply(QChart *chart);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace herald::ui
