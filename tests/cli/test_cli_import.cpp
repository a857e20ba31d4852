#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QString fixture(const char *name)
{
    return QString::fromUtf8(HERALD_IMPORT_DATA) + u'/' + QString::fromUtf8(name);
}

} // namespace

// herald-cli import, export and optout as scripts run them, on SQLite and PostgreSQL.
class TestCliImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_work;

    CliRun cli(TestDatabase &tdb, const QStringList &args)
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args);
    }

    static QString makeCampaign(Database &db, const QString &name)
    {
        return CampaignStore(db, Clock::system()).create({name, u"order_update"_s, u"en_US"_s, {}, {}}).id;
    }

    static qint64 rowsOf(Database &db, const QString &campaignId)
    {
        return db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ?"_s, {campaignId})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_work.isValid());
        QVERIFY2(QFile::exists(QString::fromUtf8(HERALD_CLI_PATH)), HERALD_CLI_PATH);
    }

    void importPrintsTheSummaryAsJsonAndWritesTheReport()
    {
        HERALD_TEST_DB(tdb);
        const QString c = makeCampaign(tdb->db(), u"Spring"_s);
        const QString rejects = m_work.filePath(u"spring.rejects.csv"_s);
        const CliRun r = cli(*tdb, {u"import"_s, fixture("excel_mixed_quality.csv"), u"--campaign"_s,
                                    u"Spring"_s, u"--region"_s, u"de"_s, u"--param"_s, u"body.1=First Name"_s,
                                    u"--param"_s, u"body.2=Order"_s, u"--rejects"_s, rejects, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QCOMPARE(j.value(u"outcome"_s).toString(), u"imported"_s);
        QCOMPARE(j.value(u"rows_read"_s).toInt(), 9);
        QCOMPARE(j.value(u"imported"_s).toInt(), 5);
        QCOMPARE(j.value(u"duplicates_in_file"_s).toInt(), 1);
        QCOMPARE(j.value(u"rejected"_s).toInt(), 3);
        QCOMPARE(j.value(u"rejected_by_reason"_s).toObject().value(u"missing_parameter"_s).toInt(), 1);
        QCOMPARE(j.value(u"delimiter"_s).toString(), u";"_s);
        QCOMPARE(j.value(u"phone_column"_s).toString(), u"Mobile"_s);
        QCOMPARE(j.value(u"rejects_file"_s).toString(), rejects);
        QVERIFY(QFile::exists(rejects));
        QCOMPARE(rowsOf(tdb->db(), c), 5);

        // Again without the parameters: the five queued numbers are duplicates in the campaign,
        // and only Emil (line 6), rejected before for his missing order number, is new.
        const CliRun again = cli(*tdb, {u"import"_s, fixture("excel_mixed_quality.csv"), u"--campaign"_s,
                                        u"Spring"_s, u"--region"_s, u"DE"_s, u"--rejects"_s, rejects});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QVERIFY2(again.out.contains(u"Imported 1 of 9 rows"_s), qPrintable(again.out));
        QVERIFY2(again.out.contains(u"already in the campaign: 5"_s), qPrintable(again.out));
    }

    void aDryRunSavesNothing()
    {
        HERALD_TEST_DB(tdb);
        const QString c = makeCampaign(tdb->db(), u"Dry"_s);
        const CliRun r = cli(*tdb, {u"import"_s, fixture("outlook.csv"), u"--campaign"_s, u"Dry"_s,
                                    u"--dry-run"_s, u"--rejects"_s, m_work.filePath(u"dry.csv"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"Dry run: 3 of 3 rows"_s), qPrintable(r.out));
        QCOMPARE(rowsOf(tdb->db(), c), 0);
    }

    void aBadFileExitsSevenNamingTheLineAndImportsNothing()
    {
        HERALD_TEST_DB(tdb);
        const QString c = makeCampaign(tdb->db(), u"Bad"_s);
        const CliRun r =
            cli(*tdb, {u"import"_s, fixture("unterminated_quote.csv"), u"--campaign"_s, u"Bad"_s});
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(r.err.contains(u"unterminated_quote.csv, line 3"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"Nothing was imported"_s), qPrintable(r.err));
        QCOMPARE(rowsOf(tdb->db(), c), 0);
    }

    void usageErrorsAndUnknownCampaignsHaveTheirCodes()
    {
        HERALD_TEST_DB(tdb);
        makeCampaign(tdb->db(), u"U"_s);
        QCOMPARE(cli(*tdb, {u"import"_s, u"--campaign"_s, u"U"_s}).exitCode, 2);
        QCOMPARE(
            cli(*tdb, {u"import"_s, fixture("outlook.csv"), u"--campaign"_s, u"U"_s, u"--region"_s, u"+49"_s})
                .exitCode,
            2);
        QCOMPARE(cli(*tdb, {u"import"_s, fixture("outlook.csv"), u"--campaign"_s, u"U"_s, u"--param"_s,
                            u"body.1"_s})
                     .exitCode,
                 2);
        QCOMPARE(cli(*tdb, {u"import"_s, fixture("outlook.csv"), u"--campaign"_s, u"Nope"_s}).exitCode, 5);
    }

    void exportWritesAnExcelReadyFile()
    {
        HERALD_TEST_DB(tdb);
        makeCampaign(tdb->db(), u"Exp"_s);
        QCOMPARE(cli(*tdb, {u"import"_s, fixture("outlook.csv"), u"--campaign"_s, u"Exp"_s, u"--rejects"_s,
                            m_work.filePath(u"x.csv"_s)})
                     .exitCode,
                 0);
        const QString out = m_work.filePath(u"results.csv"_s);
        const CliRun r = cli(*tdb, {u"export"_s, u"--campaign"_s, u"Exp"_s, u"--out"_s, out, u"--delimiter"_s,
                                    u";"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"rows"_s).toInt(), 3);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBFphone;name;status;"));
        QVERIFY2(bytes.contains("+31612345678;Anna de Vries;ready;"), bytes.constData());
    }

    void optOutAddListImportAndRemove()
    {
        HERALD_TEST_DB(tdb);
        CliRun r = cli(*tdb, {u"optout"_s, u"add"_s, u"0151 23456789"_s, u"--region"_s, u"DE"_s,
                              u"--reason"_s, u"STOP reply"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"+4915123456789"_s), qPrintable(r.out));
        QCOMPARE(cli(*tdb, {u"optout"_s, u"add"_s, u"12"_s}).exitCode, 2);

        const QString file = m_work.filePath(u"stops.csv"_s);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("phone\n+49 160 1234567\nnot a phone\n+4915123456789\n");
        }
        r = cli(*tdb, {u"optout"_s, u"import"_s, file, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"added"_s).toInt(), 1);
        QCOMPARE(r.json().value(u"already_listed"_s).toInt(), 1);
        QCOMPARE(r.json().value(u"rejected"_s).toInt(), 1);

        r = cli(*tdb, {u"optout"_s, u"list"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"total"_s).toInt(), 2);
        QCOMPARE(r.json().value(u"opt_outs"_s).toArray().size(), 2);

        // An opted-out phone in a contact file is counted, never queued.
        const QString c = makeCampaign(tdb->db(), u"Opt"_s);
        const QString contacts = m_work.filePath(u"c.csv"_s);
        {
            QFile f(contacts);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("name,phone\nA,+49 151 23456789\nB,+49 151 23456780\n");
        }
        r = cli(*tdb, {u"import"_s, contacts, u"--campaign"_s, u"Opt"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"opted_out"_s).toInt(), 1);
        QCOMPARE(rowsOf(tdb->db(), c), 1);

        r = cli(*tdb, {u"optout"_s, u"remove"_s, u"+4915123456789"_s});
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"removed"_s), qPrintable(r.describe()));
        QCOMPARE(cli(*tdb, {u"optout"_s, u"frobnicate"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "test_cli_import.moc"
