#include "ImportTestUtil.h"
#include "import/CsvReader.h"
#include "import/PhoneColumnDetector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

Q_DECLARE_METATYPE(herald::TextEncoding)
Q_DECLARE_METATYPE(herald::CsvError::Kind)

namespace {

QList<QStringList> sampleOf(const CsvTable &t)
{
    QList<QStringList> rows;
    for (const CsvRecord &r : t.records) {
        rows.append(r.fields());
    }
    return rows;
}

QByteArray repeatRows(int rows, const QByteArray &row)
{
    QByteArray out;
    for (int i = 0; i < rows; ++i) {
        out += row;
    }
    return out;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyExportFormatIsDetectedAndRead_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("phoneColumn");

        QTest::newRow("excel semicolon cp1252")
            << u"excel_semicolon_cp1252.csv"_s << TextEncoding::Windows1252 << false << QChar(u';') << 3 << 4
            << u"Telefon"_s;
        QTest::newRow("utf-8 bom") << u"utf8_bom.csv"_s << TextEncoding::Utf8 << true << QChar(u',') << 3 << 3
                                   << u"Mobile"_s;
        QTest::newRow("utf-16le bom")
            << u"utf16le_bom.txt"_s << TextEncoding::Utf16LE << true << QChar(u'\t') << 2 << 3 << u"Phone"_s;
        QTest::newRow("google contacts") << u"google_contacts.csv"_s << TextEncoding::Utf8 << false
                                         << QChar(u',') << 4 << 25 << u"Phone 1 - Value"_s;
        QTest::newRow("google contacts legacy") << u"google_contacts_legacy.csv"_s << TextEncoding::Utf8
                                                << false << QChar(u',') << 3 << 35 << u"Phone 1 - Value"_s;
        QTest::newRow("outlook") << u"outlook.csv"_s << TextEncoding::Utf8 << false << QChar(u',') << 3 << 27
                                 << u"Mobile Phone"_s;
        QTest::newRow("crm all quoted") << u"crm_all_quoted.csv"_s << TextEncoding::Utf8 << false
                                        << QChar(u',') << 4 << 7 << u"Mobile Phone Number"_s;
        QTest::newRow("tab separated") << u"tab_separated.tsv"_s << TextEncoding::Utf8 << false
                                       << QChar(u'\t') << 3 << 3 << u"nomor hp"_s;
        QTest::newRow("pipe separated, CR line ends") << u"pipe_separated.txt"_s << TextEncoding::Utf8
                                                      << false << QChar(u'|') << 2 << 3 << u"celular"_s;
    }

    void everyExportFormatIsDetectedAndRead()
    {
        QFETCH(QString, file);
        QFETCH(TextEncoding, encoding);
        QFETCH(bool, bom);
        QFETCH(QChar, delimiter);
        QFETCH(int, records);
        QFETCH(int, columns);
        QFETCH(QString, phoneColumn);

        const CsvTable t = CsvReader::readAll(importData(file.toUtf8().constData()));
        QVERIFY2(t.error.kind == CsvError::Kind::None, qPrintable(t.error.message));
        QCOMPARE(t.detection.encoding, encoding);
        QVERIFY(t.detection.encodingDetected);
        QCOMPARE(t.detection.byteOrderMark, bom);
        QCOMPARE(t.detection.delimiter, delimiter);
        QVERIFY(t.detection.delimiterDetected);
        QVERIFY(t.detection.hasHeader);
        QVERIFY(t.detection.headerDetected);
        QCOMPARE(t.detection.headerLine, 1);
        QCOMPARE(t.header.size(), columns);
        QCOMPARE(t.records.size(), records);
        QVERIFY(t.rejects.isEmpty());
        QVERIFY(t.warnings.isEmpty());
        for (const CsvRecord &r : t.records) {
            QCOMPARE(r.size(), columns);
        }
        const PhoneColumnChoice phone = PhoneColumnDetector::detect(t.header, sampleOf(t));
        QCOMPARE(phone.headerName, phoneColumn);
        QCOMPARE(phone.method, PhoneColumnChoice::Method::HeaderName);
    }

    void windows1252TextKeepsEuroSignsUmlautsAndAccents()
    {
        const CsvTable t = CsvReader::readAll(importData("excel_semicolon_cp1252.csv"));
        QCOMPARE(t.header, (QStringList{u"Name"_s, u"Telefon"_s, u"Stadt"_s, u"Betrag"_s}));
        QCOMPARE(t.records[0].fields(),
                 (QStringList{u"Jürgen Müller"_s, u"+49 171 2345678"_s, u"München"_s, u"12,50 €"_s}));
        QCOMPARE(t.records[1].field(0), u"Renée Dupré");
        QCOMPARE(t.records[2].field(3), u"1.250,00 €");
        QCOMPARE(t.records[2].line(), 4);
        QCOMPARE(t.detection.summary(),
                 u"Windows-1252 (Western European), semicolon-separated, first row is a header"_s);
    }

    void theByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        const CsvTable t = CsvReader::readAll(importData("utf8_bom.csv"));
        QCOMPARE(t.header.first(), u"First Name"_s);
        QCOMPARE(t.records[1].fields(), (QStringList{u"Ærøskøbing"_s, u"Łukasz 🎉"_s, u"+48 512 345 678"_s}));
    }

    void utf16TextWithNonLatinLettersIsDecoded()
    {
        const CsvTable t = CsvReader::readAll(importData("utf16le_bom.txt"));
        QCOMPARE(t.records[0].fields(),
                 (QStringList{u"Ayşe Yılmaz"_s, u"+90 532 123 45 67"_s, u"İstanbul"_s}));
        QCOMPARE(t.records[1].field(0), u"Đorđe");
    }

    void utf16WithoutByteOrderMarkIsRecognisedByItsZeroBytes()
    {
        QByteArray le;
        for (QChar c : u"name,phone\nBo,+46 70 123 45 67\n"_s) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        }
        QByteArray be;
        for (qsizetype i = 0; i + 1 < le.size(); i += 2) {
            be.append(le[i + 1]).append(le[i]);
        }
        const CsvTable a = readBytes(le);
        QCOMPARE(a.detection.encoding, TextEncoding::Utf16LE);
        QVERIFY(!a.detection.byteOrderMark);
        QCOMPARE(a.records.size(), 1);
        QCOMPARE(a.records[0].field(1), u"+46 70 123 45 67");
        const CsvTable b = readBytes(be);
        QCOMPARE(b.detection.encoding, TextEncoding::Utf16BE);
        QCOMPARE(b.records[0].field(0), u"Bo");
    }

    void quotedFieldsKeepDelimitersQuotesAndLineBreaksAndRecordsReportTheirFirstLine()
    {
        const CsvTable t = CsvReader::readAll(importData("crm_all_quoted.csv"));
        QCOMPARE(t.records.size(), 4);
        QCOMPARE(t.records[0].line(), 2);
        QCOMPARE(t.records[1].line(), 3);
        QCOMPARE(t.records[2].line(), 6);
        QCOMPARE(t.records[3].line(), 8);
        QCOMPARE(t.records[0].field(6), u"Met at the fair, London");
        QCOMPARE(t.records[1].field(2), u"O'Brien");
        QCOMPARE(t.records[1].field(4), u"");
        QCOMPARE(t.records[1].field(6), u"Said \"call me later\"\r\nPrefers WhatsApp\r\nVIP");
        QCOMPARE(t.records[2].field(6), u"Multi-line\nwith LF only, and a comma");
        QCOMPARE(t.records[1].raw(),
                 u"\"102\",\"Noah\",\"O'Brien\",\"noah@example.com\",\"\",\"+353 85 123 4567\","
                 u"\"Said \"\"call me later\"\"\r\nPrefers WhatsApp\r\nVIP\"");
    }

    void carriageReturnOnlyLineEndsCountAsLines()
    {
        const CsvTable t = CsvReader::readAll(importData("pipe_separated.txt"));
        QCOMPARE(t.records[0].line(), 2);
        QCOMPARE(t.records[1].line(), 3);
        QCOMPARE(t.records[1].fields(),
                 (QStringList{u"Ana Lima"_s, u"+55 21 99876-5432"_s, u"Rio de Janeiro, RJ"_s}));
    }

    void googleMultiValuePhoneCellsSplitIntoCandidates()
    {
        const CsvTable t = CsvReader::readAll(importData("google_contacts.csv"));
        const PhoneColumnChoice phone = PhoneColumnDetector::detect(t.header, sampleOf(t));
        QCOMPARE(phone.column, 20);
        QCOMPARE(phone.labelColumn, 19);
        QCOMPARE(PhoneColumnDetector::splitCandidates(t.records[0].field(phone.column)),
                 (QStringList{u"+62 812 3456 7890"_s, u"+62 21 555 0101"_s}));
        const CsvTable legacy = CsvReader::readAll(importData("google_contacts_legacy.csv"));
        const PhoneColumnChoice old = PhoneColumnDetector::detect(legacy.header, sampleOf(legacy));
        QCOMPARE(old.labelColumn, 31);
        QCOMPARE(PhoneColumnDetector::splitCandidates(legacy.records[0].field(old.column)),
                 (QStringList{u"+52 1 55 1234 5678"_s, u"+52 55 8765 4321"_s}));
    }

    void badFilesFailWithFileLineAndReasonAndYieldNoRows_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<CsvError::Kind>("kind");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("message");

        QTest::newRow("nul filled")
            << u"nul_filled.csv"_s << CsvError::Kind::BinaryFile << qint64(1)
            << u"nul_filled.csv, line 1: this is not a text file: it contains binary data "
               u"(zero bytes); save the spreadsheet as CSV and import that file."_s;
        QTest::newRow("binary") << u"binary.png"_s << CsvError::Kind::BinaryFile << qint64(3)
                                << u"binary.png, line 3: this is not a text file: it contains binary data "
                                   u"(zero bytes); save the spreadsheet as CSV and import that file."_s;
        QTest::newRow("xlsx")
            << u"workbook.xlsx"_s << CsvError::Kind::SpreadsheetFile << qint64(1)
            << u"workbook.xlsx, line 1: this is a spreadsheet workbook (such as .xlsx or .xls), "
               u"not a CSV file; in the spreadsheet use “Save As” with the type “CSV UTF-8” and "
               u"import that file."_s;
        QTest::newRow("unterminated quote")
            << u"unterminated_quote.csv"_s << CsvError::Kind::UnterminatedQuote << qint64(3)
            << u"unterminated_quote.csv, line 3: a quoted field starts on this line "
               u"but its closing quote is missing."_s;
        QTest::newRow("empty") << u"empty.csv"_s << CsvError::Kind::EmptyFile << qint64(1)
                               << u"empty.csv, line 1: the file is empty; there are no rows to import."_s;
        QTest::newRow("blank lines")
            << u"blank_lines.csv"_s << CsvError::Kind::EmptyFile << qint64(1)
            << u"blank_lines.csv, line 1: the file is empty; there are no rows to import."_s;
        QTest::newRow("header only")
            << u"header_only.csv"_s << CsvError::Kind::HeaderOnly << qint64(1)
            << u"header_only.csv, line 1: the file has a header row but no data rows "
               u"below it."_s;
        QTest::newRow("duplicate headers")
            << u"duplicate_headers.csv"_s << CsvError::Kind::DuplicateHeader << qint64(1)
            << u"duplicate_headers.csv, line 1: the header names a column more than once: “Name” (columns 1, "
               u"5), "
               u"“Phone” (columns 2, 4); every column needs a distinct name."_s;
        QTest::newRow("missing file")
            << u"no_such_file.csv"_s << CsvError::Kind::CannotOpen << qint64(0)
            << u"no_such_file.csv: the file cannot be opened (No such file or directory)."_s;
    }

    void badFilesFailWithFileLineAndReasonAndYieldNoRows()
    {
        QFETCH(QString, file);
        QFETCH(CsvError::Kind, kind);
        QFETCH(qint64, line);
        QFETCH(QString, message);
        const CsvTable t = CsvReader::readAll(importData(file.toUtf8().constData()));
        QCOMPARE(t.error.kind, kind);
        QCOMPARE(t.error.line, line);
        QCOMPARE(t.error.message, message);
        QVERIFY(t.records.isEmpty());
    }

    void duplicateHeaderNamesAreNamed()
    {
        const CsvTable t = CsvReader::readAll(importData("duplicate_headers.csv"));
        QCOMPARE(t.error.duplicateNames, (QStringList{u"Name"_s, u"Phone"_s}));
    }

    void anUnterminatedQuoteIsReportedByNextAfterEarlierRowsSoTheImportAborts()
    {
        CsvReader reader;
        QVERIFY(reader.open(importData("unterminated_quote.csv")));
        CsvRecord record;
        CsvReject reject;
        QCOMPARE(reader.next(record, reject), CsvReader::Status::Record);
        QCOMPARE(record.line(), 2);
        QCOMPARE(reader.next(record, reject), CsvReader::Status::Error);
        QCOMPARE(reader.error().line, 3);
        QCOMPARE(reader.next(record, reject), CsvReader::Status::Error);
    }

    void aRowWithAFieldOverTheLimitIsRejectedWithFileLineAndReasonWhileReadingContinues()
    {
        const QByteArray file = "name,phone,note\n" + repeatRows(2, "A,+1 202 555 0100,short\n") +
                                "B,+1 202 555 0101," + QByteArray(70 * 1024, 'x') +
                                "\nC,+1 202 555 0102,short\n";
        const CsvTable t = readBytes(file, {}, u"long.csv"_s);
        QCOMPARE(t.error.kind, CsvError::Kind::None);
        QCOMPARE(t.records.size(), 3);
        QCOMPARE(t.records[2].fields(), (QStringList{u"C"_s, u"+1 202 555 0102"_s, u"short"_s}));
        QCOMPARE(t.records[2].line(), 5);
        QCOMPARE(t.rejects.size(), 1);
        QCOMPARE(t.rejects[0].line, 4);
        QCOMPARE(t.rejects[0].key, u"too_long"_s);
        QCOMPARE(t.rejects[0].reason,
                 u"a field on this line is longer than 65536 characters, the limit for one field"_s);
        QCOMPARE(t.rejects[0].message,
                 u"long.csv, line 4: a field on this line is longer than 65536 characters, the "
                 u"limit for one field."_s);
        // The report keeps the row's start, not 70,000 characters of it.
        QCOMPARE(t.rejects[0].raw.size(), 1001);
        QVERIFY(t.rejects[0].raw.startsWith(u"B,+1 202 555 0101,xxx"_s));
        QVERIFY(t.rejects[0].raw.endsWith(u'…'));

        CsvReaderOptions small;
        small.maxFieldLength = 10;
        const CsvTable s =
            readBytes("name,phone\nAlexandria Ocasio,+1 202 555 0100\nAl,+1 202\n", small, u"s.csv"_s);
        QCOMPARE(s.error.kind, CsvError::Kind::None);
        QCOMPARE(s.rejects.size(), 1);
        QCOMPARE(s.rejects[0].line, 2);
        QCOMPARE(s.rejects[0].raw, u"Alexandria Ocasio,+1 202 555 0100"_s);
        QCOMPARE(s.records.size(), 1);
        QCOMPARE(s.records[0].line(), 3);
    }

    void aRowOverTheRowLimitIsRejectedAndAQuotedOverLongFieldOnOneLineToo()
    {
        CsvReaderOptions options;
        options.maxFieldLength = 100;
        options.maxRecordLength = 1000;
        options.chunkSize = 64; // the skipped row spans many chunks, a CRLF cut between two
        QByteArray wide = "Wide,+1 202 555 0103";
        for (int i = 0; i < 40; ++i) {
            wide += ",\"cell " + QByteArray::number(i) + " with \"\"quotes\"\", commas and padding\"";
        }
        const QByteArray file = "name,phone,note\r\nA,+1 202 555 0100,ok\r\n" + wide +
                                "\r\nQ,+1 202 555 0104,\"" + QByteArray(300, 'q') +
                                "\"\"still quoted\"\" \"\r\nZ,+1 202 555 0105,\"last,\r\nrow\"\r\n";
        const CsvTable t = readBytes(file, options, u"wide.csv"_s);
        QCOMPARE(t.error.kind, CsvError::Kind::None);
        QCOMPARE(t.rejects.size(), 2);
        QCOMPARE(t.rejects[0].line, 3);
        QCOMPARE(t.rejects[0].reason,
                 u"the row starting on this line is longer than 1000 characters, the limit for one row"_s);
        QCOMPARE(t.rejects[1].line, 4);
        QCOMPARE(t.rejects[1].reason,
                 u"a field on this line is longer than 100 characters, the limit for one field"_s);
        QCOMPARE(t.records.size(), 2);
        QCOMPARE(t.records[1].line(), 5);
        QCOMPARE(t.records[1].field(2), u"last,\r\nrow");
    }

    void anOverLongHeaderOrAnOverLongLastFieldWithoutItsClosingQuoteStillFails()
    {
        CsvReaderOptions options;
        options.maxFieldLength = 20;
        options.hasHeader = true;
        const CsvTable header =
            readBytes("name,phone and a very long description\nA,+1 202 555 0100\n", options, u"h.csv"_s);
        QCOMPARE(header.error.kind, CsvError::Kind::FieldTooLong);
        QCOMPARE(header.error.line, 1);
        QVERIFY(header.records.isEmpty());

        const CsvTable open =
            readBytes("name,phone\nA,+1 202 555 0100\nB,\"" + QByteArray(50, 'b'), options, u"o.csv"_s);
        QCOMPARE(open.error.kind, CsvError::Kind::UnterminatedQuote);
        QCOMPARE(open.error.line, 3);
        QVERIFY(open.records.isEmpty());
    }

    void skippingAHugeRowKeepsTheBuffersBounded()
    {
        // 30 MB in one row: the reader holds one chunk and the limit, never the row.
        GeneratedDevice device(600000, [](qint64 i) {
            return i == 0       ? QByteArray("name,phone\n")
                   : i == 1     ? QByteArray("A,+1 202 555 0100\n")
                   : i == 2     ? QByteArray("B,+1 202 555 0101")
                   : i < 599999 ? QByteArray(",") + QByteArray(50, 'y')
                                : QByteArray("\nC,+1 202 555 0102\n");
        });
        CsvReader reader;
        QVERIFY(reader.open(&device, u"huge.csv"_s));
        CsvRecord record;
        while (reader.readRecord(record)) {
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
        QCOMPARE(reader.recordCount(), 2);
        QCOMPARE(record.line(), 4);
        QCOMPARE(reader.rejects().size(), 1);
        QCOMPARE(reader.rejects()[0].line, 3);
        QVERIFY(device.produced() > 30 * 1000 * 1000);
        qInfo("a %lld-byte row skipped with at most %lld bytes of buffers", device.produced(),
              reader.peakBufferBytes());
        // The row limit (1 Mi characters, 2 MiB as UTF-16, with QString's growth), the sniffed
        // prefix and a chunk: a fraction of the 60 MiB the row would take in memory.
        QVERIFY2(reader.peakBufferBytes() < 8 * 1024 * 1024,
                 QByteArray::number(reader.peakBufferBytes()).constData());
    }

    void anUnclosedQuoteInABigFileFailsAtTheFieldLimitWithoutBufferingTheFile()
    {
        CsvReader reader;
        GeneratedDevice device(200000, [](qint64 i) {
            return i == 0   ? QByteArray("name,phone,note\n")
                   : i == 3 ? QByteArray("Z,+1 202 555 0199,\"opens here\n")
                            : QByteArray("A,+1 202 555 0100,text\n");
        });
        QVERIFY(reader.open(&device, u"big.csv"_s));
        CsvRecord record;
        while (reader.readRecord(record)) {
        }
        QCOMPARE(reader.error().kind, CsvError::Kind::FieldTooLong);
        QCOMPARE(reader.error().line, 4);
        QVERIFY(reader.error().message.contains(u"a quote opened on this line is never closed"_s));
        QVERIFY2(reader.peakBufferBytes() < 2 * 1024 * 1024,
                 QByteArray::number(reader.peakBufferBytes()).constData());
    }

    void aZeroByteAfterTheSniffedPrefixFailsAtItsLine()
    {
        const QByteArray file = "name,phone\n" + repeatRows(5000, "Ann,+44 7700 900000\n") +
                                "Bob,+44 77\0"
                                "00\n"_ba;
        const CsvTable t = readBytes(file);
        QCOMPARE(t.error.kind, CsvError::Kind::BinaryFile);
        QCOMPARE(t.error.line, 5002);
        QVERIFY(t.records.isEmpty());
    }

    void raggedRowsAreRejectedWithLineAndReasonWhileReadingContinues()
    {
        const CsvTable t = CsvReader::readAll(importData("ragged_rows.csv"));
        QCOMPARE(t.error.kind, CsvError::Kind::None);
        QCOMPARE(t.records.size(), 4);
        QCOMPARE(t.records[2].fields(), (QStringList{u"Eva"_s, u"+34 600 000 005"_s, u"Valencia"_s}));
        QCOMPARE(t.records[3].line(), 9);
        QCOMPARE(t.rejects.size(), 3);
        QCOMPARE(t.rejects[0].line, 3);
        QCOMPARE(t.rejects[0].key, u"ragged"_s);
        QCOMPARE(t.rejects[0].raw, u"Ben,+34 600 000 002,Sevilla,extra"_s);
        QCOMPARE(t.rejects[0].reason, u"the row has 4 fields but the header has 3 columns"_s);
        QCOMPARE(t.rejects[0].message,
                 u"ragged_rows.csv, line 3: the row has 4 fields but the header has 3 columns."_s);
        QCOMPARE(t.rejects[1].line, 5);
        QCOMPARE(t.rejects[1].reason, u"the row has 2 fields but the header has 3 columns"_s);
        QCOMPARE(t.rejects[2].line, 7);
        QCOMPARE(t.rejects[2].raw, u"\"Finn\n(two lines)\",+34 600 000 006,Vigo,x,y"_s);
    }

    void invalidUtf8BeyondTheSniffedPrefixIsReplacedAndReportedWithItsLine()
    {
        CsvReaderOptions options;
        options.sniffBytes = 64;
        const QByteArray file = "name,phone\nAnn,+44 7700 900001\nBea,+44 7700 900002\nCed,+44 7700 900003\n"
                                "Ren\xE9 Dupr\xE9,+33 6 12 34 56 78\n";
        const CsvTable t = readBytes(file, options, u"late.csv"_s);
        QCOMPARE(t.error.kind, CsvError::Kind::None);
        QCOMPARE(t.detection.encoding, TextEncoding::Utf8);
        QCOMPARE(t.records.size(), 4);
        QCOMPARE(t.records[3].field(0), u"Ren\uFFFD Dupr\uFFFD");
        QCOMPARE(t.warnings.size(), 1);
        QCOMPARE(t.warnings[0],
                 u"late.csv, line 5: 2 sequence(s) of bytes that are not valid utf-8 were replaced "
                 u"with “\uFFFD”; if names look wrong, import the file again with the encoding "
                 u"windows-1252."_s);
    }

    void anExplicitEncodingDelimiterAndHeaderChoiceOverrideDetection()
    {
        CsvReaderOptions options;
        options.encoding = TextEncoding::Utf8;
        options.delimiter = QChar(u',');
        options.hasHeader = false;
        const CsvTable t = CsvReader::readAll(importData("excel_semicolon_cp1252.csv"), options);
        QVERIFY(!t.detection.encodingDetected);
        QVERIFY(!t.detection.delimiterDetected);
        QVERIFY(!t.detection.headerDetected);
        QCOMPARE(t.header, QStringList());
        QCOMPARE(t.records.first().fields(), (QStringList{u"Name;Telefon;Stadt;Betrag"_s}));
        // "12,50 €" splits at the comma, so these rows are ragged against the one-field first row.
        QCOMPARE(t.records.size(), 1);
        QCOMPARE(t.rejects.size(), 3);

        CsvReaderOptions tabs;
        tabs.hasHeader = false;
        const CsvTable n = CsvReader::readAll(importData("tab_separated.tsv"), tabs);
        QCOMPARE(n.records.size(), 4);
        QCOMPARE(n.records[0].fields(), (QStringList{u"name"_s, u"nomor hp"_s, u"kota"_s}));
        QCOMPARE(n.records[0].line(), 1);
    }

    void aFileWithoutHeaderIsRecognisedByThePhoneNumberInItsFirstRow()
    {
        const CsvTable t = readBytes("Ann;+44 7700 900001\nBea;+44 7700 900002\n");
        QVERIFY(!t.detection.hasHeader);
        QCOMPARE(t.detection.delimiter, QChar(u';'));
        QCOMPARE(t.records.size(), 2);
        QCOMPARE(t.records[0].line(), 1);
    }

    void excelsSeparatorHintLineChoosesTheDelimiterAndIsSkipped()
    {
        const CsvTable t = readBytes("sep=|\r\nName|Phone\r\nAnn|+44 7700 900001\r\n");
        QVERIFY(t.detection.excelSeparatorLine);
        QCOMPARE(t.detection.delimiter, QChar(u'|'));
        QCOMPARE(t.detection.headerLine, 2);
        QCOMPARE(t.header, (QStringList{u"Name"_s, u"Phone"_s}));
        QCOMPARE(t.records.size(), 1);
        QCOMPARE(t.records[0].line(), 3);
    }

    void blankLinesAreSkippedButAQuotedEmptyFieldIsARow()
    {
        const CsvTable t = readBytes("a\r\n\r\n1\r\n ,\r\n\"\"\r\n2\r\n");
        QCOMPARE(t.records.size(), 3);
        QCOMPARE(t.records[1].field(0), u"");
        QCOMPARE(t.records[1].line(), 5);
    }

    void tinyChunksGiveTheSameRecordsAsOneBigRead()
    {
        for (const char *file : {"crm_all_quoted.csv", "utf8_bom.csv", "utf16le_bom.txt",
                                 "pipe_separated.txt", "excel_semicolon_cp1252.csv", "ragged_rows.csv"}) {
            const CsvTable whole = CsvReader::readAll(importData(file));
            for (qsizetype chunk : {1, 2, 3, 5, 7, 64}) {
                CsvReaderOptions options;
                options.chunkSize = chunk;
                options.sniffBytes = 16;
                options.delimiterSniffBytes = 16;
                options.delimiter = whole.detection.delimiter;
                options.hasHeader = true;
                options.encoding = whole.detection.encoding;
                const CsvTable t = CsvReader::readAll(importData(file), options);
                QVERIFY2(t.error.kind == CsvError::Kind::None, qPrintable(t.error.message));
                QCOMPARE(t.header, whole.header);
                QCOMPARE(t.records.size(), whole.records.size());
                for (qsizetype i = 0; i < t.records.size(); ++i) {
                    QCOMPARE(t.records[i].fields(), whole.records[i].fields());
                    QCOMPARE(t.records[i].line(), whole.records[i].line());
                    QCOMPARE(t.records[i].raw(), whole.records[i].raw());
                }
                QCOMPARE(t.rejects.size(), whole.rejects.size());
            }
        }
    }

    void theReadersBuffersStayBoundedOnATwentyMegabyteStream()
    {
        GeneratedDevice device(300000, [](qint64 i) {
            return i == 0
                       ? QByteArray("\"Name\",\"Phone\",\"Address\",\"Note\"\r\n")
                       : "\"Person " + QByteArray::number(i) + "\",\"+49 171 " +
                             QByteArray::number(1000000 + i) + "\",\"Straße " + QByteArray::number(i % 200) +
                             ", 10115 Berlin\",\"said \"\"hi\"\"\r\ntwice\"\r\n";
        });
        CsvReader reader;
        QVERIFY(reader.open(&device, u"stream.csv"_s));
        QCOMPARE(reader.recordCount(), 0);
        CsvRecord record;
        qint64 n = 0;
        while (reader.readRecord(record)) {
            ++n;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.error().message));
        QCOMPARE(n, 299999);
        QCOMPARE(reader.recordCount(), 299999);
        QCOMPARE(reader.rejectCount(), 0);
        QCOMPARE(record.line(), 1 + 2 * 299998 + 1);
        QCOMPARE(record.field(3), u"said \"hi\"\r\ntwice");
        QVERIFY(device.produced() > 20 * 1000 * 1000);
        QVERIFY2(reader.peakBufferBytes() < 2 * 1024 * 1024,
                 QByteArray::number(reader.peakBufferBytes()).constData());
    }

    void readingAMillionRowsIsFast()
    {
        if (qEnvironmentVariableIsEmpty("HERALD_IMPORT_BENCH")) {
            QSKIP("set HERALD_IMPORT_BENCH=1 to measure reader speed");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(u"million.csv"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray block = "name,phone,city,email\n";
            for (int i = 0; i < 1000000; ++i) {
                block += "Person " + QByteArray::number(i) + ",+4917" + QByteArray::number(10000000 + i) +
                         ",Berlin,p" + QByteArray::number(i) + "@example.com\n";
                if (block.size() > (1 << 20)) {
                    f.write(block);
                    block.clear();
                }
            }
            f.write(block);
        }
        QElapsedTimer timer;
        timer.start();
        CsvReader reader;
        QVERIFY(reader.open(path));
        CsvRecord record;
        qint64 rows = 0;
        qsizetype chars = 0;
        while (reader.readRecord(record)) {
            ++rows;
            chars += record.field(1).size();
        }
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        QCOMPARE(rows, 1000000);
        QVERIFY(chars > 0);
        qInfo("read %lld rows in %lld ms: %lld rows/s, peak buffer %lld bytes", rows, ms, rows * 1000 / ms,
              reader.peakBufferBytes());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csvreader.moc"
