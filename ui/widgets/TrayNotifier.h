#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace herald::ui {

// The tray icon, where the platform has one: a notification when a campaign completes, pauses
// or stops, with the reason; clicking it brings the window back. Without a tray (offscreen,
// some desktops) it does nothing and says so once in the status bar's notices.
class TrayNotifier : public QObject
{
    Q_OBJECT

public:
    explicit TrayNotifier(QWidget *window, QObject *parent = nullptr);

    bool available() const { return m_tray != nullptr; }
    void notify(const QString &title, const QString &text, bool problem);
    // What was notified, for tests (also when no tray exists).
    const QStringList &history() const { return m_history; }

private:
    QSystemTrayIcon *m_tray = nullptr;
    QStringList m_history;
};

} // namespace herald::ui
