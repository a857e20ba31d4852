#pragma once

#include <QColor>

class QPalette;

namespace herald::ui {

// The one place that knows the colours of what things are (sent, failed, paused, running …) in
// the light and the dark theme. Each colour reaches 4.5:1 against the theme's window and base
// colours, so it serves as text as well as for graphics (bars, chart lines, icons). Colour is
// never the only signal: the status icons differ in shape too (Icons).
class StatusColors
{
public:
    enum class Status {
        Sent,
        Completed,
        Failed,
        Paused,
        Running,
        Scheduled,
        Draft,
        Stopped,
        Cancelled,
        Pending,
        Information,
        Warning,
    };
    static constexpr Status all[] = {Status::Sent,    Status::Completed,   Status::Failed,
                                     Status::Paused,  Status::Running,     Status::Scheduled,
                                     Status::Draft,   Status::Stopped,     Status::Cancelled,
                                     Status::Pending, Status::Information, Status::Warning};

    // In the theme the application shows now (its palette's window colour says which).
    static QColor color(Status status);
    static QColor color(Status status, bool dark);

    // The fill of a campaign's progress bar: moving (blue), done (green) or halted, paused or
    // stopped (grey, yet 3:1 on the base so the figure still shows).
    enum class Progress { Moving, Done, Halted };
    static constexpr Progress allProgress[] = {Progress::Moving, Progress::Done, Progress::Halted};
    static QColor progressFill(Progress progress, bool dark);
    static QColor progressFill(Progress progress);

    static bool isDark(const QPalette &palette);
    static bool isDark(); // the application's palette
    // WCAG 2 contrast ratio, 1 to 21.
    static double contrast(const QColor &a, const QColor &b);
    // Black or white, whichever reads better on `background`.
    static QColor textOn(const QColor &background);
};

} // namespace herald::ui
