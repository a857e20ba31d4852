#include "webhook/WebhookSignature.h"

#include <QCryptographicHash>
#include <QTest>

Q_DECLARE_METATYPE(herald::WebhookSignature::Result)

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
const QByteArray kSecret = "6f1c0e3b2d9a47f8a5b4c3d2e1f00918"_ba;
const QByteArray kBody =
    R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1750263775"}]}}]}]})"_ba;
} // namespace

class TestWebhookSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // RFC 4231 test case 2: a known HMAC-SHA256, so the signature is the standard one and not
    // merely consistent with itself.
    void signatureIsTheStandardHmacSha256()
    {
        QCOMPARE(WebhookSignature::sign("what do ya want for nothing?"_ba, "Jefe"_ba),
                 "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba);
    }

    void aValidSignatureIsAccepted()
    {
        const QByteArray header = WebhookSignature::sign(kBody, kSecret);
        QCOMPARE(WebhookSignature::verify(kBody, header, kSecret), WebhookSignature::Result::Valid);
        // Hex digits in capitals and the header's surrounding blanks do not matter.
        QCOMPARE(WebhookSignature::verify(kBody, "sha256="_ba + header.mid(7).toUpper() + "  "_ba, kSecret),
                 WebhookSignature::Result::Valid);
        QVERIFY(WebhookSignature::explain(WebhookSignature::Result::Valid).isEmpty());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<WebhookSignature::Result>("expected");
        const QByteArray good = WebhookSignature::sign(kBody, kSecret);
        QByteArray oneByte = kBody;
        oneByte[oneByte.indexOf("delivered")] = 'D';
        QByteArray oneDigit = good;
        oneDigit[20] = oneDigit[20] == '0' ? '1' : '0';

        QTest::newRow("missing") << kBody << QByteArray() << kSecret << WebhookSignature::Result::Missing;
        QTest::newRow("blank") << kBody << "   "_ba << kSecret << WebhookSignature::Result::Missing;
        QTest::newRow("body altered by one byte")
            << oneByte << good << kSecret << WebhookSignature::Result::Mismatch;
        QTest::newRow("body with a byte appended")
            << kBody + ' ' << good << kSecret << WebhookSignature::Result::Mismatch;
        QTest::newRow("one hex digit altered")
            << kBody << oneDigit << kSecret << WebhookSignature::Result::Mismatch;
        QTest::newRow("wrong secret") << kBody << WebhookSignature::sign(kBody, "another app's secret"_ba)
                                      << kSecret << WebhookSignature::Result::Mismatch;
        QTest::newRow("no secret configured")
            << kBody << good << QByteArray() << WebhookSignature::Result::NoSecret;
        QTest::newRow("sha1 header") << kBody << "sha1=" + good.mid(7, 40) << kSecret
                                     << WebhookSignature::Result::Malformed;
        QTest::newRow("no prefix") << kBody << good.mid(7) << kSecret << WebhookSignature::Result::Malformed;
        QTest::newRow("too short") << kBody << good.chopped(2) << kSecret
                                   << WebhookSignature::Result::Malformed;
        QTest::newRow("too long") << kBody << good + "00" << kSecret << WebhookSignature::Result::Malformed;
        QByteArray notHex = good;
        notHex[10] = 'g';
        QTest::newRow("not hex") << kBody << notHex << kSecret << WebhookSignature::Result::Malformed;
        QTest::newRow("the body's own hash, unkeyed")
            << kBody << "sha256="_ba + QCryptographicHash::hash(kBody, QCryptographicHash::Sha256).toHex()
            << kSecret << WebhookSignature::Result::Mismatch;
    }
    void refusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, secret);
        QFETCH(WebhookSignature::Result, expected);
        const WebhookSignature::Result got = WebhookSignature::verify(body, header, secret);
        QCOMPARE(got, expected);
        QVERIFY(!WebhookSignature::explain(got).isEmpty());
    }

    void anEmptyBodyIsSignedLikeAnyOther()
    {
        const QByteArray header = WebhookSignature::sign({}, kSecret);
        QCOMPARE(WebhookSignature::verify({}, header, kSecret), WebhookSignature::Result::Valid);
        QCOMPARE(WebhookSignature::verify("{}"_ba, header, kSecret), WebhookSignature::Result::Mismatch);
    }

    void verifyTokenHandshake()
    {
        QVERIFY(WebhookSignature::verifyTokenMatches("herald-verify-7c1e"_ba, "herald-verify-7c1e"_ba));
        QVERIFY(!WebhookSignature::verifyTokenMatches("herald-verify-7c1f"_ba, "herald-verify-7c1e"_ba));
        QVERIFY(!WebhookSignature::verifyTokenMatches("herald-verify-7c1"_ba, "herald-verify-7c1e"_ba));
        QVERIFY(!WebhookSignature::verifyTokenMatches("herald-verify-7c1e "_ba, "herald-verify-7c1e"_ba));
        QVERIFY(!WebhookSignature::verifyTokenMatches({}, "herald-verify-7c1e"_ba));
        // No token configured: nothing matches, not even an empty one.
        QVERIFY(!WebhookSignature::verifyTokenMatches({}, {}));
        QVERIFY(!WebhookSignature::verifyTokenMatches("x"_ba, {}));
    }

    void constantTimeEqualsComparesWholeArrays()
    {
        QVERIFY(WebhookSignature::constantTimeEquals("abc"_ba, "abc"_ba));
        QVERIFY(!WebhookSignature::constantTimeEquals("abc"_ba, "abd"_ba));
        QVERIFY(!WebhookSignature::constantTimeEquals("xbc"_ba, "abc"_ba));
        QVERIFY(!WebhookSignature::constantTimeEquals("abc"_ba, "abcd"_ba));
        QVERIFY(WebhookSignature::constantTimeEquals({}, {}));
        QVERIFY(!WebhookSignature::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
    }
};

QTEST_GUILESS_MAIN(TestWebhookSignature)
#include "test_webhooksignature.moc"
