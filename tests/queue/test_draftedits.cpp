// A draft's edits in the store, on SQLite and PostgreSQL: the name and rate ceiling with the
// user's words when refused, and "Change mapping"'s replacement of one draft by another in one
// transaction.
#include "QueueTestUtil.h"
#include "db/DbError.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
qint64 rowsOf(Database &db, const QString &campaignId)
{
    return db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ?"_s, {campaignId}).toLongLong();
}

QString refusalOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const DbError &e) {
        return e.kind() == DbError::Kind::Refused ? e.message() : u"not refused: "_s + e.message();
    }
    return {};
}
} // namespace

class TestDraftEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aDraftsNameAndRateAreSavedAndTheRestOfItsSettingsKept()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign c = makeCampaign(db, clock, u"March"_s, 3);
        store.updateSettings(c.id, QJsonObject{{u"mapping"_s, QJsonObject{{u"body.1"_s, u"x"_s}}}});
        Campaign after = store.updateDraft(c.id, u"  April  "_s, 2.5);
        QCOMPARE(after.name, u"April"_s);
        QCOMPARE(after.settings.value(u"rate"_s).toDouble(), 2.5);
        QVERIFY(after.settings.contains(u"mapping"_s));
        after = store.updateDraft(c.id, u"April"_s, std::nullopt); // the number's own limit
        QVERIFY(!after.settings.contains(u"rate"_s));
        QVERIFY(after.settings.contains(u"mapping"_s));
    }

    void whatADraftCannotBeIsRefusedWithWhyAndNothingChanges()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign c = makeCampaign(db, clock, u"March"_s, 3);
        makeCampaign(db, clock, u"Taken"_s, 1);
        QVERIFY(refusalOf([&] { store.updateDraft(c.id, u" "_s, 5); }).contains(u"needs a name"_s));
        QVERIFY(refusalOf([&] { store.updateDraft(c.id, u"March"_s, 0); }).contains(u"more than 0"_s));
        QVERIFY(refusalOf([&] { store.updateDraft(c.id, u"March"_s, -3); }).contains(u"more than 0"_s));
        QVERIFY(refusalOf([&] { store.updateDraft(c.id, u"Taken"_s, 5); }).contains(u"already exists"_s));
        store.transition(c.id, CampaignStatus::Running);
        const QString running = refusalOf([&] { store.updateDraft(c.id, u"April"_s, 5); });
        QVERIFY2(running.contains(u"only a draft"_s), qPrintable(running));
        const Campaign after = store.byId(c.id);
        QCOMPARE(after.name, u"March"_s);
        QVERIFY(!after.settings.contains(u"rate"_s));
    }

    void aNewDraftTakesTheOldOnesPlaceNameAndRateInOneGo()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign old = makeCampaign(db, clock, u"March"_s, 3);
        store.updateDraft(old.id, u"March"_s, 4);
        const Campaign fresh = makeCampaign(db, clock, u"March (new mapping)"_s, 5);
        store.updateSettings(fresh.id, QJsonObject{{u"mapping"_s, QJsonObject{{u"body.1"_s, u"y"_s}}}});
        const Campaign now = store.replaceDraft(old.id, fresh.id);
        QCOMPARE(now.id, fresh.id);
        QCOMPARE(now.name, u"March"_s);
        QCOMPARE(now.settings.value(u"rate"_s).toDouble(), 4.0);
        QCOMPARE(now.settings.value(u"mapping"_s).toObject().value(u"body.1"_s).toString(), u"y"_s);
        QCOMPARE(now.totalContacts, 5);
        QVERIFY(!store.findById(old.id));
        QCOMPARE(rowsOf(db, old.id), 0);
        QCOMPARE(rowsOf(db, fresh.id), 5);
    }

    void aDraftThatStartedMeanwhileIsNotReplaced()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign old = makeCampaign(db, clock, u"March"_s, 3);
        const Campaign fresh = makeCampaign(db, clock, u"March (new mapping)"_s, 5);
        store.transition(old.id, CampaignStatus::Running);
        QVERIFY(refusalOf([&] { store.replaceDraft(old.id, fresh.id); }).contains(u"only a draft"_s));
        QCOMPARE(store.byId(old.id).status, CampaignStatus::Running);
        QCOMPARE(rowsOf(db, old.id), 3);
        QCOMPARE(store.byId(fresh.id).name, u"March (new mapping)"_s);
    }
};

QTEST_GUILESS_MAIN(TestDraftEdits)
#include "test_draftedits.moc"
