#include "theme/StatusColors.h"

#include <QGuiApplication>
#include <QPalette>

#include <cmath>

namespace herald::ui {

namespace {
struct Pair
{
    QRgb light;
    QRgb dark;
};

// Light: dark enough for 4.5:1 on white and on Fusion's light grey window. Dark: light enough
// for 4.5:1 on the dark palette's window (#2b2d31) and base (#1f2023).
Pair pairFor(StatusColors::Status status)
{
    using S = StatusColors::Status;
    switch (status) {
    case S::Sent:
    case S::Completed:
        return {0x1a7f37, 0x4ac26b};
    case S::Failed:
    case S::Stopped:
        return {0xb42318, 0xff7b72};
    case S::Paused:
    case S::Warning:
        return {0x8a5a00, 0xe3b341};
    case S::Running:
    case S::Information:
        return {0x0b5cad, 0x6cb6ff};
    case S::Scheduled:
        return {0x7139b0, 0xc297ff};
    case S::Draft:
    case S::Cancelled:
    case S::Pending:
        return {0x5a636d, 0xa2abb5};
    }
    return {0x000000, 0xffffff};
}

double channel(int c)
{
    const double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}
} // namespace

QColor StatusColors::color(Status status, bool dark)
{
    const Pair p = pairFor(status);
    return QColor::fromRgb(dark ? p.dark : p.light);
}

QColor StatusColors::color(Status status)
{
    return color(status, isDark());
}

QColor StatusColors::progressFill(Progress progress, bool dark)
{
    // Deeper than the status colour in the dark theme, so that its text, black or white, reads
    // on it as well as beside it.
    switch (progress) {
    case Progress::Done:
        return dark ? QColor(0x2e, 0xa0, 0x43) : QColor(0x1a, 0x7f, 0x37);
    case Progress::Halted:
        return dark ? QColor(0x6e, 0x74, 0x7b) : QColor(0x86, 0x8e, 0x96);
    case Progress::Moving:
        break;
    }
    return dark ? QColor(0x38, 0x8b, 0xfd) : QColor(0x0b, 0x5c, 0xad);
}

QColor StatusColors::progressFill(Progress progress)
{
    return progressFill(progress, isDark());
}

bool StatusColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Window).lightness() < 128;
}

bool StatusColors::isDark()
{
    return isDark(QGuiApplication::palette());
}

double StatusColors::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor StatusColors::textOn(const QColor &background)
{
    return contrast(background, Qt::black) >= contrast(background, Qt::white) ? QColor(Qt::black)
                                                                              : QColor(Qt::white);
}

} // namespace herald::ui
