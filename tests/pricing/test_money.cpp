#include "pricing/Money.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pricesReadExactlyInMillionths_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("micros");
        QTest::newRow("four decimals") << u"0.0250"_s << qint64(25000);
        QTest::newRow("whole") << u"12"_s << qint64(12000000);
        QTest::newRow("six decimals") << u"0.000001"_s << qint64(1);
        QTest::newRow("leading point") << u".5"_s << qint64(500000);
        QTest::newRow("spaces around") << u" 1.25 "_s << qint64(1250000);
        QTest::newRow("zero") << u"0"_s << qint64(0);
    }
    void pricesReadExactlyInMillionths()
    {
        QFETCH(QString, text);
        QFETCH(qint64, micros);
        QString why;
        const auto got = Money::parseMicros(text, &why);
        QVERIFY2(got.has_value(), qPrintable(why));
        QCOMPARE(*got, micros);
    }

    void badPricesSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("comma") << u"0,0250"_s << u"decimal point"_s;
        QTest::newRow("seven decimals") << u"0.0000001"_s << u"more than 6 decimals"_s;
        QTest::newRow("negative") << u"-0.01"_s << u"not a price"_s;
        QTest::newRow("letters") << u"free"_s << u"not a price"_s;
        QTest::newRow("empty") << QString() << u"no price"_s;
        QTest::newRow("two points") << u"1.2.3"_s << u"not a price"_s;
    }
    void badPricesSayWhy()
    {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        QString why;
        QVERIFY(!Money::parseMicros(text, &why));
        QVERIFY2(why.contains(fragment), qPrintable(why));
    }

    void formatKeepsTwoDecimalsAndNoTrailingZerosBeyond()
    {
        QCOMPARE(Money::format(25000), u"0.025"_s);
        QCOMPARE(Money::format(1204800), u"1.2048"_s);
        QCOMPARE(Money::format(12000000), u"12.00"_s);
        QCOMPARE(Money::format(1), u"0.000001"_s);
        QCOMPARE(Money::format(2190000000000LL, u"EUR"_s), u"2190000.00 EUR"_s);
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "test_money.moc"
