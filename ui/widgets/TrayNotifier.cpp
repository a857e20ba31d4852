#include "widgets/TrayNotifier.h"

#include "theme/Icons.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace herald::ui {

TrayNotifier::TrayNotifier(QWidget *window, QObject *parent)
    : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        return;
    }
    m_tray = new QSystemTrayIcon(Icons::app(), this); // made before the window icon is set
    m_tray->setObjectName(u"trayIcon"_s);
    m_tray->setToolTip(QApplication::applicationDisplayName());
    connect(m_tray, &QSystemTrayIcon::activated, window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    m_tray->show();
}

void TrayNotifier::notify(const QString &title, const QString &text, bool problem)
{
    m_history << title + u": "_s + text;
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text, problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                            15'000);
    }
}

} // namespace herald::ui
