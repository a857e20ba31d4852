#include "TestDatabase.h"
#include "db/Clock.h"
#include "i18n/Translations.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "templates/CampaignReadiness.h"
#include "templates/TemplateStore.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// order_update as the simulator lists it: image header, body {{1}} {{2}}, url button {{1}}.
TemplateRecord orderUpdate(const QString &status = u"APPROVED"_s, const QString &category = u"UTILITY"_s)
{
    TemplateRecord t;
    t.name = u"order_update"_s;
    t.language = u"en_US"_s;
    t.status = status;
    t.category = category;
    t.parameterFormat = u"POSITIONAL"_s;
    t.components = QJsonDocument::fromJson(R"([
        {"type":"HEADER","format":"IMAGE"},
        {"type":"BODY","text":"Hi {{1}}, your order {{2}} has shipped."},
        {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/track/{{1}}"}]}])")
                       .array();
    return t;
}

QJsonObject fullParams(int i)
{
    return QJsonObject{{u"header.1"_s, u"https://cdn.example.com/a.jpg"_s},
                       {u"body.1"_s, u"Contact %1"_s.arg(i)},
                       {u"body.2"_s, u"A%1"_s.arg(i)},
                       {u"button.0"_s, u"A%1"_s.arg(i)},
                       {u"city"_s, u"Berlin"_s}}; // not in the template: fine
}

Campaign makeCampaign(Database &db, const QList<QJsonObject> &params, const QJsonObject &defaults = {})
{
    CampaignStore store(db, Clock::system());
    QJsonObject settings;
    if (!defaults.isEmpty()) {
        settings.insert(u"defaults"_s, defaults);
    }
    const Campaign c = store.create({u"Autumn"_s, u"order_update"_s, u"en_US"_s, {}, settings});
    QList<Recipient> recipients;
    for (qsizetype i = 0; i < params.size(); ++i) {
        Recipient r;
        r.phone = u"+4917%1"_s.arg(300000000 + i);
        r.params = params.at(i);
        recipients << r;
    }
    QueueEngine(db, Clock::system()).enqueue(c.id, recipients);
    return store.byId(c.id);
}

QList<QJsonObject> contacts(int count, const QStringList &withoutKeys = {}, int affected = -1)
{
    QList<QJsonObject> list;
    for (int i = 0; i < count; ++i) {
        QJsonObject p = fullParams(i);
        if (affected < 0 || i < affected) {
            for (const QString &k : withoutKeys) {
                p.remove(k);
            }
        }
        list << p;
    }
    return list;
}

} // namespace

class TestCampaignReadiness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        // English as the programs show it, with its plural forms ("1 contact", "4 contacts").
        Translations::install(*QCoreApplication::instance(), u"en"_s,
                              QLocale(QLocale::English, QLocale::UnitedStates),
                              Translations::Formats::KeepSystem);
    }

    void anApprovedTemplateWithEveryValueIsReady()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate());
        const Campaign c = makeCampaign(tdb->db(), contacts(5));
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
        QVERIFY(r.warnings.isEmpty());
        QCOMPARE(r.contacts, 5);
        QCOMPARE(r.templateSlots.keys(),
                 (QStringList{u"header.1"_s, u"body.1"_s, u"body.2"_s, u"button.0"_s}));
        QCOMPARE(r.coverage.size(), 4);
        for (const auto &k : r.coverage) {
            QCOMPARE(k.missing, 0);
        }
    }

    void aTemplateThatWasNeverSyncedIsRefusedWithAHint()
    {
        HERALD_TEST_DB(tdb);
        const Campaign c = makeCampaign(tdb->db(), contacts(1));
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY(!r.ok());
        QCOMPARE(
            r.refusals,
            QStringList{u"template order_update (en_US) is not in the synced list; run templates sync"_s});
    }

    void aPausedOrPendingTemplateIsRefused_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("paused") << u"PAUSED"_s;
        QTest::newRow("pending") << u"PENDING"_s;
        QTest::newRow("rejected") << u"REJECTED"_s;
    }

    void aPausedOrPendingTemplateIsRefused()
    {
        HERALD_TEST_DB(tdb);
        QFETCH(QString, status);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate(status));
        const Campaign c = makeCampaign(tdb->db(), contacts(2));
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY(!r.ok());
        QCOMPARE(r.refusals.size(), 1);
        QVERIFY2(r.refusals.constFirst().contains(status), qPrintable(r.refusals.constFirst()));
        QVERIFY(r.refusals.constFirst().contains(u"only APPROVED"_s));
    }

    void aMissingKeyIsRefusedWithTheNumberOfContactsLackingIt()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate());
        // 3 of 7 contacts lack body.2; one more has it empty, which Meta would refuse too.
        QList<QJsonObject> list = contacts(7, {u"body.2"_s}, 3);
        list[5].insert(u"body.2"_s, u""_s);
        const Campaign c = makeCampaign(tdb->db(), list);
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY(!r.ok());
        QCOMPARE(r.refusals, QStringList{u"body.2 has no value for 4 contacts and no campaign default"_s});
        QCOMPARE(r.coverage.at(2).key, u"body.2"_s);
        QCOMPARE(r.coverage.at(2).missing, 4);
    }

    void aCampaignDefaultFillsAKeyNoContactHas()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate());
        const Campaign c =
            makeCampaign(tdb->db(), contacts(4, {u"header.1"_s}),
                         QJsonObject{{u"header.1"_s, u"https://cdn.example.com/banner.jpg"_s}});
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
        QCOMPARE(r.coverage.at(0).missing, 4);
        QVERIFY(r.coverage.at(0).hasDefault);
        QCOMPARE(r.defaults.value(u"header.1"_s).toString(), u"https://cdn.example.com/banner.jpg"_s);
    }

    void onlyMessagesStillToBeSentAreChecked()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate());
        const Campaign c = makeCampaign(tdb->db(), contacts(3, {u"body.1"_s}, 1));
        // The one contact without body.1 was already sent (e.g. with an older mapping).
        tdb->db().run(u"UPDATE send_queue SET status = 'sent' WHERE campaign_id = ? AND phone = ?"_s,
                      {c.id, u"+4917300000000"_s});
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
        QCOMPARE(r.contacts, 2);
    }

    void aCampaignWithNothingQueuedIsRefused()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore(tdb->db(), Clock::system()).upsert(orderUpdate());
        const Campaign c = makeCampaign(tdb->db(), {});
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QCOMPARE(r.refusals, QStringList{u"campaign \"Autumn\" has no messages queued to send"_s});
    }

    void aRecentCategoryChangeWarnsButDoesNotRefuse()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        store.upsert(orderUpdate(u"APPROVED"_s, u"UTILITY"_s));
        store.upsert(orderUpdate(u"APPROVED"_s, u"MARKETING"_s));
        const Campaign c = makeCampaign(tdb->db(), contacts(2));
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY2(r.ok(), qPrintable(r.refusals.join(u'\n')));
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.constFirst().contains(u"from UTILITY to MARKETING"_s),
                 qPrintable(r.warnings.constFirst()));
    }

    void aCategoryChangeOlderThanThirtyDaysNoLongerWarns()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        store.upsert(orderUpdate(u"APPROVED"_s, u"UTILITY"_s));
        store.upsert(orderUpdate(u"APPROVED"_s, u"MARKETING"_s));
        const Campaign c = makeCampaign(tdb->db(), contacts(2));
        ManualClock later(QDateTime::currentDateTimeUtc().addDays(31));
        const ReadinessReport r = CampaignReadiness(tdb->db(), later).check(c);
        QVERIFY(r.ok());
        QVERIFY(r.warnings.isEmpty());
    }

    void aTemplateHeraldCannotFillIsRefused()
    {
        HERALD_TEST_DB(tdb);
        TemplateRecord t = orderUpdate();
        t.components = QJsonDocument::fromJson(R"([{"type":"HEADER","format":"LOCATION"},
                                                   {"type":"BODY","text":"Visit us"}])")
                           .array();
        TemplateStore(tdb->db(), Clock::system()).upsert(t);
        const Campaign c = makeCampaign(tdb->db(), contacts(1));
        const ReadinessReport r = CampaignReadiness(tdb->db(), Clock::system()).check(c);
        QVERIFY(!r.ok());
        QVERIFY(r.refusals.constFirst().contains(u"location"_s));
    }
};

QTEST_GUILESS_MAIN(TestCampaignReadiness)
#include "test_campaignreadiness.moc"
