#pragma once

#include <QObject>

class QSocketNotifier;

namespace herald::cli {

// Turns Ctrl+C (SIGINT) and SIGTERM into a Qt signal delivered on the main thread, so a
// command can pause a send gracefully instead of dying with requests in flight. A second
// Ctrl+C while the first is being handled is reported as well (callers may then give up
// waiting). While no watcher exists the default behaviour applies.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void interrupted(int count);

private:
    void drain();

    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace herald::cli
