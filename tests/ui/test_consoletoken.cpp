// The access token on the console's real path, against a real Secret Service (with-keyring.sh):
// the API settings stored in the database under the keys herald-cli uses, the token only in the
// keychain. A campaign started from the window is sent with it, and afterwards no file the run
// wrote — the database and its journal, the console's settings, caches, temporary files, the
// keyring's own — holds the token as plain text.
#include "../secrets/SecretSearch.h"
#include "SystemKeychain.h"
#include "UiTestUtil.h"
#include "db/AppSettings.h"
#include "db/Migrator.h"
#include "settings/SettingKeys.h"
#include "views/CampaignsPage.h"

#include <QAction>
#include <QSettings>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestConsoleToken : public QObject
{
    Q_OBJECT

    QString m_scratch;

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = qEnvironmentVariable("HERALD_TEST_SCRATCH");
        QVERIFY2(!m_scratch.isEmpty(), "run through with-keyring.sh");
    }

    void cleanup() { SystemKeychain::removeNow(SystemKeychain::AccessTokenKey); }

    void aCampaignIsSentWithTheKeychainTokenAndNoFileHoldsIt()
    {
        const QString token = uniqueToken();
        QVERIFY(SystemKeychain::writeNow(SystemKeychain::AccessTokenKey, token).ok());

        SimulatorConfig sc;
        sc.accessToken = token; // anything else is refused with 401
        sc.latencyMs = 2;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());

        // The database in the scratch folder, so the search below covers it.
        DatabaseConfig config;
        QString error;
        QVERIFY2(DatabaseConfig::parse(m_scratch + u"/herald.db"_s, &config, &error), qPrintable(error));
        Campaign c;
        {
            TestDbAccess access;
            Database db(config);
            Migrator(db).migrate();
            AppSettings settings(db);
            settings.set(SettingKeys::ApiBase, sim.baseUrl().toString());
            settings.set(SettingKeys::ApiVersion, sim.config().apiVersion);
            settings.set(SettingKeys::PhoneNumberId, sim.config().phoneNumberId);
            settings.set(SettingKeys::WabaId, sim.config().wabaId);
            QVERIFY(syncTemplates(db, sim));
            c = readyCampaign(db, u"Keychain run"_s, 60);
        }

        Credentials credentials; // HERALD_ACCESS_TOKEN is unset: the keychain answers
        AppContext context;
        context.database = config;
        context.credentials = &credentials;
        context.pollInterval = std::chrono::milliseconds(200);
        {
            MainWindow w(context);
            w.show();
            QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
            w.campaignsPage().selectCampaign(c.id);
            w.findChild<QAction *>(u"actionStart"_s)->trigger();
            QVERIFY(waitUntil(
                [&] {
                    const CampaignRow *r = shownRow(w, c.id);
                    return r && r->status == CampaignStatus::Completed;
                },
                60'000));
            QCOMPARE(shownRow(w, c.id)->sent, 60);
        }
        QCOMPARE(sim.log().totals().accepted, 60);
        QSettings().sync();

        // What the run wrote: the database, settings and caches (the XDG folders the test set),
        // temporary files and the keyring's store, all under the scratch folder.
        QVERIFY(QFile::exists(m_scratch + u"/herald.db"_s));
        QVERIFY(fileCount({m_scratch}) > 3);
        const QStringList leaks = filesContaining({m_scratch}, token);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
    }
};

HERALD_UI_TEST_MAIN(TestConsoleToken)
#include "test_consoletoken.moc"
