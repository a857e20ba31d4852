#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "optout/OptOutStore.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestOptOutStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void addContainsAndRemoveAPhone()
    {
        HERALD_TEST_DB(tdb);
        OptOutStore store(tdb->db(), Clock::system());
        QVERIFY(!store.contains(u"+4915123456789"_s));
        QVERIFY(store.add(u"+4915123456789"_s, OptOutStore::Source::Manual, u"asked by phone"_s));
        QVERIFY(!store.add(u"+4915123456789"_s, OptOutStore::Source::Api));
        QVERIFY(store.contains(u"+4915123456789"_s));
        const QList<OptOut> list = store.list();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).source, u"manual"_s); // the first entry is kept
        QCOMPARE(list.at(0).reason, u"asked by phone"_s);
        QVERIFY(list.at(0).createdAt.isValid());
        QVERIFY(store.remove(u"+4915123456789"_s));
        QVERIFY(!store.remove(u"+4915123456789"_s));
        QCOMPARE(store.count(), 0);
    }

    void listPagesThroughTheList()
    {
        HERALD_TEST_DB(tdb);
        OptOutStore store(tdb->db(), Clock::system());
        for (int i = 0; i < 25; ++i) {
            store.add(u"+49151%1"_s.arg(10000000 + i), OptOutStore::Source::Import);
        }
        QCOMPARE(store.count(), 25);
        QCOMPARE(store.list(0, 10).size(), 10);
        QCOMPARE(store.list(20, 10).size(), 5);
        QStringList all;
        for (qint64 off = 0; off < 25; off += 10) {
            for (const OptOut &o : store.list(off, 10)) {
                all << o.phone;
            }
        }
        all.removeDuplicates();
        QCOMPARE(all.size(), 25);
    }

    void anOptedOutPhoneIsNeverQueued()
    {
        HERALD_TEST_DB(tdb);
        const Clock &clock = Clock::system();
        OptOutStore(tdb->db(), clock).add(u"+4915123456789"_s, OptOutStore::Source::Manual);
        const QString c = CampaignStore(tdb->db(), clock).create({u"C"_s, u"t"_s, u"en"_s, {}, {}}).id;
        Recipient r;
        r.phone = u"+4915123456789"_s;
        QCOMPARE(QueueEngine(tdb->db(), clock).enqueue(c, {r}).optedOut, 1);
    }

    void importFileNormalizesAndReportsRejects()
    {
        HERALD_TEST_DB(tdb);
        OptOutStore store(tdb->db(), Clock::system());
        store.add(u"+4917612345678"_s, OptOutStore::Source::Manual);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"stop.csv"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("phone\n0151 23456789\n+49 176 12345678\n4.91512E+11\n+44 7700 900 900 ::: 0151 1\nabc\n");
        f.close();
        const QString rejects = dir.filePath(u"stop.rejects.csv"_s);
        const ImportSummary s = store.importFile(path, u"DE"_s, {}, {}, rejects);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.rowsRead, 5);
        QCOMPARE(s.imported, 1);
        QCOMPARE(s.duplicatesInCampaign, 1); // already listed
        QCOMPARE(s.rejected, 3);
        QCOMPARE(s.notImported.size(), 3);
        QCOMPARE(s.notImported.at(0).line, 4);
        QCOMPARE(s.notImported.at(0).reason, u"scientific_notation"_s);
        QCOMPARE(s.rejectsFile, rejects);
        QVERIFY(store.contains(u"+4915123456789"_s));
        QCOMPARE(store.count(), 2);
        QCOMPARE(store.list().constFirst().source == u"import"_s ||
                     store.list().constLast().source == u"import"_s,
                 true);
    }

    // Whoever opts out with two numbers in a cell opts out both; a slash inside a number never
    // makes a number of its fragment ("0049 171/23456789" is not +4923456789). The summary
    // counts rows: a row is added when any of its numbers was new.
    void importFileAddsEveryNumberOfACellAndNeverAFragment()
    {
        HERALD_TEST_DB(tdb);
        OptOutStore store(tdb->db(), Clock::system());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"stop.csv"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("phone\n"
                "0049 171/23456789\n"                // 2: one number
                "0151 23456789 / 030 1234567\n"      // 3: two new numbers
                "\"0160 1234567; 0151 23456789\"\n"  // 4: one new, one already listed
                "+49 30 1234567 ::: 0151 23456789\n" // 5: both already listed
                "0049 999/23456789\n"                // 6: invalid as a whole, no fragment taken
                "0043 664/1234567\n");               // 7: Austrian, read in DE
        f.close();
        CsvReaderOptions csv;
        csv.delimiter = u',';
        const ImportSummary s = store.importFile(path, u"DE"_s, csv);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.rowsRead, 6);
        QCOMPARE(s.imported, 4);
        QCOMPARE(s.duplicatesInCampaign, 1);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.rowsRead, s.imported + s.duplicatesInCampaign + s.rejected);
        QCOMPARE(s.notImported.size(), 1);
        QCOMPARE(s.notImported.at(0).line, 6);
        QCOMPARE(s.notImported.at(0).reason, u"invalid_number"_s);
        QVERIFY2(s.notImported.at(0).message.contains(u"\u201C0049 999/23456789\u201D"_s),
                 qPrintable(s.notImported.at(0).message));
        QStringList listed;
        for (const OptOut &o : store.list()) {
            listed << o.phone;
        }
        listed.sort();
        QCOMPARE(listed, (QStringList{u"+436641234567"_s, u"+4915123456789"_s, u"+491601234567"_s,
                                      u"+4917123456789"_s, u"+49301234567"_s}));
        QVERIFY(!store.contains(u"+4923456789"_s));
    }

    void importOfABadFileAddsNothing()
    {
        HERALD_TEST_DB(tdb);
        OptOutStore store(tdb->db(), Clock::system());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"empty.csv"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const ImportSummary s = store.importFile(path, u"DE"_s);
        QCOMPARE(s.outcome, ImportSummary::Outcome::BadFile);
        QCOMPARE(store.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOptOutStore)
#include "test_optoutstore.moc"
