#include "help/HelpMenu.h"

#include "dialogs/Prompt.h"
#include "help/AboutDialog.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuideWindow.h"
#include "log/LogFiles.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QMainWindow>
#include <QMenu>
#include <QUrl>

#include <utility>

using namespace Qt::StringLiterals;

namespace herald::ui {

HelpMenu::HelpMenu(QMainWindow &window, QMenu *menu, QAction *about, DatabaseConfig database)
    : QObject(&window)
    , m_window(window)
    , m_database(std::move(database))
    , m_userGuide(new QAction(tr("&User guide"), &window))
    , m_shortcuts(new QAction(tr("&Keyboard shortcuts"), &window))
    , m_logFolder(new QAction(tr("Show &log folder"), &window))
{
    m_userGuide->setObjectName(u"actionUserGuide"_s);
    m_userGuide->setShortcut(QKeySequence::HelpContents);
    m_userGuide->setToolTip(tr("How to use Herald, step by step"));
    m_shortcuts->setObjectName(u"actionKeyboardShortcuts"_s);
    m_shortcuts->setToolTip(tr("Every action and its shortcut"));
    m_logFolder->setObjectName(u"actionShowLogFolder"_s);
    m_logFolder->setToolTip(tr("Open the folder with Herald's daily log files"));
    for (QAction *a : {m_userGuide, m_shortcuts, m_logFolder}) {
        a->setStatusTip(a->toolTip());
    }
    menu->addAction(m_userGuide);
    menu->addAction(m_shortcuts);
    menu->addSeparator();
    menu->addAction(m_logFolder);
    menu->addSeparator();
    menu->addAction(about);
    connect(m_userGuide, &QAction::triggered, this, &HelpMenu::openUserGuide);
    connect(m_shortcuts, &QAction::triggered, this, &HelpMenu::openShortcuts);
    connect(m_logFolder, &QAction::triggered, this, &HelpMenu::showLogFolder);
    connect(about, &QAction::triggered, this, &HelpMenu::openAbout);
}

void HelpMenu::openUserGuide()
{
    const QString path = UserGuideWindow::findGuide();
    if (path.isEmpty()) {
        // An installation without the docs: the copy published with the sources still helps.
        const QUrl online(QString::fromLatin1(UserGuideWindow::OnlineGuide));
        Prompt::tell(&m_window, Prompt::Kind::Warning, tr("User guide not installed"),
                     tr("The user guide was not found on this computer, so it opens in your web "
                        "browser instead:\n%1")
                         .arg(online.toString()));
        QDesktopServices::openUrl(online);
        return;
    }
    if (!m_guide) {
        m_guide = new UserGuideWindow(&m_window);
    }
    m_guide->load(path);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

void HelpMenu::openShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void HelpMenu::openAbout()
{
    auto *dialog = new AboutDialog(m_database, LogFiles::defaultFolder(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void HelpMenu::showLogFolder()
{
    const QString folder = LogFiles::defaultFolder();
    if (!QDir().mkpath(folder) || !QDesktopServices::openUrl(QUrl::fromLocalFile(folder))) {
        Prompt::tell(&m_window, Prompt::Kind::Warning, tr("Log folder"),
                     tr("The log folder could not be opened. Herald writes its logs to:\n%1")
                         .arg(QDir::toNativeSeparators(folder)));
    }
}

} // namespace herald::ui
