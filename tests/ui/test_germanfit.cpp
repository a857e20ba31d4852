// Translations that fit: with a language installed, the main window, each dialog and the
// wizard's pages at their default sizes cut no text off — no label, button, check box, group
// box title, tab or column header narrower than its text needs. German runs now (the longest);
// each other translation joins once its catalogue has no unfinished message.
#include "ConsoleTour.h"
#include "db/AppSettings.h"
#include "settings/LanguageChoice.h"
#include "settings/SettingKeys.h"

#include <QAbstractButton>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

// Reaches the protected size hints through member pointers (no object of these types is made).
struct HeaderHint : QHeaderView
{
    using QHeaderView::sectionSizeFromContents;
};
struct TabHint : QTabBar
{
    using QTabBar::tabSizeHint;
};

QString name(const QWidget *w)
{
    QString s = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty()) {
        s += u" '"_s + w->objectName() + u"'"_s;
    }
    for (const QWidget *p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget()) {
        if (!p->objectName().isEmpty()) {
            return s + u" in '"_s + p->objectName() + u"'"_s;
        }
    }
    return s;
}

QString cut(const QString &where, const QWidget *w, const QString &text, int has, int needs)
{
    return u"%1: %2 “%3” is %4 px wide, needs %5"_s.arg(where, name(w), text.simplified().left(90))
        .arg(has)
        .arg(needs);
}

// Labels meant to shrink: word-wrapped, elided by their owner (the full text in the tooltip) or
// told to ignore their width.
bool mayShrink(const QLabel *label)
{
    return label->wordWrap() || label->text().isEmpty() ||
           label->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored ||
           (label->text().endsWith(u"…"_s) && !label->toolTip().isEmpty());
}

QStringList cutOff(const QString &where, QWidget *screen)
{
    QStringList found;
    const auto widgets = screen->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->window() != screen || !w->isVisible() || w->width() <= 0) {
            continue;
        }
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (!mayShrink(label) && label->width() < label->sizeHint().width()) {
                found << cut(where, w, label->text(), label->width(), label->sizeHint().width());
            }
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (!button->text().isEmpty() && button->width() < button->sizeHint().width()) {
                found << cut(where, w, button->text(), button->width(), button->sizeHint().width());
            }
        } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
            const int needs = group->fontMetrics().horizontalAdvance(group->title()) + 16;
            if (!group->title().isEmpty() && group->width() < needs) {
                found << cut(where, w, group->title(), group->width(), needs);
            }
        } else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                const int needs = (bar->*(&TabHint::tabSizeHint))(i).width();
                if (bar->isTabVisible(i) && bar->tabRect(i).width() < needs) {
                    found << cut(where, w, bar->tabText(i), bar->tabRect(i).width(), needs);
                }
            }
        } else if (auto *header = qobject_cast<QHeaderView *>(w)) {
            if (header->orientation() != Qt::Horizontal || !header->model()) {
                continue;
            }
            const int margin = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
            for (int i = 0; i < header->count(); ++i) {
                const QString text = header->model()->headerData(i, Qt::Horizontal).toString();
                if (header->isSectionHidden(i) || text.isEmpty()) {
                    continue;
                }
                // The text itself and its margins; a sort arrow only on the sorted column.
                const int arrow =
                    header->isSortIndicatorShown() && header->sortIndicatorSection() == i
                        ? header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header)
                        : 0;
                const int needs = header->fontMetrics().horizontalAdvance(text) + margin + arrow;
                if (header->sectionSize(i) < needs) {
                    found << cut(where, w, text, header->sectionSize(i), needs);
                }
            }
        }
    }
    return found;
}

// Unfinished messages of a catalogue and all its messages. A few unfinished show English, which
// is shorter; a catalogue mostly unfinished is not worth measuring yet.
std::pair<int, int> progress(const QString &code)
{
    QFile file(QStringLiteral(HERALD_TRANSLATIONS_DIR) + u"/herald_"_s + code + u".ts"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return {-1, 0};
    }
    const QString text = QString::fromUtf8(file.readAll());
    return {int(text.count(u"type=\"unfinished\""_s)), int(text.count(u"<translation"_s))};
}

void shot(const QString &code, const QString &where, QWidget *screen)
{
    QString file = where;
    file.replace(QRegularExpression(u"[^A-Za-z0-9]+"_s), u"-"_s);
    screen->grab().save(QDir::temp().filePath(u"herald-fit-%1-%2.png"_s.arg(code, file.toLower())));
}

// Each problem once, logged in full since QVERIFY2 cuts its message short.
QString report(const QStringList &problems)
{
    QStringList seen;
    for (const QString &p : problems) {
        const QString what = p.mid(p.indexOf(u": "_s) + 2);
        if (!seen.contains(what)) {
            seen << what;
            qWarning("%s", qPrintable(p));
        }
    }
    return u"%1 cut off, listed above"_s.arg(seen.size());
}

} // namespace

class TestGermanFit : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    std::unique_ptr<FixedCredentials> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    AppContext m_context;
    QString m_draftId;
    QTemporaryDir m_dir;
    QString m_code;

    MainWindow &window()
    {
        m_window = std::make_unique<MainWindow>(m_context);
        m_window->show();
        waitUntil([&] { return m_window->campaigns().rowCount() == 2; }, 10'000);
        QTest::qWait(300);
        return *m_window;
    }

    ScreenVisitor collect(QStringList &problems, int &screens)
    {
        return [this, &problems, &screens](const QString &where, QWidget *screen) {
            ++screens;
            shot(m_code, where, screen);
            problems << cutOff(where, screen);
        };
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("language");
        // German, the longest, always; the others once their translators call them done:
        // HERALD_FIT_LANGUAGES="de es pt_BR id".
        QString languages = qEnvironmentVariable("HERALD_FIT_LANGUAGES");
        if (languages.isEmpty()) {
            languages = u"de"_s;
        }
        const QStringList codes = languages.split(u' ', Qt::SkipEmptyParts);
        for (const QString &code : codes) {
            QTest::newRow(qPrintable(code)) << code;
        }
    }

    void initTestCase()
    {
        QString skip;
        TestDbAccess access;
        m_tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(m_tdb, qPrintable(skip));
        m_sim = std::make_unique<CloudApiSimulator>(SimulatorConfig{});
        QVERIFY(m_sim->start());
        QVERIFY(syncTemplates(m_tdb->db(), *m_sim));
        AppSettings(m_tdb->db()).set(SettingKeys::ImportRegion, u"DE"_s);
        m_draftId = readyCampaign(m_tdb->db(), u"Spring sale"_s, 40).id;
        readyCampaign(m_tdb->db(), u"Newsletter December"_s, 25, 100);
        m_credentials = std::make_unique<FixedCredentials>(m_sim->config().accessToken);
        m_context = contextFor(*m_tdb, *m_sim, m_credentials.get());
    }

    void init()
    {
        QFETCH_GLOBAL(QString, language);
        const auto [open, all] = progress(language);
        if (open < 0 || open * 50 > all) {
            QSKIP(qPrintable(
                u"herald_%1.ts is not complete yet (%2 of %3 unfinished)"_s.arg(language).arg(open).arg(
                    all)));
        }
        m_code = language;
        LanguageChoice::store(language);
        QCOMPARE(LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)), language);
    }

    void cleanup()
    {
        if (m_window) {
            m_window->closeWithoutAsking();
        }
        m_window.reset();
        LanguageChoice::store(QString());
        LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void cleanupTestCase()
    {
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
    }

    // The checker itself: a fixed-width label and button too narrow for their text are caught.
    void theCheckFindsTextCutOff()
    {
        QWidget screen;
        auto *label = new QLabel(u"Eine ziemlich lange Beschriftung"_s, &screen);
        label->setObjectName(u"narrowLabel"_s);
        label->setFixedWidth(40);
        auto *wrapped = new QLabel(u"Eine ziemlich lange Beschriftung"_s, &screen);
        wrapped->setWordWrap(true);
        wrapped->setFixedWidth(40);
        auto *button = new QPushButton(u"Fehlgeschlagene erneut senden"_s, &screen);
        button->setFixedWidth(60);
        button->move(0, 100);
        screen.show();
        QVERIFY(QTest::qWaitForWindowExposed(&screen));
        const QStringList found = cutOff(u"test"_s, &screen);
        QCOMPARE(found.size(), 2);
        QVERIFY2(found.at(0).contains(u"narrowLabel"_s) || found.at(1).contains(u"narrowLabel"_s),
                 qPrintable(found.join(u'\n')));
    }

    void theMainWindowFits()
    {
        QStringList problems;
        int screens = 0;
        visitMainWindow(window(), collect(problems, screens));
        QVERIFY(screens >= 6);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void everyDialogFits()
    {
        QStringList problems;
        int screens = 0;
        visitDialogs(window(), m_context, m_draftId, collect(problems, screens));
        QVERIFY(screens >= 9);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    // The main toolbar at the default window width shows every action: none hidden behind the
    // extension button (»), which only the mouse opens.
    void theToolbarShowsEveryAction()
    {
        MainWindow &w = window();
        QCOMPARE(w.size(), QSize(1280, 800));
        auto *bar = w.findChild<QToolBar *>(u"mainToolBar"_s);
        QVERIFY(bar);
        QStringList hidden;
        const auto actions = bar->actions();
        for (QAction *a : actions) {
            QWidget *button = bar->widgetForAction(a);
            if (!a->isSeparator() && a->isVisible() && button && !button->isVisible()) {
                hidden << a->iconText();
            }
        }
        shot(m_code, u"toolbar"_s, &w);
        QVERIFY2(hidden.isEmpty(), qPrintable(u"hidden: "_s + hidden.join(u", "_s)));
    }

    void theWizardFits()
    {
        QStringList problems;
        int screens = 0;
        QVERIFY(visitWizard(window(), tourContactsFile(m_dir), collect(problems, screens)));
        QCOMPARE(screens, 4);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }
};

HERALD_UI_TEST_MAIN(TestGermanFit)
#include "test_germanfit.moc"
