// The console started against a PostgreSQL server that is not there (a port nothing listens
// on): the fault matrix's "PostgreSQL unreachable at start" for the window. It says so in an
// error box and in the status bar, naming the server without its password; it stays responsive
// while its data thread keeps trying; it falls back to no other database and writes nothing;
// and it closes at once.
#include "UiTestUtil.h"
#include "db/DatabaseConfig.h"
#include "views/CampaignsPage.h"
#include "views/StatusBanner.h"
#include "widgets/SenderStatusBar.h"

#include <QAction>
#include <QFileInfo>
#include <QStatusBar>
#include <QTcpServer>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::ui;
using namespace herald::test;

namespace {
// A loopback port that was free a moment ago: bound by the system, then let go.
quint16 portNobodyListensOn()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost)) {
        return 0;
    }
    return probe.serverPort();
}

QString shownWith(const QString &title)
{
    const QStringList shown = Prompt::shown();
    for (const QString &s : shown) {
        if (s.startsWith(title)) {
            return s;
        }
    }
    return {};
}
} // namespace

class TestUnreachableDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aConsoleStartedAgainstAnUnreachablePostgresSaysSoAndChangesNothing()
    {
        const quint16 port = portNobodyListensOn();
        QVERIFY(port > 0);
        const QString password = u"not-for-the-screen-7Q"_s;
        const QString url = u"postgresql://herald:%1@127.0.0.1:%2/herald"_s.arg(password).arg(port);
        AppContext context;
        QString error;
        QVERIFY2(DatabaseConfig::parse(url, &context.database, &error), qPrintable(error));
        FixedCredentials credentials(u"EAAG-unreachable-test-token"_s);
        context.credentials = &credentials;
        context.pollInterval = std::chrono::milliseconds(200);
        const QString fallback = DatabaseConfig::defaultSqlitePath();
        QVERIFY(!QFileInfo::exists(fallback));
        Prompt::clearShown();

        QElapsedTimer clock;
        clock.start();
        auto window = std::make_unique<MainWindow>(context);
        window->show();
        const qint64 shownAfter = clock.elapsed();

        // The error box, naming the server and the cause, without the password.
        QVERIFY2(waitUntil([] { return !shownWith(u"The database cannot be used"_s).isEmpty(); }, 30'000),
                 qPrintable(Prompt::shown().join(u'\n')));
        const qint64 toldAfter = clock.elapsed();
        const QString told = shownWith(u"The database cannot be used"_s);
        qInfo("after %lld ms: %s", toldAfter, qPrintable(told));
        QVERIFY2(told.contains(
                     u"Cannot connect to PostgreSQL (postgresql://herald@127.0.0.1:%1/herald)"_s.arg(port)),
                 qPrintable(told));
        QVERIFY2(told.contains(u"refused"_s), qPrintable(told));
        QVERIFY(!told.contains(password));

        // The status bar says the same while the data thread keeps trying, and names the
        // database in use without its password.
        QStatusBar *bar = window->statusBar();
        QVERIFY(waitUntil([&] { return bar->currentMessage().startsWith(u"The database cannot be read"_s); },
                          10'000));
        QVERIFY(!bar->currentMessage().contains(password));
        QCOMPARE(window->statusLine().databaseText(),
                 u"Database: postgresql://herald@127.0.0.1:%1/herald"_s.arg(port));

        // Responsive meanwhile: the GUI thread turns its event loop many times while several
        // connection attempts fail (at 200 ms polls). A hang would leave the count near zero.
        int turns = 0;
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, [&] { ++turns; });
        ticker.start(10);
        QTest::qWait(1500);
        ticker.stop();
        qInfo("the window was built in %lld ms; its event loop turned %d times in 1.5 s of failed polls",
              shownAfter, turns);
        QVERIFY2(turns >= 20, qPrintable(u"the window's event loop turned only %1 times"_s.arg(turns)));

        // Nothing to act on: no campaign shown, no campaign action enabled, no demo offered
        // (it would create a campaign), and nothing else told than the error.
        QCOMPARE(window->campaigns().rowCount(), 0);
        for (const char *name :
             {"actionStart", "actionResume", "actionPause", "actionCancel", "actionResend"}) {
            QAction *action = window->findChild<QAction *>(QString::fromLatin1(name));
            QVERIFY2(action, name);
            QVERIFY2(!action->isEnabled(), name);
        }
        QVERIFY(!window->campaignsPage().welcome()->isVisible());
        const QStringList shown = Prompt::shown();
        for (const QString &s : shown) {
            QVERIFY2(s.startsWith(u"The database cannot be used"_s), qPrintable(s));
        }
        window->grab().save(u"/tmp/herald-unreachable-pg.png"_s);

        // Closes at once, and fell back to no other database.
        clock.restart();
        window->closeWithoutAsking();
        window.reset();
        qInfo("closed in %lld ms", clock.elapsed());
        QVERIFY2(!QFileInfo::exists(fallback), qPrintable(fallback));
    }
};

HERALD_UI_TEST_MAIN(TestUnreachableDb)
#include "test_unreachabledb.moc"
