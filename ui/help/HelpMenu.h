#pragma once

#include "db/DatabaseConfig.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;

namespace herald::ui {

class UserGuideWindow;

// The Help menu: the user guide (F1), the keyboard shortcuts, the log folder and About. The
// main window only hands over its menu, its About action and the database it uses.
class HelpMenu : public QObject
{
    Q_OBJECT

public:
    HelpMenu(QMainWindow &window, QMenu *menu, QAction *about, DatabaseConfig database);

    QAction *userGuide() const { return m_userGuide; }
    QAction *shortcuts() const { return m_shortcuts; }
    QAction *logFolder() const { return m_logFolder; }

    void openUserGuide();
    void openShortcuts();
    void openAbout();
    // Creates the folder if it is missing (nothing was logged yet), then shows it.
    void showLogFolder();

private:
    QMainWindow &m_window;
    DatabaseConfig m_database;
    QAction *m_userGuide;
    QAction *m_shortcuts;
    QAction *m_logFolder;
    QPointer<UserGuideWindow> m_guide;
};

} // namespace herald::ui
