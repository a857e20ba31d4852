// The Help menu of the real main window: its actions by object name, F1 opening the user guide
// with its screenshots, the keyboard shortcuts generated from the window's actions, About with
// the version and the licences, and Show Log Folder creating the folder it opens — on SQLite and
// PostgreSQL (About shows the database without its password).
#include "ConsoleFixture.h"
#include "help/AboutDialog.h"
#include "help/HelpMenu.h"
#include "help/ShortcutTableModel.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuideWindow.h"
#include "log/LogFiles.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDesktopServices>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextFragment>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

// Receives what QDesktopServices::openUrl would have handed to the desktop.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

namespace {
QMenu *helpMenu(MainWindow &w)
{
    const QList<QAction *> menus = w.menuBar()->actions();
    return menus.isEmpty() ? nullptr : menus.last()->menu();
}

QAction *action(MainWindow &w, const QString &name)
{
    return w.findChild<QAction *>(name);
}

QStringList imageNames(const QTextDocument &doc)
{
    QStringList names;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat()) {
                names << it.fragment().charFormat().toImageFormat().name();
            }
        }
    }
    return names;
}

QString plainText(QString text)
{
    text.replace(u"&&"_s, u"\x1f"_s);
    text.remove(u'&');
    return text.replace(u"\x1f"_s, u"&"_s);
}
} // namespace

class TestHelpMenu : public QObject
{
    Q_OBJECT

    ConsoleFixture m_console;

    MainWindow *openWindow()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        ConsoleOptions options;
        options.syncTemplates = false;
        if (!m_console.prepare(backend, &skip, options)) {
            return nullptr;
        }
        return m_console.open();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void cleanup()
    {
        m_console.close();
        Prompt::clearShown();
        QDesktopServices::unsetUrlHandler(u"file"_s);
        QDesktopServices::unsetUrlHandler(u"https"_s);
        qunsetenv("HERALD_USER_GUIDE");
    }

    void theHelpMenuHoldsTheGuideShortcutsLogFolderAndAbout()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        QMenu *help = helpMenu(*w);
        QVERIFY(help);
        QStringList names;
        for (QAction *a : help->actions()) {
            if (!a->isSeparator()) {
                names << a->objectName();
            }
        }
        QCOMPARE(names, (QStringList{u"actionUserGuide"_s, u"actionKeyboardShortcuts"_s,
                                     u"actionShowLogFolder"_s, u"actionAbout"_s}));
        QCOMPARE(action(*w, u"actionUserGuide"_s)->shortcut(), QKeySequence(QKeySequence::HelpContents));
        QCOMPARE(QKeySequence(QKeySequence::HelpContents), QKeySequence(Qt::Key_F1));
    }

    void f1OpensTheGuideWithItsFirstHeadingAndEveryScreenshot()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        QVERIFY(QTest::qWaitForWindowActive(w));
        QTest::keyClick(w, Qt::Key_F1);
        UserGuideWindow *guide = nullptr;
        QVERIFY(waitUntil(
            [&] {
                guide = w->findChild<UserGuideWindow *>(u"userGuideWindow"_s);
                return guide && guide->isVisible();
            },
            5'000));
        QTextBrowser *browser = guide->findChild<QTextBrowser *>(u"guideBrowser"_s);
        QVERIFY(browser);
        QCOMPARE(browser->source(), QUrl::fromLocalFile(UserGuideWindow::findGuide()));
        const QTextBlock first = browser->document()->firstBlock();
        QCOMPARE(first.blockFormat().headingLevel(), 1);
        QCOMPARE(first.text(), u"Herald User Guide"_s);

        const QStringList images = imageNames(*browser->document());
        QVERIFY2(images.size() >= 10, qPrintable(images.join(u", "_s)));
        for (const QString &name : images) {
            // What the browser itself loads when it paints the image: a broken link gives nothing.
            const QVariant data = browser->loadResource(QTextDocument::ImageResource, QUrl(name));
            const QImage image = data.userType() == QMetaType::QImage ? data.value<QImage>()
                                                                      : QImage::fromData(data.toByteArray());
            QVERIFY2(!image.isNull(), qPrintable(u"broken image: "_s + name));
        }
        // Screenshots are scaled to the window, not shown at 1440 px.
        guide->grab().save(u"/tmp/herald-userguide.png"_s);
    }

    void theGuideFindsTextAndSaysWhenItIsNotThere()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        action(*w, u"actionUserGuide"_s)->trigger();
        auto *guide = w->findChild<UserGuideWindow *>(u"userGuideWindow"_s);
        QVERIFY(guide);
        auto *findText = guide->findChild<QLineEdit *>(u"guideFind"_s);
        QVERIFY(findText);
        guide->findChild<QAction *>(u"actionGuideFind"_s)->trigger();
        QVERIFY(findText->isVisibleTo(guide));
        findText->setText(u"quiet hours"_s);
        QVERIFY(guide->find());
        QCOMPARE(guide->browser()->textCursor().selectedText().toLower(), u"quiet hours"_s);
        const int firstMatch = guide->browser()->textCursor().position();
        QVERIFY(guide->find());
        QVERIFY(guide->browser()->textCursor().position() > firstMatch);
        findText->setText(u"no such words in the guide"_s);
        QVERIFY(!guide->find());
        QCOMPARE(guide->findChild<QLabel *>(u"guideFindStatus"_s)->text(), u"Not found"_s);
    }

    void everyLinkWithinTheGuideLeadsToAHeading()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        action(*w, u"actionUserGuide"_s)->trigger();
        auto *guide = w->findChild<UserGuideWindow *>(u"userGuideWindow"_s);
        QVERIFY(guide);
        QCOMPARE(UserGuideWindow::anchorFor(u"Where your data and logs are"_s),
                 u"where-your-data-and-logs-are"_s);
        QCOMPARE(UserGuideWindow::anchorFor(u"Templates, opt-outs and the daily summary"_s),
                 u"templates-opt-outs-and-the-daily-summary"_s);
        QSet<QString> anchors;
        QStringList links;
        const QTextDocument &doc = *guide->browser()->document();
        for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                for (const QString &name : f.anchorNames()) {
                    anchors.insert(name);
                }
                if (f.anchorHref().startsWith(u'#')) {
                    links << f.anchorHref().mid(1);
                }
            }
        }
        QVERIFY(links.size() >= 10);
        for (const QString &link : std::as_const(links)) {
            QVERIFY2(anchors.contains(link), qPrintable(u"no heading for #"_s + link));
        }
        guide->resize(900, 700);
        QScrollBar *bar = guide->browser()->verticalScrollBar();
        QCOMPARE(bar->value(), 0);
        guide->browser()->scrollToAnchor(u"troubleshooting"_s);
        QVERIFY(bar->value() > 0);
    }

    void theInstalledGuideBesideTheProgramIsPreferredToTheSourceTree()
    {
        const QStringList candidates = UserGuideWindow::guideCandidates();
        QCOMPARE(candidates.size(), 2);
        QCOMPARE(candidates.at(0), QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                                   u"/../share/doc/herald/USER_GUIDE.md"_s));
        QVERIFY(candidates.at(1).endsWith(u"/docs/USER_GUIDE.md"_s));
        QCOMPARE(UserGuideWindow::findGuide(), candidates.at(1)); // a build tree has no installed copy
    }

    void aMissingGuideOpensThePublishedOneWithAMessage()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        qputenv("HERALD_USER_GUIDE", "/nonexistent/USER_GUIDE.md");
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(u"https"_s, &catcher, "open");
        action(*w, u"actionUserGuide"_s)->trigger();
        QCOMPARE(catcher.urls, QList<QUrl>{QUrl(QString::fromLatin1(UserGuideWindow::OnlineGuide))});
        QCOMPARE(Prompt::shown().size(), 1);
        QVERIFY(Prompt::shown().first().startsWith(u"User guide not installed: "_s));
        QVERIFY(!w->findChild<UserGuideWindow *>(u"userGuideWindow"_s));
    }

    void theShortcutsDialogListsEveryActionThatHasAShortcut()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        action(*w, u"actionKeyboardShortcuts"_s)->trigger();
        auto *dialog = w->findChild<ShortcutsDialog *>(u"shortcutsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QAbstractItemModelTester tester(&dialog->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ShortcutTableModel &model = dialog->model();

        int withShortcut = 0;
        for (QAction *a : w->findChildren<QAction *>()) {
            if (a->shortcut().isEmpty() || a->text().isEmpty() || a->menu()) {
                continue;
            }
            ++withShortcut;
            const QString keys = a->shortcut().toString(QKeySequence::NativeText);
            bool listed = false;
            for (int r = 0; r < model.rowCount(); ++r) {
                listed |=
                    model.index(r, ShortcutTableModel::Action).data().toString() == plainText(a->text()) &&
                    model.index(r, ShortcutTableModel::Shortcut).data().toString().contains(keys);
            }
            QVERIFY2(listed, qPrintable(a->text() + u" ("_s + keys + u") is not listed"_s));
        }
        QCOMPARE(model.rowCount(), withShortcut);
        QVERIFY(withShortcut >= 10); // New campaign, Space, Del, F2, Ctrl+1…4, F5, F1, …

        bool guideInHelp = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            guideInHelp |= model.index(r, ShortcutTableModel::Action).data().toString() == u"User guide"_s &&
                           model.index(r, ShortcutTableModel::Menu).data().toString() == u"Help"_s;
        }
        QVERIFY(guideInHelp);

        auto *filter = dialog->findChild<QLineEdit *>(u"shortcutFilter"_s);
        QVERIFY(filter);
        QTest::keyClicks(filter, u"guide"_s);
        QCOMPARE(dialog->filtered().rowCount(), 1);
        QCOMPARE(dialog->filtered().index(0, ShortcutTableModel::Shortcut).data().toString(),
                 QKeySequence(Qt::Key_F1).toString(QKeySequence::NativeText));
        filter->clear();
        QCOMPARE(dialog->filtered().rowCount(), withShortcut);
        dialog->resize(560, 520);
        dialog->grab().save(u"/tmp/herald-shortcuts.png"_s);
    }

    void aboutShowsTheVersionTheLicencesAndWhereThingsAre()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        action(*w, u"actionAbout"_s)->trigger();
        auto *about = w->findChild<AboutDialog *>(u"aboutDialog"_s);
        QVERIFY(about);
        QVERIFY(about->isVisible());
        QCOMPARE(AboutDialog::version(), QStringLiteral(HERALD_VERSION));
        QVERIFY(
            about->findChild<QLabel *>(u"aboutVersion"_s)->text().contains(QStringLiteral(HERALD_VERSION)));
        const QString licences = about->licencesText();
        for (const QString &name :
             {u"GPL-3.0-or-later"_s, u"Qt"_s, u"LGPL-3.0"_s, u"GPL-3.0"_s, u"libphonenumber"_s,
              u"Apache-2.0"_s, u"QtKeychain"_s, u"BSD-3-Clause"_s}) {
            QVERIFY2(licences.contains(name), qPrintable(name));
        }
        const QString locations = about->locationsText();
        QVERIFY(locations.contains(QDir::toNativeSeparators(LogFiles::defaultFolder()).toHtmlEscaped()));
        const DatabaseConfig &db = m_console.tdb().config();
        if (db.dialect() == Dialect::Sqlite) {
            QVERIFY(
                locations.contains(QDir::toNativeSeparators(QFileInfo(db.sqlitePath()).absoluteFilePath())));
        } else {
            QVERIFY(locations.contains(db.displayName().toHtmlEscaped()));
            QVERIFY(!db.password().isEmpty());
            QVERIFY(!locations.contains(db.password()));
        }
        about->grab().save(u"/tmp/herald-about.png"_s);
    }

    void showLogFolderCreatesTheFolderAndOpensIt()
    {
        MainWindow *w = openWindow();
        QVERIFY(w);
        const QString folder = LogFiles::defaultFolder();
        QVERIFY(folder.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QDir(folder).removeRecursively();
        QVERIFY(!QFileInfo::exists(folder));
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(u"file"_s, &catcher, "open");
        action(*w, u"actionShowLogFolder"_s)->trigger();
        QVERIFY(QFileInfo(folder).isDir());
        QCOMPARE(catcher.urls, QList<QUrl>{QUrl::fromLocalFile(folder)});
        QVERIFY(Prompt::shown().isEmpty());
    }
};

HERALD_UI_TEST_MAIN(TestHelpMenu)
#include "test_helpmenu.moc"
