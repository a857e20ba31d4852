// No access token and no password in the log files, at the most verbose logging
// (QT_LOGGING_RULES="*.debug=true", set for this test, so Qt's own network and SQL debug output
// is written too): a campaign sent from the window to the simulator with a token nobody else
// could have written, the test database (on PostgreSQL, a connection with a password) and a
// connection that fails with a password in its URL. Then every file in the log folder is
// searched, for the recipients' numbers too.
#include "../secrets/SecretSearch.h"
#include "UiTestUtil.h"
#include "db/DbError.h"
#include "log/LogCategories.h"
#include "log/LogFiles.h"
#include "views/CampaignsPage.h"

#include <QAction>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestLogSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void neitherTheTokenNorAPasswordReachesTheLogFiles()
    {
        QFETCH_GLOBAL(QString, backend);
        const QLoggingCategory qtNetwork("qt.network.access");
        QVERIFY2(qtNetwork.isDebugEnabled() && lcCloudApi().isDebugEnabled(),
                 "run with QT_LOGGING_RULES=*.debug=true");
        QTemporaryDir logDir;
        LogFiles logs(logDir.path(), Clock::system());
        logs.install();

        const QString token = uniqueToken();
        const QString failingPassword = u"pw-%1"_s.arg(uniqueToken().mid(4, 12));
        std::unique_ptr<TestDatabase> tdb;
        {
            TestDbAccess access;
            QString skip;
            tdb = TestDatabase::create(backend, &skip);
            if (!tdb) {
                QSKIP(qPrintable(skip));
            }
            // A server that is not there, reached with a password: the failure is logged.
            DatabaseConfig wrong;
            QString error;
            QVERIFY(DatabaseConfig::parse(u"postgresql://herald:%1@127.0.0.1:1/herald"_s.arg(failingPassword),
                                          &wrong, &error));
            QVERIFY_THROWS_EXCEPTION(DbError, Database{wrong});
        }
        SimulatorConfig sc;
        sc.accessToken = token; // anything else is refused with 401
        sc.latencyMs = 2;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        Campaign c;
        {
            TestDbAccess access;
            QVERIFY(syncTemplates(tdb->db(), sim));
            c = readyCampaign(tdb->db(), u"Logged sale"_s, 60);
        }
        {
            FixedCredentials credentials(token);
            MainWindow w(contextFor(*tdb, sim, &credentials));
            w.show();
            QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
            w.campaignsPage().selectCampaign(c.id);
            w.findChild<QAction *>(u"actionStart"_s)->trigger();
            QVERIFY(waitUntil(
                [&] { return shownRow(w, c.id) && shownRow(w, c.id)->status == CampaignStatus::Completed; },
                60'000));
            QCOMPARE(shownRow(w, c.id)->sent, 60);
            w.closeWithoutAsking();
        }
        logs.uninstall();
        const QString password = tdb->config().password();
        {
            TestDbAccess access;
            tdb.reset();
        }

        // The search covered real logging: the requests, the sender, the failed connection.
        QVERIFY(fileCount({logDir.path()}) >= 1);
        QFile file(logs.currentFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains("DEBUG herald.cloudapi: request http"), "no request was logged");
        QVERIFY(text.contains("INFO  herald.sender: campaign"));
        QVERIFY(text.contains(
            "WARN  herald.db: Cannot connect to PostgreSQL (postgresql://herald@127.0.0.1:1/herald)"));
        QVERIFY2(text.contains(" DEBUG qt."), "Qt's own debug output was not logged");

        QCOMPARE(filesContaining({logDir.path()}, token), QStringList());
        QCOMPARE(filesContaining({logDir.path()}, failingPassword), QStringList());
        // Nor a recipient's number: the log is sent to support, the contacts stay with the user.
        for (const Recipient &r : makeRecipients(60)) {
            QVERIFY2(!text.contains(r.phone.toUtf8()) && !text.contains(r.phone.mid(1).toUtf8()),
                     qPrintable(r.phone));
        }
        if (backend == u"postgresql"_s) {
            QVERIFY(!password.isEmpty());
            QCOMPARE(filesContaining({logDir.path()}, password), QStringList());
        }
    }
};

HERALD_UI_TEST_MAIN(TestLogSecrets)
#include "test_logsecrets.moc"
