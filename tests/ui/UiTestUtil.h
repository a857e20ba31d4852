#pragma once

// What every console test shares: its own settings folder, questions answered by the test
// (Prompt in test mode), the GUI-thread ban on SQL switched on, a window on a test database that
// sends to an in-process Cloud API simulator, and waits that spin the event loop.

#include "../queue/QueueTestUtil.h"
#include "AppContext.h"
#include "data/CampaignFeed.h"
#include "db/Database.h"
#include "dialogs/Prompt.h"
#include "i18n/Translations.h"
#include "models/CampaignTableModel.h"
#include "sending/Credentials.h"
#include "simulator/CloudApiSimulator.h"
#include "templates/TemplateSync.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <functional>
#include <memory>

namespace herald::test {

// Settings, data and caches in a folder of this test process, so no test touches the user's.
inline void prepareUiTestEnvironment()
{
    static QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/cache")).toLocal8Bit());
    qunsetenv("HERALD_ACCESS_TOKEN");
    qunsetenv("HERALD_DB");
}

// While alive, the test itself may use the database on the GUI thread (to set up and to check);
// the window cannot run meanwhile, since nothing spins the event loop. Every Database use on the
// GUI thread outside such a scope counts as a violation of the console's rule.
class TestDbAccess
{
public:
    TestDbAccess() { Database::forbidThread(nullptr); }
    ~TestDbAccess() { Database::forbidThread(QThread::currentThread()); }
    TestDbAccess(const TestDbAccess &) = delete;
    TestDbAccess &operator=(const TestDbAccess &) = delete;
};

// How many times its nominal timeout a wait may take: HERALD_TEST_TIMEOUT_FACTOR, which ctest
// passes to every test (3, as for the tests' own limits), 1 for a test run by hand. A condition
// that holds ends the wait at once, so this costs a passing test nothing; on a CI machine loaded
// with a sanitizer build and three other tests, ten seconds were once not enough.
inline int waitFactor()
{
    static const int factor = qMax(1, qEnvironmentVariableIntValue("HERALD_TEST_TIMEOUT_FACTOR"));
    return factor;
}

// A positive wait's timeout (QTRY_…_WITH_TIMEOUT, QSignalSpy::wait) stretched alike.
inline int patient(int timeoutMs)
{
    return timeoutMs * waitFactor();
}

// Spins the event loop until `done()` or the patient() timeout; true when done.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    const int limit = patient(timeoutMs);
    while (!done()) {
        if (clock.elapsed() > limit) {
            return false;
        }
        QTest::qWait(20);
    }
    return true;
}

// Credentials that answer with a fixed token: what the keychain would hold.
class FixedCredentials : public ui::Credentials
{
public:
    explicit FixedCredentials(QString token) { setSessionToken(std::move(token)); }
};

// A window on `tdb` that sends to `sim` (its base URL and token) instead of the stored API
// settings. Short heartbeats so that takeovers happen within a test.
inline ui::AppContext contextFor(const TestDatabase &tdb, const CloudApiSimulator &sim,
                                 ui::Credentials *credentials)
{
    ui::AppContext c;
    c.database = tdb.config();
    c.credentials = credentials;
    ApiSettings api;
    api.setBaseUrl(sim.baseUrl().toString());
    api.setApiVersion(sim.config().apiVersion);
    api.setPhoneNumberId(sim.config().phoneNumberId);
    api.setWabaId(sim.config().wabaId);
    api.setAccessToken(sim.config().accessToken);
    api.setRequestTimeout(std::chrono::milliseconds(5000));
    c.apiOverride = api;
    c.heartbeatInterval = std::chrono::milliseconds(300);
    c.senderStaleness = std::chrono::milliseconds(1500);
    c.pollInterval = std::chrono::milliseconds(200);
    return c;
}

// Syncs the simulator's templates into the database (before a window exists).
inline bool syncTemplates(Database &db, const CloudApiSimulator &sim)
{
    ApiSettings api;
    api.setBaseUrl(sim.baseUrl().toString());
    api.setApiVersion(sim.config().apiVersion);
    api.setPhoneNumberId(sim.config().phoneNumberId);
    api.setWabaId(sim.config().wabaId);
    api.setAccessToken(sim.config().accessToken);
    TemplateSync sync(db, api, Clock::system());
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
        ok = r.ok;
        loop.quit();
    });
    sync.start();
    loop.exec();
    return ok;
}

// A campaign on the simulator's order_update template, ready to send (every value mapped).
inline Campaign readyCampaign(Database &db, const QString &name, int recipients, int firstNumber = 0)
{
    CampaignStore store(db, Clock::system());
    const QJsonObject settings{
        {QStringLiteral("defaults"),
         QJsonObject{{QStringLiteral("header.1"), QStringLiteral("https://example.com/a.jpg")},
                     {QStringLiteral("body.2"), QStringLiteral("A12345")},
                     {QStringLiteral("button.0"), QStringLiteral("A12345")}}}};
    const Campaign c =
        store.create({name, QStringLiteral("order_update"), QStringLiteral("en_US"), {}, settings});
    QueueEngine(db, Clock::system()).enqueue(c.id, makeRecipients(recipients, firstNumber));
    return store.byId(c.id);
}

inline qint64 countWhere(Database &db, const QString &condition)
{
    return db.scalar(QStringLiteral("SELECT count(*) FROM send_queue WHERE ") + condition).toLongLong();
}

// The campaign's row as the window's table shows it; null until a snapshot brought it.
inline const ui::CampaignRow *shownRow(ui::MainWindow &w, const QString &campaignId)
{
    return w.campaigns().campaign(campaignId);
}

} // namespace herald::test

// main() for a console test: the environment first, then the application, Prompt answering
// from the test, and the GUI thread banned from SQL (TestDbAccess lifts it for the test's own
// checks).
#define HERALD_UI_TEST_MAIN(TestObject)                                                                      \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        herald::test::prepareUiTestEnvironment();                                                            \
        QApplication app(argc, argv);                                                                        \
        QApplication::setOrganizationName(QStringLiteral("HeraldTest"));                                     \
        QApplication::setApplicationName(QStringLiteral(#TestObject));                                       \
        herald::ui::Prompt::setTesting(true);                                                                \
        /* English as the console shows it, with its plural forms ("1 recipient", "2 recipients"). */        \
        herald::Translations::install(app, QStringLiteral("en"),                                             \
                                      QLocale(QLocale::English, QLocale::UnitedStates),                      \
                                      herald::Translations::Formats::KeepSystem);                            \
        herald::Database::forbidThread(QThread::currentThread());                                            \
        TestObject tc;                                                                                       \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }
