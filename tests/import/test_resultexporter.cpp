#include "ImportTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "import/ContactImporter.h"
#include "import/ResultExporter.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

// Import, send a little, export, and read the export back as Excel and Herald would.
class TestResultExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void exportRoundTripKeepsResultsAndNeutralizesFormulas()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        QTemporaryDir dir;
        const QString input = dir.filePath(u"contacts.csv"_s);
        {
            QFile f(input);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name,Phone\n"
                    "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",+49 151 11111111\n"
                    "Bob,+49 151 22222222\n"
                    "-Carol,+49 151 33333333\n"
                    "Dan,+49 151 44444444\n");
        }
        CampaignStore store(db, clock);
        const QString c = store.create({u"Export"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        ImportOptions o;
        o.campaignId = c;
        QCOMPARE(ContactImporter(db, clock).run(input, o).imported, 4);

        store.transition(c, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const QList<ClaimedMessage> claimed = engine.claim(c, u"w1"_s, 2);
        QCOMPARE(claimed.size(), 2);
        engine.record(
            {Outcome::sent(claimed.at(0), u"wamid.ABC"_s),
             Outcome::failed(claimed.at(1), u"131026"_s, u"=cmd|' /C calc'!A0"_s, 131026, u"AbCdEf"_s)});

        const QString out = dir.filePath(u"results.csv"_s);
        const ExportResult result = ResultExporter(db).exportCampaign(c, out);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.rows, 4);

        QFile raw(out);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(raw.readAll().startsWith("\xEF\xBB\xBF"));

        const CsvTable t = CsvReader::readAll(out);
        QCOMPARE(t.error.kind, CsvError::Kind::None);
        QCOMPARE(t.header, ResultExporter::columns());
        QCOMPARE(t.records.size(), 4);
        const QStringList first = t.records.at(0).fields();
        QCOMPARE(first.at(0), u"+4915111111111"_s); // an E.164 phone stays as it is
        QCOMPARE(first.at(1), u"'=HYPERLINK(\"http://evil.example\",\"click\")"_s);
        QCOMPARE(first.at(2), u"sent"_s);
        QCOMPARE(first.at(3), u"wamid.ABC"_s);
        QCOMPARE(first.at(8), u"1"_s);
        QVERIFY(!first.at(9).isEmpty()); // sent_at
        QCOMPARE(first.at(11), u"2"_s);
        const QStringList second = t.records.at(1).fields();
        QCOMPARE(second.at(2), u"failed"_s);
        QCOMPARE(second.at(4), u"131026"_s);
        QCOMPARE(second.at(5), u"131026"_s);
        QCOMPARE(second.at(6), u"'=cmd|' /C calc'!A0"_s);
        QCOMPARE(second.at(7), u"AbCdEf"_s);
        QCOMPARE(t.records.at(2).fields().at(1), u"'-Carol"_s);
        QCOMPARE(t.records.at(2).fields().at(2), u"ready"_s);
        QCOMPARE(t.records.at(3).fields().at(11), u"5"_s);
    }

    // Every text column that comes from a contact file or from Meta's answers can carry a
    // formula: each is exported with its leading =, +, - or @ neutralized.
    void everyExportedTextFieldIsNeutralized_data()
    {
        QTest::addColumn<QString>("trigger");
        for (const QString &t : {u"="_s, u"+"_s, u"-"_s, u"@"_s}) {
            QTest::newRow(qPrintable(t)) << t;
        }
    }

    void everyExportedTextFieldIsNeutralized()
    {
        QFETCH(QString, trigger);
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const QString c = store.create({u"Formulas"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        QueueEngine engine(db, clock);
        engine.enqueue(c, {Recipient{u"+4915111111111"_s, trigger + u"Sent name"_s, {}, 2},
                           Recipient{u"+4915122222222"_s, trigger + u"Failed name"_s, {}, 3}});
        store.transition(c, CampaignStatus::Running);
        const QList<ClaimedMessage> claimed = engine.claim(c, u"w1"_s, 2);
        QCOMPARE(claimed.size(), 2);
        engine.record({Outcome::sent(claimed.at(0), trigger + u"wamid.HBgL"_s),
                       Outcome::failed(claimed.at(1), trigger + u"reason"_s, trigger + u"details"_s, 131026,
                                       trigger + u"trace"_s)});
        QTemporaryDir dir;
        const QString out = dir.filePath(u"results.csv"_s);
        QVERIFY(ResultExporter(db).exportCampaign(c, out).error.isEmpty());
        const CsvTable t = CsvReader::readAll(out);
        QCOMPARE(t.records.size(), 2);
        const QStringList columns = ResultExporter::columns();
        const QStringList textColumns = {u"name"_s, u"wamid"_s, u"error_reason"_s, u"error_details"_s,
                                         u"fbtrace_id"_s};
        int checked = 0;
        for (const CsvRecord &r : t.records) {
            const QStringList fields = r.fields();
            QVERIFY(fields.at(0).startsWith(u"+49"_s)); // an E.164 phone is data, not a formula
            for (const QString &name : textColumns) {
                const QString value = fields.at(columns.indexOf(name));
                if (value.isEmpty()) {
                    continue;
                }
                QVERIFY2(value.startsWith(u"'"_s + trigger), qPrintable(name + u": "_s + value));
                ++checked;
            }
        }
        QCOMPARE(checked, 6); // both names, the wamid, and reason, details and trace of the failure
    }

    void onlyExactE164PhonesEscapeNeutralization()
    {
        QCOMPARE(ResultExporter::neutralize(u"+4915123456789"_s, true), u"+4915123456789"_s);
        QCOMPARE(ResultExporter::neutralize(u"+49151=1"_s, true), u"'+49151=1"_s);
        QCOMPARE(ResultExporter::neutralize(u"+4915123456789"_s, false), u"'+4915123456789"_s);
        QCOMPARE(ResultExporter::neutralize(u"@SUM(A1)"_s, false), u"'@SUM(A1)"_s);
        QCOMPARE(ResultExporter::neutralize(u"Anna"_s, false), u"Anna"_s);
    }

    void noBomAndSemicolonAreHonoured()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString c =
            CampaignStore(db, Clock::system()).create({u"Empty"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        QTemporaryDir dir;
        ExportOptions o;
        o.byteOrderMark = false;
        o.delimiter = u';';
        const QString out = dir.filePath(u"e.csv"_s);
        QCOMPARE(ResultExporter(db).exportCampaign(c, out, o).rows, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(),
                 QByteArray("phone;name;status;wamid;error_code;error_reason;error_details;fbtrace_id;"
                            "attempts;sent_at;updated_at;source_line;delivered_at;read_at;late_failed_at;"
                            "late_error_code;late_error_reason\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestResultExporter)
#include "test_resultexporter.moc"
