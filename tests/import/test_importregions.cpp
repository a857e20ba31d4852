// What the import stores beyond the rows themselves: each row's country (send_queue.region,
// for quiet hours) and the ids it added, by which AddedRows::remove takes exactly those rows
// away again. On SQLite (both ways rows reach it) and PostgreSQL.
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "import/AddedRows.h"
#include "import/ContactImporter.h"
#include "import/ImportWriter.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "queue/RecipientRegions.h"

#include <QFile>
#include <QMap>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &rows)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write("Name,Phone\n" + rows);
    return path;
}

// `count` German mobile numbers from +49 151 10000000 + first.
QByteArray germanRows(int first, int count)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i) {
        out += "P" + QByteArray::number(i) + ",+49 151 " + QByteArray::number(10000000 + i) + '\n';
    }
    return out;
}

// phone → (id, region) of the campaign's rows.
QMap<QString, std::pair<qint64, QString>> rowsOf(Database &db, const QString &campaignId)
{
    QMap<QString, std::pair<qint64, QString>> out;
    QSqlQuery q = db.run(u"SELECT phone, id, region FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
    while (q.next()) {
        out.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toString()});
    }
    return out;
}

} // namespace

class TestImportRegions : public QObject
{
    Q_OBJECT

    const Clock &m_clock = Clock::system();

    QString campaign(Database &db, const QString &name)
    {
        return CampaignStore(db, m_clock).create({name, u"order_update"_s, u"en_US"_s, {}, {}}).id;
    }

    ImportSummary import(ContactImporter &importer, const QString &path, const QString &campaignId,
                         bool viaQtSql)
    {
        ImportOptions o;
        o.campaignId = campaignId;
        o.region = u"DE"_s;
        o.writeRejects = false;
        o.sqliteApi = viaQtSql ? ImportWriter::SqliteApi::QtSql : ImportWriter::SqliteApi::Auto;
        return importer.run(path, o);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("viaQtSql");
        QTest::newRow("sqlite") << u"sqlite"_s << false;
        QTest::newRow("sqlite-qtsql") << u"sqlite"_s << true;
        QTest::newRow("postgresql") << u"postgresql"_s << false;
    }

    void everyRowWithACountryHasItsRegionAfterTheImport()
    {
        HERALD_TEST_DB(tdb);
        QFETCH_GLOBAL(bool, viaQtSql);
        Database &db = tdb->db();
        const QString c = campaign(db, u"Regions"_s);
        QTemporaryDir dir;
        // +1 and +44 are shared by several regions: the number decides (US/CA, GB/JE …).
        const QString path = writeFile(dir, u"regions.csv"_s,
                                       "Ana,0151 23456789\n"    // national, read in DE
                                       "Ben,+1 650 253 0000\n"  // US
                                       "Cy,+1 416 979 1234\n"   // CA
                                       "Di,+44 7400 123456\n"   // GB
                                       "Ed,+55 11 91234-5678\n" // BR
                                       "Flo,+800 1234 5678\n"   // non-geographic: none
                                       "Gus,12\n");             // rejected
        ContactImporter importer(db, m_clock);
        const ImportSummary s = import(importer, path, c, viaQtSql);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.imported, 6);
        const auto rows = rowsOf(db, c);
        const QMap<QString, QString> expected{{u"+4915123456789"_s, u"DE"_s}, {u"+16502530000"_s, u"US"_s},
                                              {u"+14169791234"_s, u"CA"_s},   {u"+447400123456"_s, u"GB"_s},
                                              {u"+5511912345678"_s, u"BR"_s}, {u"+80012345678"_s, u""_s}};
        QCOMPARE(rows.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(rows.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(rows.value(it.key()).second, it.value());
            // The same answer as the later fill would give: nothing is left for it to do.
            QCOMPARE(rows.value(it.key()).second, RecipientRegions::of(it.key()));
        }
        QCOMPARE(RecipientRegions::fill(db, c), 0);
    }

    void rowsAddedToAnExistingCampaignAreRemovedExactlyAndTheCountersFollow()
    {
        HERALD_TEST_DB(tdb);
        QFETCH_GLOBAL(bool, viaQtSql);
        Database &db = tdb->db();
        const QString c = campaign(db, u"Existing"_s);
        const QString other = campaign(db, u"Other"_s);
        QTemporaryDir dir;
        ContactImporter first(db, m_clock);
        QCOMPARE(import(first, writeFile(dir, u"a.csv"_s, germanRows(0, 100)), c, viaQtSql).imported, 100);
        QCOMPARE(import(first, writeFile(dir, u"o.csv"_s, germanRows(0, 30)), other, viaQtSql).imported, 30);
        const auto before = rowsOf(db, c);
        const auto otherBefore = rowsOf(db, other);

        // 50 numbers the campaign has, 120 new ones.
        ContactImporter adding(db, m_clock);
        const ImportSummary s = import(adding, writeFile(dir, u"b.csv"_s, germanRows(50, 170)), c, viaQtSql);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.imported, 120);
        QCOMPARE(s.duplicatesInCampaign, 50);
        QVERIFY(!adding.added().isEmpty());
        QCOMPARE(rowsOf(db, c).size(), 220);
        QCOMPARE(Counters::recount(db, c).contacts, 220);
        QCOMPARE(CampaignStore(db, m_clock).byId(c).totalContacts, 220);

        QCOMPARE(AddedRows::remove(db, c, adding.added(), m_clock), 120);
        QCOMPARE(rowsOf(db, c), before); // the same rows, ids and all
        QCOMPARE(rowsOf(db, other), otherBefore);
        const CounterValues counted = Counters::recount(db, c);
        QCOMPARE(counted.contacts, 100);
        QCOMPARE(CampaignStore(db, m_clock).byId(c).totalContacts, counted.contacts);
        QCOMPARE(Counters::historyTotals(db, c).sent, 0);
        // Done twice, the second finds nothing.
        QCOMPARE(AddedRows::remove(db, c, adding.added(), m_clock), 0);
        QCOMPARE(CampaignStore(db, m_clock).byId(c).totalContacts, 100);
    }

    void aDryRunOrAnImportOfNothingNewAddsNoRange()
    {
        HERALD_TEST_DB(tdb);
        QFETCH_GLOBAL(bool, viaQtSql);
        Database &db = tdb->db();
        const QString c = campaign(db, u"Nothing new"_s);
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"a.csv"_s, germanRows(0, 10));
        ContactImporter importer(db, m_clock);
        QCOMPARE(import(importer, path, c, viaQtSql).imported, 10);
        const ImportSummary again = import(importer, path, c, viaQtSql);
        QCOMPARE(again.imported, 0);
        QCOMPARE(again.duplicatesInCampaign, 10);
        QVERIFY(importer.added().isEmpty());
        QCOMPARE(AddedRows::remove(db, c, importer.added(), m_clock), 0);
        QCOMPARE(rowsOf(db, c).size(), 10);

        // A dry run writes everything and rolls back: no range to take away either.
        ImportOptions dry;
        dry.campaignId = c;
        dry.region = u"DE"_s;
        dry.writeRejects = false;
        dry.dryRun = true;
        ContactImporter dryImporter(db, m_clock);
        const ImportSummary tried = dryImporter.run(writeFile(dir, u"b.csv"_s, germanRows(10, 40)), dry);
        QCOMPARE(tried.imported, 40);
        QVERIFY(dryImporter.added().isEmpty());
        QCOMPARE(rowsOf(db, c).size(), 10);
    }

    void anotherTransactionAddingToTheCampaignWaitsForTheImport()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        if (!db.isPostgres()) {
            QSKIP("SQLite's write lock already keeps a second writer out for the whole import");
        }
        const QString c = campaign(db, u"Locked"_s);
        std::unique_ptr<Database> otherDb;
        try {
            otherDb = std::make_unique<Database>(tdb->config(), u"other"_s);
            otherDb->execDirect(u"SET lock_timeout = '300ms'"_s);
        } catch (const DbError &e) {
            QFAIL(qPrintable(e.message()));
        }
        Database &other = *otherDb;
        const QList<Recipient> recipients{{u"+4915120000001"_s, {}, {}, 0}};
        {
            Transaction tx(db); // as an import holds it from its first row to its commit
            CampaignStore(db, m_clock).lockForAdding(c);
            bool refused = false;
            try {
                QueueEngine(other, m_clock).enqueue(c, recipients);
            } catch (const DbError &) {
                refused = true; // it waited for the lock, past its timeout
            }
            QVERIFY2(refused, "a second transaction added rows to the campaign while the import ran");
        }
        QCOMPARE(QueueEngine(other, m_clock).enqueue(c, recipients).inserted, 1);
    }
};

QTEST_GUILESS_MAIN(TestImportRegions)
#include "test_importregions.moc"
