#include "BigAnswerServer.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "simulator/CloudApiSimulator.h"
#include "templates/TemplateStore.h"
#include "templates/TemplateSync.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

// TemplateSync against the real simulator over HTTP on 127.0.0.1, on both backends.
class TestTemplateSync : public QObject
{
    Q_OBJECT

private:
    static ApiSettings settingsFor(const CloudApiSimulator &sim, const QString &token = {})
    {
        ApiSettings s;
        s.setBaseUrl(sim.baseUrl().toString());
        s.setApiVersion(sim.config().apiVersion);
        s.setWabaId(sim.config().wabaId);
        s.setAccessToken(token.isEmpty() ? sim.config().accessToken : token);
        s.setRequestTimeout(std::chrono::seconds(10));
        return s;
    }

    static TemplateSyncResult runSync(Database &db, const ApiSettings &settings, int pageSize = 2)
    {
        TemplateSync sync(db, settings, Clock::system());
        sync.setPageSize(pageSize);
        QSignalSpy spy(&sync, &TemplateSync::finished);
        sync.start();
        if (!spy.wait(30000)) {
            TemplateSyncResult timedOut;
            timedOut.error = u"the sync did not finish within 30 s"_s;
            return timedOut;
        }
        return spy.takeFirst().at(0).value<TemplateSyncResult>();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aFirstSyncPagesThroughTheWholeCatalogueAndStoresIt()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QString error;
        QVERIFY2(sim.start(0, &error), qPrintable(error));

        const TemplateSyncResult r = runSync(tdb->db(), settingsFor(sim), 2);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.pages, 5); // 9 templates, 2 per page
        QCOMPARE(sim.log().totals().templateListings, 5);
        QCOMPARE(r.seen, 9);
        QCOMPARE(r.added, 9);
        QCOMPARE(r.updated, 0);
        QVERIFY(r.categoryChanges.isEmpty());
        QVERIFY(r.noLongerListed.isEmpty());

        TemplateStore store(tdb->db(), Clock::system());
        QCOMPARE(store.list().size(), 9);
        const auto named = store.find(u"appointment_reminder"_s, u"en_US"_s);
        QVERIFY(named);
        QCOMPARE(named->parameterFormat, u"NAMED"_s);
        QCOMPARE(named->category, u"UTILITY"_s);
        QCOMPARE(store.find(u"winter_promo"_s, u"en_US"_s)->status, u"PAUSED"_s);
        QCOMPARE(store.find(u"order_update"_s, u"de"_s)->components.size(), 3);
    }

    void aSecondSyncWithoutChangesUpdatesNothing()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QVERIFY(runSync(tdb->db(), settingsFor(sim), 100).ok);
        const TemplateSyncResult r = runSync(tdb->db(), settingsFor(sim), 100);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.pages, 1);
        QCOMPARE(r.unchanged, 9);
        QCOMPARE(r.added + r.updated, 0);
    }

    void aScriptedCategoryChangeBetweenTwoSyncsIsDetectedAndReported()
    {
        HERALD_TEST_DB(tdb);
        SimulatorConfig config;
        config.categoryChanges = {CategoryChange{1, u"order_update"_s, u"en_US"_s, u"MARKETING"_s}};
        CloudApiSimulator sim(config);
        QVERIFY(sim.start());

        const TemplateSyncResult first = runSync(tdb->db(), settingsFor(sim), 3);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.categoryChanges.isEmpty());

        const TemplateSyncResult second = runSync(tdb->db(), settingsFor(sim), 3);
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.categoryChanges.size(), 1);
        const auto &change = second.categoryChanges.constFirst();
        QCOMPARE(change.name, u"order_update"_s);
        QCOMPARE(change.language, u"en_US"_s);
        QCOMPARE(change.previousCategory, u"UTILITY"_s);
        QCOMPARE(change.category, u"MARKETING"_s);
        QCOMPARE(second.updated, 1);

        const auto stored = TemplateStore(tdb->db(), Clock::system()).find(u"order_update"_s, u"en_US"_s);
        QCOMPARE(stored->category, u"MARKETING"_s);
        QCOMPARE(stored->previousCategory, u"UTILITY"_s);
        QVERIFY(stored->categoryChangedAt.isValid());
        // The German one was not re-categorised.
        QVERIFY(TemplateStore(tdb->db(), Clock::system())
                    .find(u"order_update"_s, u"de"_s)
                    ->previousCategory.isEmpty());
    }

    void templatesNoLongerListedAreKeptAndReported()
    {
        HERALD_TEST_DB(tdb);
        TemplateRecord old;
        old.name = u"retired_offer"_s;
        old.language = u"en_US"_s;
        old.status = u"APPROVED"_s;
        old.category = u"MARKETING"_s;
        TemplateStore(tdb->db(), Clock::system()).upsert(old);

        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const TemplateSyncResult r = runSync(tdb->db(), settingsFor(sim), 4);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.noLongerListed, QStringList{u"retired_offer (en_US)"_s});
        QCOMPARE(TemplateStore(tdb->db(), Clock::system()).list().size(), 10);
    }

    void anUnreachableServerFailsWithoutStoring()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        ApiSettings settings = settingsFor(sim);
        sim.stop();
        const TemplateSyncResult r = runSync(tdb->db(), settings, 2);
        QVERIFY(!r.ok);
        QVERIFY(!r.tokenRejected);
        QVERIFY2(r.error.contains(u"127.0.0.1"_s), qPrintable(r.error));
        QVERIFY(TemplateStore(tdb->db(), Clock::system()).list().isEmpty());
    }

    void aPageLargerThanTheBoundIsNotReadAndNothingIsStored()
    {
        HERALD_TEST_DB(tdb);
        BigAnswerServerThread server(64LL * 1024 * 1024, BigAnswerServer::Framing::Chunked);
        QVERIFY(server.startServer());
        ApiSettings settings;
        settings.setBaseUrl(server.baseUrl());
        settings.setWabaId(u"9876543210"_s);
        settings.setAccessToken(u"EAAtestTokenForTheBoundTest123"_s);
        settings.setRequestTimeout(std::chrono::seconds(10));
        const TemplateSyncResult r = runSync(tdb->db(), settings, 100);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"larger than 8388608 bytes"_s), qPrintable(r.error));
        QVERIFY(TemplateStore(tdb->db(), Clock::system()).list().isEmpty());
    }

    void missingSettingsAreReportedBeforeAnyRequest()
    {
        HERALD_TEST_DB(tdb);
        ApiSettings settings;
        settings.setAccessToken(u"herald-demo-token"_s);
        const TemplateSyncResult r = runSync(tdb->db(), settings);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"Business Account ID"_s), qPrintable(r.error));
    }

    void aWrongTokenGivesAClearAccessTokenErrorAndStoresNothing()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const QString wrong = u"EAAwrongTokenWrongTokenWrong123"_s;
        const TemplateSyncResult r = runSync(tdb->db(), settingsFor(sim, wrong), 2);
        QVERIFY(!r.ok);
        QVERIFY(r.tokenRejected);
        QCOMPARE(r.errorCode, std::optional<int>(190));
        QVERIFY2(r.error.contains(u"access token"_s), qPrintable(r.error));
        QVERIFY2(!r.error.contains(wrong), qPrintable(r.error));
        QVERIFY(TemplateStore(tdb->db(), Clock::system()).list().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTemplateSync)
#include "test_templatesync.moc"
