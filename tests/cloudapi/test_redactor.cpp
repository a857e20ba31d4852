#include "cloudapi/Redactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
const QString kToken = u"EAAGm0PX4ZCpsBAKZCtest1234567890abcdefZDZD"_s;
}

class TestRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aKnownSecretIsMaskedWherever()
    {
        const Redactor r({u"s3cr3t-value"_s});
        QCOMPARE(r.redact(u"x s3cr3t-value y s3cr3t-value"_s), u"x [redacted] y [redacted]"_s);
    }

    void tokenShapedTextIsMaskedEvenWhenUnknown()
    {
        const Redactor r;
        const QString graph = u"(#190) Malformed access token "_s + kToken;
        QVERIFY(!r.redact(graph).contains(kToken));
        QVERIFY(r.redact(graph).contains(u"Malformed access token [redacted]"_s));
    }

    void bearerHeadersAndQueryTokensAreMasked()
    {
        const Redactor r;
        QCOMPARE(r.redact(u"Authorization: Bearer abc.DEF-123_x"_s), u"Authorization: Bearer [redacted]"_s);
        QCOMPARE(r.redact(u"GET /v23.0/me?access_token=abc123&fields=id"_s),
                 u"GET /v23.0/me?access_token=[redacted]&fields=id"_s);
        QCOMPARE(r.redact(uR"({"access_token": "abc123"})"_s), uR"({"access_token": "[redacted]"})"_s);
    }

    void bytesAreRedactedToo()
    {
        const Redactor r({kToken});
        QVERIFY(!r.redact((u"token="_s + kToken).toUtf8()).contains(kToken.toUtf8()));
    }

    void ordinaryTextIsLeftAlone()
    {
        const Redactor r({u"abc"_s}); // too short to be a secret: ignored
        const QString text = u"Message undeliverable (code 131026), fbtrace_id Az8or2yhqkZfEZ-_4Qn_Bam"_s;
        QCOMPARE(r.redact(text), text);
        QCOMPARE(Redactor({u"abcdef"_s}).redact(text), text);
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "test_redactor.moc"
