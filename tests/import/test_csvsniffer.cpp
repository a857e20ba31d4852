#include "import/CsvSniffer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

CsvSniffer sniff(const QString &text)
{
    return CsvSniffer(text, true, 64 * 1024, 1024 * 1024);
}

} // namespace

class TestCsvSniffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theDelimiterThatSplitsRowsConsistentlyWins_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QChar>("delimiter");
        QTest::newRow("comma") << u"a,b,c\n1,2,3\n4,5,6\n"_s << QChar(u',');
        QTest::newRow("semicolon with decimal commas")
            << u"Name;Betrag;Phone\nA;1,50;+49 1\nB;12,00;+49 2\nC;3;+49 3\n"_s << QChar(u';');
        QTest::newRow("semicolon with a comma in every row")
            << u"Name;Phone;City\nDoe, J;+1;X\nRoe, K;+2;Y\n"_s << QChar(u';');
        QTest::newRow("quoted commas do not count")
            << u"name|note\n\"a\"|\"x, y, z\"\n\"b\"|\"p,q\"\n"_s << QChar(u'|');
        QTest::newRow("tab") << u"a\tb\n1\t2\n"_s << QChar(u'\t');
        QTest::newRow("one ragged row among many") << u"a;b;c\n1;2;3\n1;2\n4;5;6\n7;8;9\n"_s << QChar(u';');
        QTest::newRow("single column") << u"phone\n+49 171 1\n+49 171 2\n"_s << QChar(u',');
    }

    void theDelimiterThatSplitsRowsConsistentlyWins()
    {
        QFETCH(QString, text);
        QFETCH(QChar, delimiter);
        QCOMPARE(sniff(text).detectDelimiter(0, 50), delimiter);
    }

    void aFirstRowWithoutDataLooksLikeAHeader_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("header");
        QTest::newRow("names") << u"Name,Phone,City\nAnn,+44 7700 900001,Leeds\n"_s << true;
        QTest::newRow("phone in first row") << u"Ann,+44 7700 900001,Leeds\n"_s << false;
        QTest::newRow("local number in first row") << u"Ann,0171 2345678\n"_s << false;
        QTest::newRow("email in first row") << u"Ann,ann@example.com\n"_s << false;
        QTest::newRow("number in first row") << u"Ann,42\n"_s << false;
        QTest::newRow("date in first row") << u"Ann,2024-01-31\n"_s << false;
        QTest::newRow("header with digits in names") << u"Phone 1 - Value,E-mail 2\n"_s << true;
    }

    void aFirstRowWithoutDataLooksLikeAHeader()
    {
        QFETCH(QString, text);
        QFETCH(bool, header);
        QCOMPARE(sniff(text).firstRowLooksLikeHeader(0, QChar(u',')), header);
    }

    void excelsSepLineNamesTheDelimiter()
    {
        qsizetype body = -1;
        QCOMPARE(sniff(u"sep=;\r\na;b\r\n"_s).excelSeparator(&body), QChar(u';'));
        QCOMPARE(body, 7);
        QCOMPARE(sniff(u"SEP=|\na|b\n"_s).excelSeparator(&body), QChar(u'|'));
        QCOMPARE(body, 6);
        QVERIFY(!sniff(u"sepal,petal\n"_s).excelSeparator(&body));
        QVERIFY(!sniff(u"sep=\r\nx\r\n"_s).excelSeparator(&body));
        QCOMPARE(body, 0);
    }

    void binaryTextIsRecognised()
    {
        QCOMPARE(sniff(u"abc\n\0def"_s).firstNul(), 4);
        QCOMPARE(sniff(u"abc"_s).firstNul(), -1);
        QString controls;
        for (int i = 0; i < 100; ++i) {
            controls.append(QChar(i % 2 ? u'a' : char16_t(0x01)));
        }
        QVERIFY(sniff(controls).mostlyControlCharacters());
        QVERIFY(!sniff(u"a\tb\r\nc\fd"_s).mostlyControlCharacters());
        QVERIFY(sniff(u" \r\n\t "_s).isBlank());
    }

    void linesAreCountedForEveryKindOfLineEnd()
    {
        const QString text = u"a\r\nb\rc\nd"_s;
        QCOMPARE(CsvSniffer::lineAt(text, 0), 1);
        QCOMPARE(CsvSniffer::lineAt(text, 3), 2);
        QCOMPARE(CsvSniffer::lineAt(text, 5), 3);
        QCOMPARE(CsvSniffer::lineAt(text, 7), 4);
    }

    void sampledRowsSkipBlankLinesAndUnescapeQuotes()
    {
        const QList<QStringList> rows =
            sniff(u"a,\"b \"\"x\"\"\"\n\n , \nc,d\n"_s).sampleRows(0, QChar(u','), 10);
        QCOMPARE(rows, (QList<QStringList>{{u"a"_s, u"b \"x\""_s}, {u"c"_s, u"d"_s}}));
    }
};

QTEST_GUILESS_MAIN(TestCsvSniffer)
#include "test_csvsniffer.moc"
