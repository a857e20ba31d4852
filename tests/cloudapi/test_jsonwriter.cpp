#include "cloudapi/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
QByteArray quoted(const QString &s)
{
    QByteArray out;
    JsonWriter::appendString(out, s);
    return out;
}

// What a standard parser reads back from our string.
QString parsedBack(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson('[' + json + ']');
    return doc.isArray() ? doc.array().at(0).toString() : u"<unparseable>"_s;
}
} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainAsciiIsWrittenAsIs()
    {
        QCOMPARE(quoted(u"Hello, World 123"_s), QByteArray("\"Hello, World 123\""));
    }

    void quotesBackslashesAndControlCharactersAreEscaped()
    {
        QCOMPARE(quoted(u"a\"b\\c"_s), QByteArray("\"a\\\"b\\\\c\""));
        QCOMPARE(quoted(u"\n\r\t\b\f"_s), QByteArray("\"\\n\\r\\t\\b\\f\""));
        QCOMPARE(quoted(QString(QChar(0x01)) + QChar(0x1F)), QByteArray("\"\\u0001\\u001f\""));
        QCOMPARE(quoted(u"/"_s), QByteArray("\"/\"")); // solidus needs no escape
    }

    void nonAsciiIsWrittenAsUtf8()
    {
        QCOMPARE(quoted(u"é€😀"_s), QByteArray("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\""));
    }

    void unpairedSurrogatesBecomeReplacementCharacters()
    {
        const QString lone = QString(QChar(0xD83D)) + u'x' + QChar(0xDE00);
        QCOMPARE(quoted(lone), QByteArray("\"\xEF\xBF\xBDx\xEF\xBF\xBD\""));
    }

    void everyBmpCharacterRoundTripsThroughAStandardParser()
    {
        QString all;
        for (char32_t c = 1; c < 0x10000; ++c) {
            if (c < 0xD800 || c > 0xDFFF) {
                all += QChar(char16_t(c));
            }
        }
        all += u"😀𝄞"_s;
        QCOMPARE(parsedBack(quoted(all)), all);
    }

    void integersIncludingExtremesAreWritten()
    {
        for (qint64 v : {qint64(0), qint64(7), qint64(-12), qint64(100000),
                         std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
            QByteArray out;
            JsonWriter::appendInteger(out, v);
            QCOMPARE(out, QByteArray::number(v));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "test_jsonwriter.moc"
