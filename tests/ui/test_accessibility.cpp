// Accessibility and the keyboard: every widget Tab reaches in the main window, each dialog and
// the wizard's pages has an accessible name (what a screen reader says), Tab visits them in
// reading order, every action's tooltip shows its shortcut, and every menu opens by an
// accelerator of its own with no two items of a menu sharing one — in English and in German.
#include "ConsoleFixture.h"
#include "ConsoleTour.h"
#include "db/AppSettings.h"
#include "settings/LanguageChoice.h"
#include "settings/SettingKeys.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QLabel>
#include <QMultiHash>
#include <QStyle>
#include <QTabBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

// "QLineEdit 'draftName' in QWidget < EditDraftDialog 'editDraftDialog'".
QString describe(const QWidget *w)
{
    const auto one = [](const QWidget *x) {
        QString s = QString::fromLatin1(x->metaObject()->className());
        if (!x->objectName().isEmpty()) {
            s += u" '"_s + x->objectName() + u"'"_s;
        }
        return s;
    };
    QStringList parents;
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        parents << one(p);
        if (p->isWindow()) {
            break;
        }
    }
    QString s = one(w) + u" in "_s + parents.join(u" < "_s);
    if (!w->toolTip().isEmpty()) {
        s += u" (tooltip “%1”)"_s.arg(w->toolTip().left(60));
    }
    return s;
}

// The control a focusable part belongs to: a spin box's or an editable combo box's line edit
// and a scroll area's viewport are read out as their owner, a widget with a focus proxy as the
// proxy.
QWidget *control(QWidget *w)
{
    while (w->focusProxy()) {
        w = w->focusProxy(); // a tab widget hands focus to its tab bar
    }
    QWidget *p = w->parentWidget();
    if (qobject_cast<QAbstractSpinBox *>(p) || qobject_cast<QComboBox *>(p)) {
        return p;
    }
    if (auto *area = qobject_cast<QAbstractScrollArea *>(p); area && area->viewport() == w) {
        return area;
    }
    return w;
}

// What Tab visits in `screen`, in order: focus chain members of this window that take Tab focus
// and are shown and enabled.
QList<QWidget *> focusChain(QWidget *screen)
{
    QList<QWidget *> chain;
    QWidget *w = screen;
    for (int guard = 0; guard < 5000; ++guard) {
        w = w->nextInFocusChain();
        if (!w || w == screen) {
            break;
        }
        if (w->window() != screen || !w->isVisible() || !w->isEnabled() ||
            !(w->focusPolicy() & Qt::TabFocus)) {
            continue;
        }
        QWidget *c = control(w);
        if (!chain.contains(c)) {
            chain << c;
        }
    }
    return chain;
}

QString accessibleName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

QStringList unnamed(const QString &where, QWidget *screen)
{
    QStringList found;
    for (QWidget *w : focusChain(screen)) {
        if (accessibleName(w).isEmpty()) {
            found << where + u": "_s + describe(w);
        }
    }
    return found;
}

// Where `a` and `b` part: the children of their closest common ancestor that hold each. Reading
// order is judged there, so a column read to its end before the next one is in order.
std::pair<QWidget *, QWidget *> branches(QWidget *a, QWidget *b)
{
    QWidget *common = a->parentWidget();
    while (common && !common->isAncestorOf(b)) {
        common = common->parentWidget();
    }
    const auto under = [common](QWidget *w) {
        while (w->parentWidget() != common) {
            w = w->parentWidget();
        }
        return w;
    };
    return {under(a), under(b)};
}

// The focus chain from the top-left stop around (Tab wraps), with the stops in it that go back
// up the screen, or leftwards within a row.
QStringList outOfReadingOrder(const QString &where, QWidget *screen)
{
    QList<QWidget *> chain = focusChain(screen);
    const auto rect = [screen](QWidget *w) {
        return QRect(w->mapTo(screen, QPoint(0, 0)), w->size());
    };
    qsizetype first = 0;
    for (qsizetype i = 1; i < chain.size(); ++i) {
        const QRect r = rect(chain.at(i));
        const QRect best = rect(chain.at(first));
        if (r.top() < best.top() || (r.top() == best.top() && r.left() < best.left())) {
            first = i;
        }
    }
    std::rotate(chain.begin(), chain.begin() + first, chain.end());
    QStringList found;
    constexpr int slack = 4;
    for (qsizetype i = 1; i < chain.size(); ++i) {
        QWidget *a = chain.at(i - 1);
        QWidget *b = chain.at(i);
        if (a->isAncestorOf(b) || b->isAncestorOf(a)) {
            continue;
        }
        const auto [pa, pb] = branches(a, b);
        const QRect ra = rect(pa);
        const QRect rb = rect(pb);
        const bool above = rb.bottom() < ra.top() + slack;
        const bool sameRow = rb.top() < ra.bottom() - slack && ra.top() < rb.bottom() - slack;
        const bool leftwards = rb.right() < ra.left() + slack;
        if (above || (sameRow && leftwards)) {
            found << u"%1: %2 (“%3”) then %4 (“%5”)"_s.arg(where, describe(a), accessibleName(a), describe(b),
                                                           accessibleName(b));
        }
    }
    return found;
}

QString accelerator(const QString &text)
{
    for (qsizetype at = text.indexOf(u'&'); at >= 0 && at + 1 < text.size();
         at = text.indexOf(u'&', at + 2)) {
        if (text.at(at + 1) != u'&') {
            return text.at(at + 1).toLower();
        }
    }
    return {};
}

// Accelerators shared by two controls shown together on a screen: labels (that lead to their
// buddy), buttons, check boxes and tabs; Alt+key would reach only one of them.
QStringList screenAcceleratorClashes(const QString &where, QWidget *screen, const QStringList &alsoTaken = {})
{
    QMultiHash<QString, QString> byKey;
    const auto add = [&](const QString &text) {
        const QString key = accelerator(text);
        if (!key.isEmpty()) {
            byKey.insert(key, text);
        }
    };
    for (const QString &text : alsoTaken) {
        add(text);
    }
    const auto widgets = screen->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->window() != screen || !w->isVisible()) {
            continue;
        }
        if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy()) {
            add(label->text());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            add(button->text());
        } else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                add(bar->tabText(i));
            }
        }
    }
    QStringList clashes;
    for (const QString &key : byKey.uniqueKeys()) {
        if (byKey.count(key) > 1) {
            clashes << u"%1: &%2 is shared by %3"_s.arg(where, key,
                                                        QStringList(byKey.values(key)).join(u", "_s));
        }
    }
    return clashes;
}

// Menu titles without an accelerator, and accelerators shared in the menu bar or within a menu.
QStringList acceleratorProblems(QMainWindow &w)
{
    QStringList problems;
    const auto check = [&](const QString &where, const QList<QAction *> &actions, bool required) {
        QMultiHash<QString, QString> byKey;
        for (const QAction *a : actions) {
            if (a->isSeparator() || !a->isVisible()) {
                continue;
            }
            const QString key = accelerator(a->text());
            if (key.isEmpty()) {
                if (required) {
                    problems << u"%1: “%2” has no accelerator"_s.arg(where, a->text());
                }
                continue;
            }
            byKey.insert(key, a->text());
        }
        for (const QString &key : byKey.uniqueKeys()) {
            if (byKey.count(key) > 1) {
                problems << u"%1: &%2 is shared by %3"_s.arg(where, key,
                                                             QStringList(byKey.values(key)).join(u", "_s));
            }
        }
    };
    check(u"menu bar"_s, w.menuBar()->actions(), true);
    const auto menus = w.menuBar()->actions();
    for (QAction *m : menus) {
        if (QMenu *menu = m->menu()) {
            Q_EMIT menu->aboutToShow(); // menus filled when shown get their items
            check(m->text(), menu->actions(), false);
        }
    }
    return problems;
}

// Each problem once (a control on every tab of a page is one problem), logged in full since
// QVERIFY2 cuts its message short.
QString report(const QStringList &problems)
{
    QStringList seen;
    QStringList lines;
    for (const QString &p : problems) {
        const QString what = p.mid(p.indexOf(u": "_s) + 2);
        if (!seen.contains(what)) {
            seen << what;
            lines << p;
            qWarning("%s", qPrintable(p));
        }
    }
    return u"%1 problem(s), listed above"_s.arg(lines.size());
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

    ConsoleFixture m_console;
    AppContext m_context;
    QString m_draftId;
    QTemporaryDir m_dir;

    MainWindow &window()
    {
        if (!m_console.window()) {
            MainWindow *w = m_console.open();
            waitUntil([&] { return w->campaigns().rowCount() == 2; }, 10'000);
            QTest::qWait(300);
        }
        return *m_console.window();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QAccessible::setActive(true);
        QString skip;
        ConsoleOptions options;
        options.importRegion = u"DE"_s;
        options.seed = [&](Database &db) {
            m_draftId = readyCampaign(db, u"Spring sale"_s, 40).id;
            readyCampaign(db, u"Newsletter December"_s, 25, 100);
        };
        options.windowSize = QSize(1280, 800);
        QVERIFY2(m_console.prepare(u"sqlite"_s, &skip, options), qPrintable(skip));
        m_context = m_console.context();
    }

    void cleanupTestCase() { m_console.close(); }

    void everyControlOfTheMainWindowHasAnAccessibleName()
    {
        QStringList problems;
        int screens = 0;
        visitMainWindow(window(), [&](const QString &where, QWidget *screen) {
            ++screens;
            problems << unnamed(where, screen);
        });
        QVERIFY(screens >= 6); // four pages, the detail's three tabs
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void everyControlOfEachDialogHasAnAccessibleName()
    {
        QStringList problems;
        QStringList screens;
        visitDialogs(window(), m_context, m_draftId, [&](const QString &where, QWidget *screen) {
            screens << where;
            problems << unnamed(where, screen);
        });
        // Settings with its sections, Edit draft, Repair, Resend, a question, About.
        QVERIFY2(screens.size() >= 9, qPrintable(screens.join(u", "_s)));
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void everyControlOfTheWizardHasAnAccessibleName()
    {
        QStringList problems;
        QStringList screens;
        QVERIFY(visitWizard(window(), tourContactsFile(m_dir), [&](const QString &where, QWidget *screen) {
            screens << where;
            problems << unnamed(where, screen);
        }));
        QCOMPARE(screens.size(), 4);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    // The checker itself: a bare table and an icon-only button are caught, a buddy names a field.
    void theCheckFindsUnnamedControls()
    {
        QDialog dialog;
        auto *layout = new QVBoxLayout(&dialog);
        auto *label = new QLabel(u"&Name:"_s);
        auto *named = new QLineEdit;
        label->setBuddy(named);
        auto *table = new QTableView;
        table->setObjectName(u"bareTable"_s);
        auto *icon = new QToolButton;
        icon->setIcon(dialog.style()->standardIcon(QStyle::SP_TrashIcon));
        layout->addWidget(label);
        layout->addWidget(named);
        layout->addWidget(table);
        layout->addWidget(icon);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList found = unnamed(u"test"_s, &dialog);
        QCOMPARE(found.size(), 2);
        QVERIFY2(found.at(0).contains(u"bareTable"_s), qPrintable(found.join(u'\n')));
        QVERIFY(found.at(1).contains(u"QToolButton"_s));
        QCOMPARE(accessibleName(named), u"Name:"_s);

        // Tab order against the layout: the button before the field above it is reported.
        QWidget::setTabOrder(icon, table);
        QWidget::setTabOrder(table, named);
        QVERIFY(!outOfReadingOrder(u"test"_s, &dialog).isEmpty());
    }

    void tabFollowsTheLayoutOnEveryScreen()
    {
        QStringList problems;
        visitMainWindow(window(), [&](const QString &where, QWidget *screen) {
            problems << outOfReadingOrder(where, screen);
        });
        visitDialogs(window(), m_context, m_draftId, [&](const QString &where, QWidget *screen) {
            problems << outOfReadingOrder(where, screen);
        });
        QVERIFY(visitWizard(window(), tourContactsFile(m_dir), [&](const QString &where, QWidget *screen) {
            problems << outOfReadingOrder(where, screen);
        }));
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void noTwoControlsOfAScreenShareAnAccelerator()
    {
        QStringList problems;
        const auto check = [&](const QString &where, QWidget *screen) {
            problems << screenAcceleratorClashes(where, screen);
        };
        // The main window's pages with its menu bar, whose titles take Alt+letter too.
        visitMainWindow(window(), [&](const QString &where, QWidget *screen) {
            QStringList titles;
            const auto menus = window().menuBar()->actions();
            for (const QAction *m : menus) {
                titles << m->text();
            }
            problems << screenAcceleratorClashes(where, screen, titles);
        });
        visitDialogs(window(), m_context, m_draftId, check);
        QVERIFY(visitWizard(window(), tourContactsFile(m_dir), check));
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void everyShortcutIsShownInItsActionsTooltip()
    {
        MainWindow &w = window();
        QStringList problems;
        int withShortcut = 0;
        const auto actions = w.findChildren<QAction *>();
        for (QAction *a : actions) {
            if (a->shortcut().isEmpty() || a->associatedObjects().isEmpty()) {
                continue;
            }
            ++withShortcut;
            const QString keys = a->shortcut().toString(QKeySequence::NativeText);
            if (!a->toolTip().contains(keys)) {
                problems << u"%1 “%2”: tooltip “%3” lacks %4"_s.arg(a->objectName(), a->text(), a->toolTip(),
                                                                    keys);
            }
        }
        QVERIFY(withShortcut >= 10);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
        // The toolbar's buttons show the same tooltip.
        auto *bar = w.findChild<QToolBar *>(u"mainToolBar"_s);
        QVERIFY(bar);
        QAction *newCampaign = w.findChild<QAction *>(u"actionNewCampaign"_s);
        QVERIFY(bar->widgetForAction(newCampaign)
                    ->toolTip()
                    .contains(newCampaign->shortcut().toString(QKeySequence::NativeText)));
    }

    // Each action of the window is in a menu (opened by its accelerator) or has a shortcut of
    // its own; the toolbar is no keyboard path.
    void everyActionIsReachableByKeyboard()
    {
        MainWindow &w = window();
        QSet<QAction *> inMenus;
        const auto menus = w.menuBar()->actions();
        for (QAction *m : menus) {
            if (QMenu *menu = m->menu()) {
                Q_EMIT menu->aboutToShow();
                const auto items = menu->actions();
                for (QAction *a : items) {
                    inMenus.insert(a);
                    if (a->menu()) { // a submenu (View › Theme)
                        const auto subItems = a->menu()->actions();
                        for (QAction *sub : subItems) {
                            inMenus.insert(sub);
                        }
                    }
                }
            }
        }
        QStringList unreachable;
        const auto actions = w.findChildren<QAction *>();
        int checked = 0;
        for (QAction *a : actions) {
            if (a->objectName().startsWith(u"action"_s)) {
                ++checked;
                if (!inMenus.contains(a) && a->shortcut().isEmpty()) {
                    unreachable << a->objectName() + u" “"_s + a->text() + u"”"_s;
                }
            }
        }
        QVERIFY(checked >= 15);
        QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(u'\n')));
    }

    void everyMenuOpensByAnAcceleratorOfItsOwn_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << QString();
        QTest::newRow("German") << u"de"_s;
    }

    void everyMenuOpensByAnAcceleratorOfItsOwn()
    {
        QFETCH(QString, language);
        LanguageChoice::store(language);
        QCOMPARE(LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)), language);
        MainWindow w(m_context);
        w.show();
        const QStringList problems = acceleratorProblems(w);
        LanguageChoice::store(QString());
        LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        w.closeWithoutAsking();
        QVERIFY(w.menuBar()->actions().size() >= 4);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }
};

HERALD_UI_TEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
