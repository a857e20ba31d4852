// herald-cli erase and purge through the real binary, on SQLite and PostgreSQL.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestCliErase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(TestDatabase &tdb, const QStringList &args)
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void eraseReadsTheNumberAsTheImportDoesAndReportsRowsAndCampaigns()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        CampaignStore store(db, Clock::system());
        QStringList ids;
        for (const QString &name : {u"One"_s, u"Two"_s}) {
            const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, {}});
            QueueEngine(db, Clock::system())
                .enqueue(c.id, {Recipient{u"+4915123456789"_s, u"Erika"_s,
                                          QJsonObject{{u"body.1"_s, u"Erika"_s}}, 2},
                                Recipient{u"+4915123456780"_s, u"Max"_s, {}, 3}});
            ids << c.id;
        }
        AppSettings(db).set(u"import.region"_s, u"DE"_s);

        CliRun r = cli(*tdb, {u"erase"_s, u"--phone"_s, u"0151 2345-6789"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"Erased +4915123456789's number, name and parameters from 2 row"_s) &&
                     r.out.contains(u" in 2 campaign"_s),
                 qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"still waiting will not be sent"_s), qPrintable(r.describe()));
        QCOMPARE(
            db.scalar(
                  u"SELECT count(*) FROM send_queue WHERE phone = '+4915123456789' OR contact_name = 'Erika'"_s)
                .toLongLong(),
            0);
        for (const QString &id : std::as_const(ids)) {
            const Campaign c = store.byId(id);
            QCOMPARE(c.totalContacts, 2);
            QCOMPARE(c.totalFailed, 1);
            QCOMPARE(Counters::recount(db, id).failed, 1);
        }

        r = cli(*tdb, {u"erase"_s, u"--phone"_s, u"+49 151 2345 6789"_s, u"--opt-out"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"rows"_s).toInt(), 0);
        QCOMPARE(r.json().value(u"opt_out_added"_s).toBool(), true);

        r = cli(*tdb, {u"erase"_s, u"--phone"_s, u"12"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"Nothing was erased."_s), qPrintable(r.describe()));
        r = cli(*tdb, {u"erase"_s});
        QCOMPARE(r.exitCode, 2);
    }

    void purgeAppliesTheRetentionSettingAndIsOffByDefault()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        CampaignStore store(db, Clock::system());
        const Campaign c = store.create({u"Old"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        QueueEngine(db, Clock::system()).enqueue(c.id, {Recipient{u"+4915123456789"_s, u"Erika"_s, {}, 2}});
        store.transition(c.id, CampaignStatus::Cancelled);
        db.run(u"UPDATE campaigns SET end_time = ? WHERE id = ?"_s,
               {db.timeValue(QDateTime::currentDateTimeUtc().addDays(-40)), c.id});

        CliRun r = cli(*tdb, {u"purge"_s});
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"Retention is off"_s), qPrintable(r.describe()));
        r = cli(*tdb, {u"config"_s, u"set"_s, u"privacy.retention_days"_s, u"-3"_s});
        QCOMPARE(r.exitCode, 2);
        r = cli(*tdb, {u"config"_s, u"set"_s, u"privacy.retention_days"_s, u"30"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli(*tdb, {u"purge"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"days"_s).toInt(), 30);
        QCOMPARE(r.json().value(u"rows"_s).toInt(), 1);
        QCOMPARE(r.json().value(u"campaigns"_s).toInt(), 1);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM send_queue WHERE contact_name IS NOT NULL"_s).toLongLong(),
                 0);
        QCOMPARE(store.byId(c.id).totalContacts, 1);
        r = cli(*tdb, {u"purge"_s, u"--days"_s, u"50"_s});
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"details of 0 row"_s), qPrintable(r.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliErase)
#include "test_cli_erase.moc"
