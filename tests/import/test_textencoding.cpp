#include "import/TextEncoding.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

QString decodeInPieces(TextEncoding e, const QByteArray &bytes, qsizetype piece,
                       qint64 *replacements = nullptr)
{
    TextDecoder d(e);
    QString out;
    for (qsizetype i = 0; i < bytes.size(); i += piece) {
        d.decode(QByteArrayView(bytes).sliced(i, std::min(piece, bytes.size() - i)), out, false);
    }
    d.decode({}, out, true);
    if (replacements) {
        *replacements = d.takeReplacements();
    }
    return out;
}

} // namespace

class TestTextEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodingNamesAndAliasesResolve()
    {
        for (TextEncoding e :
             {TextEncoding::Utf8, TextEncoding::Utf16LE, TextEncoding::Utf16BE, TextEncoding::Windows1252}) {
            QCOMPARE(textEncodingFromName(textEncodingName(e)), e);
        }
        QCOMPARE(textEncodingFromName(u"UTF8"), TextEncoding::Utf8);
        QCOMPARE(textEncodingFromName(u"cp1252"), TextEncoding::Windows1252);
        QCOMPARE(textEncodingFromName(u"ISO-8859-1"), TextEncoding::Windows1252);
        QCOMPARE(textEncodingFromName(u"utf_16LE"), TextEncoding::Utf16LE);
        QVERIFY(!textEncodingFromName(u"ebcdic"));
    }

    void windows1252MapsItsThirtyTwoSpecialBytesAndLatin1ForTheRest()
    {
        QCOMPARE(textencoding::windows1252ToUnicode(0x80), char16_t(0x20AC));
        QCOMPARE(textencoding::windows1252ToUnicode(0x8A), char16_t(0x0160));
        QCOMPARE(textencoding::windows1252ToUnicode(0x9F), char16_t(0x0178));
        QCOMPARE(textencoding::windows1252ToUnicode(0x81), char16_t(0x0081));
        QCOMPARE(textencoding::windows1252ToUnicode(0xE4), char16_t(0x00E4));
        QCOMPARE(textencoding::windows1252ToUnicode(0x41), char16_t(u'A'));
        QCOMPARE(decodeInPieces(TextEncoding::Windows1252, "\x80 \xE4\xE9 \x84x\x93"_ba, 3), u"€ äé „x“"_s);
    }

    void everyWindows1252ByteSurvivesARoundTrip()
    {
        QByteArray all;
        for (int b = 0; b < 256; ++b) {
            all.append(char(b));
        }
        const QString text = decodeInPieces(TextEncoding::Windows1252, all, 7);
        QCOMPARE(text.size(), 256);
        TextEncoder enc(TextEncoding::Windows1252);
        QByteArray back;
        enc.encode(text, back);
        QCOMPARE(back, all);
        QCOMPARE(enc.unrepresentable(), 0);
    }

    void charactersWindows1252CannotHoldBecomeOneQuestionMarkEach()
    {
        TextEncoder enc(TextEncoding::Windows1252);
        QByteArray out;
        enc.encode(u"a😀b\u0141c?"_s, out);
        QCOMPARE(out, "a?b?c?"_ba);
        QCOMPARE(enc.unrepresentable(), 2);
    }

    void utf8SplitAtEveryByteBoundaryDecodesTheSame()
    {
        const QString text = u"Zoë 😀 € ✓ Ωmega 𝄞 end"_s;
        const QByteArray bytes = text.toUtf8();
        for (qsizetype piece = 1; piece <= 8; ++piece) {
            qint64 replaced = -1;
            QCOMPARE(decodeInPieces(TextEncoding::Utf8, bytes, piece, &replaced), text);
            QCOMPARE(replaced, 0);
        }
    }

    void invalidUtf8BecomesOneReplacementPerMaximalSubpart_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("replacements");
        QTest::newRow("lone latin-1 byte") << "Ren\xE9!"_ba << u"Ren\uFFFD!"_s << qint64(1);
        QTest::newRow("truncated 3-byte sequence") << "\xE2\x82"
                                                      "A"_ba
                                                   << u"\uFFFDA"_s << qint64(1);
        QTest::newRow("overlong") << "\xC0\xAF"_ba << u"\uFFFD\uFFFD"_s << qint64(2);
        QTest::newRow("surrogate") << "\xED\xA0\x80"_ba << u"\uFFFD\uFFFD\uFFFD"_s << qint64(3);
        QTest::newRow("beyond U+10FFFF")
            << "\xF4\x90\x80\x80"_ba << u"\uFFFD\uFFFD\uFFFD\uFFFD"_s << qint64(4);
        QTest::newRow("cut at end of file") << "ok\xF0\x9F\x98"_ba << u"ok\uFFFD"_s << qint64(1);
    }

    void invalidUtf8BecomesOneReplacementPerMaximalSubpart()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QFETCH(qint64, replacements);
        for (qsizetype piece : {1, 2, 3, 64}) {
            qint64 replaced = -1;
            QCOMPARE(decodeInPieces(TextEncoding::Utf8, bytes, piece, &replaced), text);
            QCOMPARE(replaced, replacements);
        }
    }

    void validUtf8PrefixToleratesOnlyACutTailWhenAsked()
    {
        const QByteArray cut = "abc\xE2\x82"_ba;
        QCOMPARE(textencoding::validUtf8Prefix(cut, true), 5);
        QCOMPARE(textencoding::validUtf8Prefix(cut, false), 3);
        QCOMPARE(textencoding::validUtf8Prefix("abc\xE9xyz"_ba, true), 3);
    }

    void utf16RoundTripsInBothByteOrdersAcrossOddChunks()
    {
        const QString text = u"Đorđe 😀 İstanbul"_s;
        for (TextEncoding e : {TextEncoding::Utf16LE, TextEncoding::Utf16BE}) {
            TextEncoder enc(e);
            QByteArray bytes;
            enc.encode(text, bytes);
            QCOMPARE(bytes.size(), text.size() * 2);
            for (qsizetype piece : {1, 3, 5, 100}) {
                QCOMPARE(decodeInPieces(e, bytes, piece), text);
            }
            qint64 replaced = 0;
            QCOMPARE(decodeInPieces(e, bytes + 'x', 4, &replaced), text + QChar(0xFFFD));
            QCOMPARE(replaced, 1);
        }
        QCOMPARE(byteOrderMark(TextEncoding::Utf16LE), "\xFF\xFE"_ba);
        QCOMPARE(byteOrderMark(TextEncoding::Windows1252), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestTextEncoding)
#include "test_textencoding.moc"
