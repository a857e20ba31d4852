#include "ImportTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/SqliteStatement.h"
#include "import/ContactImporter.h"
#include "import/ImportWriter.h"
#include "optout/OptOutStore.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

struct QueuedRow
{
    qint64 line;
    QString phone;
    QString name;
    QString params;
};

QList<QueuedRow> queued(Database &db, const QString &campaignId)
{
    QSqlQuery q =
        db.run(u"SELECT source_line, phone, contact_name, params FROM send_queue WHERE campaign_id = ? "
               "ORDER BY COALESCE(source_line, 0)"_s,
               {campaignId});
    QList<QueuedRow> rows;
    while (q.next()) {
        rows.append(
            {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    return rows;
}

QStringList phones(const QList<QueuedRow> &rows)
{
    QStringList out;
    for (const QueuedRow &r : rows) {
        out << r.phone;
    }
    return out;
}

// "line:reason" for every row the summary lists as not imported.
QStringList notImported(const ImportSummary &s)
{
    QStringList out;
    for (const ImportRejectedRow &r : s.notImported) {
        out << u"%1:%2"_s.arg(r.line).arg(r.reason);
    }
    return out;
}

// A contact file of `rows` distinct valid German mobile numbers.
QString writeGenerated(const QTemporaryDir &dir, int rows, const QByteArray &tail = {})
{
    const QString path = dir.filePath(u"generated.csv"_s);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("Name,Phone,City\n");
    for (int i = 0; i < rows; ++i) {
        f.write(QByteArray("Contact ") + QByteArray::number(i) + ",+49 151 " +
                QByteArray::number(10000000 + i) + ",Berlin\n");
    }
    f.write(tail);
    return path;
}

} // namespace

// Fixture files from Excel, Google, Outlook and CRMs, imported on SQLite and PostgreSQL, each
// with the exact outcome for every row; and the one-transaction guarantee.
class TestContactImporter : public QObject
{
    Q_OBJECT

private:
    const Clock &m_clock = Clock::system();

    QString campaign(Database &db, const QString &name = u"Import"_s)
    {
        return CampaignStore(db, m_clock).create({name, u"order_update"_s, u"en_US"_s, {}, {}}).id;
    }
    void expectEmpty(Database &db, const QString &campaignId)
    {
        QCOMPARE(queued(db, campaignId).size(), 0);
        QCOMPARE(CampaignStore(db, m_clock).byId(campaignId).totalContacts, 0);
    }
    ImportSummary import(Database &db, const QString &campaignId, const QString &path,
                         ImportOptions options = {})
    {
        QFETCH_GLOBAL(bool, viaQtSql);
        options.campaignId = campaignId;
        options.sqliteApi = viaQtSql ? ImportWriter::SqliteApi::QtSql : ImportWriter::SqliteApi::Auto;
        if (options.rejectsPath.isEmpty()) {
            options.rejectsPath = m_tmp.filePath(u"rejects.csv"_s);
            QFile::remove(options.rejectsPath);
        }
        return ContactImporter(db, m_clock).run(path, options);
    }
    QTemporaryDir m_tmp;

private Q_SLOTS:
    // SQLite twice: through its C API where this build can (the default), and through Qt SQL,
    // the path of Qt builds that bundle SQLite.
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("viaQtSql");
        QTest::newRow("sqlite") << u"sqlite"_s << false;
        QTest::newRow("sqlite-qtsql") << u"sqlite"_s << true;
        QTest::newRow("postgresql") << u"postgresql"_s << false;
    }

    void theWriterTakesThePathItWasAskedFor()
    {
        HERALD_TEST_DB(tdb);
        QFETCH_GLOBAL(bool, viaQtSql);
        Database &db = tdb->db();
        const QString c = campaign(db);
#ifdef HERALD_EXPECT_SQLITE_DIRECT
        // The build found Qt's driver linking the shared libsqlite3: the run-time check agrees.
        QCOMPARE(SqliteStatement::available(db), !db.isPostgres());
#endif
        ImportWriter writer(db, m_clock, c,
                            viaQtSql ? ImportWriter::SqliteApi::QtSql : ImportWriter::SqliteApi::Auto);
        writer.begin();
        QCOMPARE(writer.directSqlite(), !viaQtSql && SqliteStatement::available(db));
        writer.abort();
    }

    // Names and parameters reach the database as the file had them, encoded in the validation
    // threads: accents, CJK, emoji (surrogate pairs), quotes, backslashes and control characters,
    // escaped as QJsonDocument escapes them.
    void parametersAndNamesKeepEveryCharacter()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString c = campaign(db);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"chars.csv"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString city = u"S\u00E3o Paulo \U0001F600 \"Centro\"\tC:\\Temp\b\f\u0001"_s;
        const QString name = u"Zo\u00EB \u4E2D\u6587 \U0001F469\u200D\U0001F4BB"_s;
        f.write("Name,Phone,City\n");
        f.write(u"\"%1\",+49 151 23456789,\"%2\"\n"_s.arg(name, QString(city).replace(u"\""_s, u"\"\""_s))
                    .toUtf8());
        // Enough ordinary text that three control characters do not make it look binary.
        for (int i = 0; i < 20; ++i) {
            f.write("Contact " + QByteArray::number(i) + ",+49 151 " + QByteArray::number(30000000 + i) +
                    ",Hamburg\n");
        }
        f.close();
        ImportOptions o;
        // Keys in the order given, which is not QJsonObject's sorted order.
        o.params = {{u"body.2"_s, u"City"_s}, {u"body.1"_s, u"Name"_s}};
        const ImportSummary s = import(db, c, path, o);
        QVERIFY2(s.outcome == ImportSummary::Outcome::Imported, qPrintable(s.errorMessage));
        QCOMPARE(s.imported, 21);
        const QList<QueuedRow> rows = queued(db, c);
        QCOMPARE(rows.at(0).line, 2);
        QCOMPARE(rows.at(0).name, name);
        const QJsonObject expected{{u"body.2"_s, city}, {u"body.1"_s, name}};
        QCOMPARE(QJsonDocument::fromJson(rows.at(0).params.toUtf8()).object(), expected);
        if (!db.isPostgres()) {
            // SQLite keeps the text as written (PostgreSQL's jsonb normalizes it).
            const QByteArray quotedCity = QJsonDocument(QJsonArray{city}).toJson(QJsonDocument::Compact);
            const QByteArray quotedName = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
            QCOMPARE(rows.at(0).params.toUtf8(),
                     "{\"body.2\":" + quotedCity.mid(1, quotedCity.size() - 2) +
                         ",\"body.1\":" + quotedName.mid(1, quotedName.size() - 2) + "}");
        }
    }

    void excelSemicolonWindows1252FileImportsEveryRowWithItsName()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        ImportOptions o;
        o.region = u"DE"_s;
        const ImportSummary s = import(tdb->db(), c, importData("excel_semicolon_cp1252.csv"), o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.detection.encoding, TextEncoding::Windows1252);
        QCOMPARE(s.detection.delimiter, QChar(u';'));
        QVERIFY(s.detection.hasHeader);
        QCOMPARE(s.phoneColumn, u"Telefon"_s);
        QCOMPARE(s.nameColumns, u"Name"_s);
        QCOMPARE(s.rowsRead, 3);
        QCOMPARE(s.imported, 3);
        QCOMPARE(s.rejected + s.duplicatesInFile + s.duplicatesInCampaign + s.optedOut, 0);
        QVERIFY(s.rejectsFile.isEmpty());
        const QList<QueuedRow> rows = queued(tdb->db(), c);
        QCOMPARE(phones(rows), (QStringList{u"+491712345678"_s, u"+33612345678"_s, u"+491719876543"_s}));
        QCOMPARE(rows.at(0).name, u"Jürgen Müller"_s);
        QCOMPARE(rows.at(2).name, u"Zoë Kärcher"_s);
        QCOMPARE(rows.at(2).line, 4);
        QCOMPARE(CampaignStore(tdb->db(), m_clock).byId(c).totalContacts, 3);
    }

    void utf8FileWithByteOrderMarkKeepsAccentsAndEmoji()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("utf8_bom.csv"));
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QVERIFY(s.detection.byteOrderMark);
        QCOMPARE(s.phoneColumn, u"Mobile"_s);
        QCOMPARE(s.imported, 3);
        const QList<QueuedRow> rows = queued(tdb->db(), c);
        QCOMPARE(phones(rows), (QStringList{u"+34612345678"_s, u"+48512345678"_s, u"+351912345678"_s}));
        QCOMPARE(rows.at(0).name, u"José Núñez"_s);
    }

    void googleContactsMultiValueCellUsesItsFirstValidMobile()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("google_contacts.csv"));
        QCOMPARE(s.phoneColumn, u"Phone 1 - Value"_s);
        QCOMPARE(s.nameColumns, u"First Name + Last Name"_s);
        QCOMPARE(s.imported, 4);
        QCOMPARE(s.rejected, 0);
        // Budi's cell holds a mobile and a Jakarta landline: the mobile. Maria's holds only a
        // São Paulo landline: with no mobile in the cell, the first valid number.
        QCOMPARE(phones(queued(tdb->db(), c)), (QStringList{u"+6281234567890"_s, u"+6281311112222"_s,
                                                            u"+551133334444"_s, u"+491601234567"_s}));
        QCOMPARE(queued(tdb->db(), c).at(0).name, u"Budi Santoso"_s);
    }

    void googleContactsLegacyLayoutImportsTheFirstNumberOfEachCell()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("google_contacts_legacy.csv"));
        QCOMPARE(s.phoneColumn, u"Phone 1 - Value"_s);
        QCOMPARE(s.nameColumns, u"Name"_s);
        QCOMPARE(s.imported, 3);
        QCOMPARE(phones(queued(tdb->db(), c)),
                 (QStringList{u"+525512345678"_s, u"+5491123456789"_s, u"+552122223333"_s}));
        QCOMPARE(queued(tdb->db(), c).at(0).name, u"Carlos Pérez"_s);
    }

    // A slash after the area code or mobile prefix (German and Austrian notation) is part of
    // the number: "0049 171/23456789" was once cut at the slash and imported as +4923456789,
    // a stranger's number. A cell is cut into numbers only when it is not one number as a
    // whole and every part is a complete number; else it is rejected with the whole cell's
    // reason, never imported as a fragment.
    void aNumberIsNeverMadeFromAFragmentOfACell()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const QString path = m_tmp.filePath(u"slashes.csv"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name,Phone\n"
                    "Anna,0049 171/23456789\n"             // 2: one number, slash inside
                    "Ben,0043 664/1234567\n"               // 3: Austrian, read in DE
                    "Cora,0049 (0)30/1234567\n"            // 4: trunk 0 after the country code
                    "Dirk,030 7654321 / 0160 1234567\n"    // 5: two numbers: the mobile
                    "Eva,\"089 123456; 0176 12345678\"\n"  // 6: two numbers: the mobile
                    "Finn,\"040 1234567\n0172 1234567\"\n" // 7-8: line break between them
                    "Gina,0049 999/23456789\n"             // 9: invalid, not +4923456789
                    "Hans,030 1111111 / 23456789\n"        // 10: a number and a fragment
                    "Ida,tel:+49-171-7654321\n");          // 11: RFC 3966
        }
        ImportOptions o;
        o.region = u"DE"_s;
        o.csv.delimiter = u',';
        const ImportSummary s = import(tdb->db(), c, path, o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.phoneColumn, u"Phone"_s);
        QCOMPARE(s.rowsRead, 9);
        const QStringList queuedPhones = phones(queued(tdb->db(), c));
        QCOMPARE(queuedPhones,
                 (QStringList{u"+4917123456789"_s, u"+436641234567"_s, u"+49301234567"_s, u"+491601234567"_s,
                              u"+4917612345678"_s, u"+491721234567"_s, u"+491717654321"_s}));
        QVERIFY(!queuedPhones.contains(u"+4923456789"_s));
        QCOMPARE(s.imported, 7);
        QCOMPARE(s.rejected, 2);
        QCOMPARE(notImported(s), (QStringList{u"9:invalid_number"_s, u"10:too_long"_s}));
        // The reason is the whole cell's, quoting it whole.
        QVERIFY2(s.notImported.at(0).message.contains(u"\u201C0049 999/23456789\u201D"_s),
                 qPrintable(s.notImported.at(0).message));
        QVERIFY2(s.notImported.at(1).message.contains(u"\u201C030 1111111 / 23456789\u201D"_s),
                 qPrintable(s.notImported.at(1).message));
        QString why;
        QVERIFY2(countersMatch(tdb->db(), c, &why), qPrintable(why));
    }

    void outlookExportUsesTheMobilePhoneColumn()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("outlook.csv"));
        QCOMPARE(s.phoneColumn, u"Mobile Phone"_s);
        QCOMPARE(s.imported, 3);
        QCOMPARE(phones(queued(tdb->db(), c)),
                 (QStringList{u"+31612345678"_s, u"+48601234567"_s, u"+393471234567"_s}));
        QCOMPARE(queued(tdb->db(), c).at(0).name, u"Anna de Vries"_s);
    }

    void allQuotedCrmExportReportsItsInvalidNumberWithTheLine()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("crm_all_quoted.csv"));
        QCOMPARE(s.phoneColumn, u"Mobile Phone Number"_s);
        QCOMPARE(s.rowsRead, 4);
        QCOMPARE(s.imported, 3);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.rejectedByReason, (QMap<QString, qint64>{{u"invalid_number"_s, 1}}));
        QCOMPARE(notImported(s), QStringList{u"2:invalid_number"_s});
        // The multi-line notes survive into the right rows.
        QCOMPARE(phones(queued(tdb->db(), c)),
                 (QStringList{u"+353851234567"_s, u"+19175550199"_s, u"+61412345678"_s}));

        // The report: BOM, header, the line, the reason, the raw row.
        const CsvTable report = CsvReader::readAll(s.rejectsFile);
        QVERIFY(report.detection.byteOrderMark);
        QCOMPARE(report.header, (QStringList{u"line"_s, u"reason"_s, u"explanation"_s, u"row"_s}));
        QCOMPARE(report.records.size(), 1);
        QCOMPARE(report.records.at(0).field(0), u"2"_s);
        QVERIFY(report.records.at(0).field(3).startsWith(u"\"101\",\"Emma\""_s));
    }

    void raggedRowsAreRejectedWithTheirLines()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData("ragged_rows.csv"));
        QCOMPARE(s.rowsRead, 7);
        QCOMPARE(s.imported, 4);
        QCOMPARE(s.rejectedByReason, (QMap<QString, qint64>{{u"ragged"_s, 3}}));
        QCOMPARE(notImported(s), (QStringList{u"3:ragged"_s, u"5:ragged"_s, u"7:ragged"_s}));
        QCOMPARE(CampaignStore(tdb->db(), m_clock).byId(c).totalContacts, 4);
    }

    void mixedQualityFileAccountsForEveryRow()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString c = campaign(db);
        OptOutStore(db, m_clock).add(u"+4917612345678"_s, OptOutStore::Source::Manual);
        Recipient already;
        already.phone = u"+491712345678"_s;
        QueueEngine(db, m_clock).enqueue(c, {already});

        ImportOptions o;
        o.region = u"DE"_s;
        o.params = {{u"body.1"_s, u"First Name"_s}, {u"body.2"_s, u"Order"_s}};
        const ImportSummary s = import(db, c, importData("excel_mixed_quality.csv"), o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(s.rowsRead, 9);
        QCOMPARE(s.imported, 3);
        QCOMPARE(s.duplicatesInFile, 1);
        QCOMPARE(s.duplicatesInCampaign, 1);
        QCOMPARE(s.optedOut, 1);
        QCOMPARE(s.rejected, 3);
        QCOMPARE(s.rejectedByReason,
                 (QMap<QString, qint64>{
                     {u"scientific_notation"_s, 1}, {u"missing_parameter"_s, 1}, {u"empty"_s, 1}}));
        QCOMPARE(notImported(s),
                 (QStringList{u"3:scientific_notation"_s, u"4:duplicate_in_file"_s, u"6:missing_parameter"_s,
                              u"7:empty"_s, u"8:opted_out"_s, u"9:duplicate_in_campaign"_s}));
        QVERIFY2(s.notImported.at(0).message.contains(u"4.91512E+11"_s),
                 qPrintable(s.notImported.at(0).message));
        QCOMPARE(s.notImported.at(1).message, u"the same number (+4915123456789) as line 2"_s);
        QCOMPARE(s.notImported.at(2).message, u"missing value for body.2 (column Order)"_s);

        const QList<QueuedRow> rows = queued(db, c);
        QCOMPARE(phones(rows), (QStringList{u"+491712345678"_s, u"+4915123456789"_s, u"+49301234567"_s,
                                            u"+491719876543"_s}));
        QCOMPARE(rows.at(1).params, db.isPostgres() ? u"{\"body.1\": \"Anna\", \"body.2\": \"A-1\"}"_s
                                                    : u"{\"body.1\":\"Anna\",\"body.2\":\"A-1\"}"_s);
        QCOMPARE(rows.at(1).name, u"Anna Berg"_s);
        QString why;
        QVERIFY2(countersMatch(db, c, &why), qPrintable(why));

        const CsvTable report = CsvReader::readAll(s.rejectsFile);
        QCOMPARE(report.records.size(), 6);
        QCOMPARE(report.records.at(4).field(0), u"8"_s);
        QCOMPARE(report.records.at(4).field(3), u"Gina;Pohl;+49 176 12345678;A-7"_s);
    }

    void mobileOnlyRejectsTheLandline()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        ImportOptions o;
        o.region = u"DE"_s;
        o.mobileOnly = true;
        const ImportSummary s = import(tdb->db(), c, importData("excel_mixed_quality.csv"), o);
        QCOMPARE(s.imported, 5);
        QCOMPARE(
            s.rejectedByReason,
            (QMap<QString, qint64>{{u"scientific_notation"_s, 1}, {u"not_mobile"_s, 1}, {u"empty"_s, 1}}));
        QVERIFY(notImported(s).contains(u"5:not_mobile"_s));
    }

    void badFilesImportNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << u"empty.csv"_s << int(CsvError::Kind::EmptyFile);
        QTest::newRow("header only") << u"header_only.csv"_s << int(CsvError::Kind::HeaderOnly);
        QTest::newRow("duplicate headers")
            << u"duplicate_headers.csv"_s << int(CsvError::Kind::DuplicateHeader);
        QTest::newRow("unterminated quote")
            << u"unterminated_quote.csv"_s << int(CsvError::Kind::UnterminatedQuote);
        QTest::newRow("binary") << u"binary.png"_s << int(CsvError::Kind::BinaryFile);
        QTest::newRow("nul filled") << u"nul_filled.csv"_s << int(CsvError::Kind::BinaryFile);
        QTest::newRow("workbook") << u"workbook.xlsx"_s << int(CsvError::Kind::SpreadsheetFile);
        QTest::newRow("missing") << u"no_such_file.csv"_s << int(CsvError::Kind::CannotOpen);
    }
    void badFilesImportNothing()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        const ImportSummary s = import(tdb->db(), c, importData(file.toUtf8().constData()));
        QCOMPARE(s.outcome, ImportSummary::Outcome::BadFile);
        QCOMPARE(int(s.error.kind), kind);
        QVERIFY(!s.errorMessage.isEmpty());
        QVERIFY(s.rejectsFile.isEmpty());
        expectEmpty(tdb->db(), c);
    }

    void anErrorLateInTheFileRollsBackTheRowsBeforeIt()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        QTemporaryDir dir;
        const QString path = writeGenerated(dir, 5000, "Late,+49 151 99999999,\"never closed\n");
        ImportOptions o;
        o.chunkRecords = 256;
        const ImportSummary s = import(tdb->db(), c, path, o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::BadFile);
        QCOMPARE(s.error.kind, CsvError::Kind::UnterminatedQuote);
        QCOMPARE(s.error.line, 5002);
        QCOMPARE(s.imported, 0);
        expectEmpty(tdb->db(), c);
    }

    void aCancelMidImportLeavesNothing()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        QTemporaryDir dir;
        const QString path = writeGenerated(dir, 20000);
        std::atomic<bool> cancel{false};
        QList<ImportProgress> progress;
        ContactImporter importer(tdb->db(), m_clock);
        importer.setCancelFlag(&cancel);
        importer.setProgressCallback([&](const ImportProgress &p) {
            progress << p;
            if (p.rowsRead >= 3000) {
                cancel = true;
            }
        });
        ImportOptions o;
        o.campaignId = c;
        o.chunkRecords = 1000;
        o.rejectsPath = dir.filePath(u"rejects.csv"_s);
        const ImportSummary s = importer.run(path, o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::Cancelled);
        QCOMPARE(s.imported, 0);
        QVERIFY(progress.size() >= 3);
        QVERIFY(progress.constLast().rowsRead < 20000);
        QVERIFY(progress.constLast().bytesRead > 0);
        QCOMPARE(progress.constLast().bytesTotal, QFileInfo(path).size());
        QVERIFY(!QFile::exists(o.rejectsPath));
        expectEmpty(tdb->db(), c);
    }

    void aDatabaseFailureOnTheWriterLeavesNothing()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString c = campaign(db);
        if (db.isPostgres()) {
            db.execDirect(u"CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                          "IF NEW.source_line = 4000 THEN RAISE EXCEPTION 'injected failure'; END IF; "
                          "RETURN NEW; END $$"_s);
            db.execDirect(u"CREATE TRIGGER inject_failure BEFORE INSERT ON send_queue FOR EACH ROW "
                          "EXECUTE FUNCTION inject_failure()"_s);
        } else {
            db.execDirect(
                u"CREATE TRIGGER inject_failure BEFORE INSERT ON send_queue WHEN NEW.source_line = 4000 "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s);
        }
        QTemporaryDir dir;
        const QString path = writeGenerated(dir, 6000);
        ImportOptions o;
        o.chunkRecords = 500;
        bool threw = false;
        try {
            import(db, c, path, o);
        } catch (const DbError &e) {
            threw = true;
            QVERIFY2(e.message().contains(u"injected failure"_s), qPrintable(e.message()));
        }
        QVERIFY(threw);
        expectEmpty(db, c);
        // The connection is usable again: the transaction was rolled back, not left open.
        db.execDirect(u"DROP TRIGGER inject_failure"_s + (db.isPostgres() ? u" ON send_queue"_s : QString()));
        QCOMPARE(import(db, c, path, o).imported, 6000);
    }

    void aDryRunReportsEverythingAndLeavesNothing()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        ImportOptions o;
        o.region = u"DE"_s;
        o.dryRun = true;
        const ImportSummary s = import(tdb->db(), c, importData("excel_mixed_quality.csv"), o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::DryRun);
        QCOMPARE(s.imported, 6);
        QCOMPARE(s.duplicatesInFile, 1);
        QCOMPARE(s.rejected, 2);
        expectEmpty(tdb->db(), c);
    }

    void aLargeFileValidatedInParallelIsQueuedInFileOrder()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        QTemporaryDir dir;
        const QString path = writeGenerated(dir, 30000);
        ImportOptions o;
        o.chunkRecords = 1024;
        o.threads = 3;
        const ImportSummary s = import(tdb->db(), c, path, o);
        QCOMPARE(s.imported, 30000);
        QCOMPARE(CampaignStore(tdb->db(), m_clock).byId(c).totalContacts, 30000);
        // File order survives the parallel validation.
        const QList<QueuedRow> rows = queued(tdb->db(), c);
        QCOMPARE(rows.constFirst().phone, u"+4915110000000"_s);
        QCOMPARE(rows.constLast().line, 30001);
        QCOMPARE(rows.constLast().phone, u"+4915110029999"_s);
#ifdef Q_OS_LINUX
        // Where the time went, for performance work: every stage reports its processor time.
        QVERIFY(s.cpu.readerMs >= 0);
        QVERIFY(s.cpu.validationMs > 0);
        QVERIFY(s.cpu.writerMs >= 0);
#endif
    }

    void skippedRowsInsideALargeBatchAreReportedByLine()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString c = campaign(db);
        // Lines 10 and 150 are already queued, line 77 has opted out (row i is on line i + 2).
        Recipient a;
        a.phone = u"+4915110000008"_s;
        Recipient b;
        b.phone = u"+4915110000148"_s;
        QueueEngine(db, m_clock).enqueue(c, {a, b});
        OptOutStore(db, m_clock).add(u"+4915110000075"_s, OptOutStore::Source::Api);
        QTemporaryDir dir;
        const ImportSummary s = import(db, c, writeGenerated(dir, 300));
        QCOMPARE(s.imported, 297);
        QCOMPARE(s.duplicatesInCampaign, 2);
        QCOMPARE(s.optedOut, 1);
        QCOMPARE(notImported(s), (QStringList{u"10:duplicate_in_campaign"_s, u"77:opted_out"_s,
                                              u"150:duplicate_in_campaign"_s}));
        QCOMPARE(CampaignStore(db, m_clock).byId(c).totalContacts, 299);
        QCOMPARE(queued(db, c).size(), 299);
    }

    void aCompletedCampaignIsRefused()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        CampaignStore(tdb->db(), m_clock).transition(c, CampaignStatus::Cancelled);
        QVERIFY_THROWS_EXCEPTION(DbError, import(tdb->db(), c, importData("outlook.csv")));
        expectEmpty(tdb->db(), c);
    }

    void anUnknownParameterColumnIsABadFile()
    {
        HERALD_TEST_DB(tdb);
        const QString c = campaign(tdb->db());
        ImportOptions o;
        o.params = {{u"body.1"_s, u"Loyalty Tier"_s}};
        const ImportSummary s = import(tdb->db(), c, importData("outlook.csv"), o);
        QCOMPARE(s.outcome, ImportSummary::Outcome::BadFile);
        QVERIFY2(s.errorMessage.contains(u"body.1"_s), qPrintable(s.errorMessage));
        expectEmpty(tdb->db(), c);
    }

private:
    bool countersMatch(Database &db, const QString &campaignId, QString *why)
    {
        const Campaign cc = CampaignStore(db, m_clock).byId(campaignId);
        const CounterValues r = Counters::recount(db, campaignId);
        if (cc.totalContacts == r.contacts && cc.totalSent == r.sent && cc.totalFailed == r.failed) {
            return true;
        }
        *why = u"stored %1, recounted %2"_s.arg(cc.totalContacts).arg(r.contacts);
        return false;
    }
};

QTEST_GUILESS_MAIN(TestContactImporter)
#include "test_contactimporter.moc"
