#include "TestDatabase.h"
#include "db/Clock.h"
#include "templates/TemplateStore.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

TemplateRecord record(const QString &category, const QString &status = u"APPROVED"_s)
{
    TemplateRecord t;
    t.name = u"order_update"_s;
    t.language = u"en_US"_s;
    t.status = status;
    t.category = category;
    t.parameterFormat = u"POSITIONAL"_s;
    t.components =
        QJsonDocument::fromJson(R"([{"type":"BODY","text":"Hi {{1}}","example":{"body_text":[["A"]]}}])")
            .array();
    return t;
}

} // namespace

class TestTemplateStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aNewTemplateIsInsertedAndFoundWithItsComponents()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        const auto r = store.upsert(record(u"UTILITY"_s));
        QVERIFY(r.inserted);
        QVERIFY(!r.categoryChanged);
        const auto found = store.find(u"order_update"_s, u"en_US"_s);
        QVERIFY(found);
        QVERIFY(found->id > 0);
        QCOMPARE(found->status, u"APPROVED"_s);
        QCOMPARE(found->category, u"UTILITY"_s);
        QCOMPARE(found->components, record(u"UTILITY"_s).components);
        QCOMPARE(found->parameterFormat, u"POSITIONAL"_s);
        QVERIFY(found->previousCategory.isEmpty());
        QVERIFY(!found->categoryChangedAt.isValid());
        QVERIFY(found->updatedAt.isValid());
        QVERIFY(!store.find(u"order_update"_s, u"de"_s));
    }

    void upsertingTheSameTemplateAgainChangesNothing()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        store.upsert(record(u"UTILITY"_s));
        const auto r = store.upsert(record(u"UTILITY"_s));
        QVERIFY(!r.inserted);
        QVERIFY(!r.changed);
        QVERIFY(!r.categoryChanged);
        QCOMPARE(store.list().size(), 1);
    }

    void aStatusChangeIsAnUpdateButNotACategoryChange()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        store.upsert(record(u"UTILITY"_s));
        const auto r = store.upsert(record(u"UTILITY"_s, u"PAUSED"_s));
        QVERIFY(r.changed);
        QVERIFY(!r.categoryChanged);
        QCOMPARE(store.find(u"order_update"_s, u"en_US"_s)->status, u"PAUSED"_s);
        QVERIFY(store.find(u"order_update"_s, u"en_US"_s)->previousCategory.isEmpty());
    }

    void aCategoryChangeIsRecordedByTheTriggerAndReported()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        store.upsert(record(u"UTILITY"_s));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-5);
        const auto r = store.upsert(record(u"MARKETING"_s));
        QVERIFY(r.changed);
        QVERIFY(r.categoryChanged);
        QCOMPARE(r.previousCategory, u"UTILITY"_s);
        QCOMPARE(r.category, u"MARKETING"_s);

        const auto found = store.find(u"order_update"_s, u"en_US"_s);
        QCOMPARE(found->category, u"MARKETING"_s);
        QCOMPARE(found->previousCategory, u"UTILITY"_s);
        QVERIFY(found->categoryChangedAt.isValid());
        QVERIFY(found->categoryChangedAt >= before);
        QVERIFY(found->categoryChangedAt <= QDateTime::currentDateTimeUtc().addSecs(5));

        // Syncing the same category again keeps the history of the last change.
        const auto again = store.upsert(record(u"MARKETING"_s));
        QVERIFY(!again.categoryChanged);
        QCOMPARE(store.find(u"order_update"_s, u"en_US"_s)->previousCategory, u"UTILITY"_s);
    }

    void listIsSortedByNameThenLanguage()
    {
        HERALD_TEST_DB(tdb);
        TemplateStore store(tdb->db(), Clock::system());
        TemplateRecord b = record(u"UTILITY"_s);
        b.name = u"zeta"_s;
        store.upsert(b);
        TemplateRecord de = record(u"UTILITY"_s);
        de.language = u"de"_s;
        store.upsert(de);
        store.upsert(record(u"UTILITY"_s));
        const QList<TemplateRecord> all = store.list();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).displayName(), u"order_update (de)"_s);
        QCOMPARE(all.at(1).displayName(), u"order_update (en_US)"_s);
        QCOMPARE(all.at(2).displayName(), u"zeta (en_US)"_s);
    }
};

QTEST_GUILESS_MAIN(TestTemplateStore)
#include "test_templatestore.moc"
