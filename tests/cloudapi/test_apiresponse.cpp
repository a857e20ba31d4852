#include "cloudapi/ApiResponse.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

// JSON fixtures are written with single quotes: moc (6.4) does not understand raw string
// literals and loses its place in a file that contains them.
inline QByteArray jsonText(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

namespace {
TransportInfo transport(QNetworkReply::NetworkError error, bool sent, bool started = false)
{
    TransportInfo t;
    t.error = error;
    t.requestSent = sent;
    t.responseStarted = started;
    t.errorString = u"Qt says so"_s;
    return t;
}
} // namespace

class TestApiResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void successGivesTheWamidStatusAndWaId()
    {
        const ApiResponse r = ApiResponse::parse(
            200,
            jsonText(
                "{'messaging_product':'whatsapp','contacts':[{'input':'+16505551234','wa_id':'16505551234'}],"
                "'messages':[{'id':'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA','message_"
                "status':'accepted'}]}"));
        QCOMPARE(r.kind, ApiResponse::Kind::Success);
        QVERIFY(r.isSuccess());
        QCOMPARE(r.wamid, u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"_s);
        QCOMPARE(r.messageStatus, u"accepted"_s);
        QCOMPARE(r.waId, u"16505551234"_s);
    }

    void successWithoutStatusOrContactsIsStillASuccess()
    {
        const ApiResponse r = ApiResponse::parse(200, jsonText("{'messages':[{'id':'wamid.X'}]}"));
        QCOMPARE(r.kind, ApiResponse::Kind::Success);
        QCOMPARE(r.wamid, u"wamid.X"_s);
        QVERIFY(r.messageStatus.isEmpty());
        QVERIFY(r.waId.isEmpty());
        QCOMPARE(
            ApiResponse::parse(
                201,
                jsonText("{'messages':[{'id':'wamid.Y','message_status':'held_for_quality_assessment'}]}"))
                .messageStatus,
            u"held_for_quality_assessment"_s);
    }

    void aFullGraphErrorIsReadCompletely()
    {
        const ApiResponse r = ApiResponse::parse(
            400,
            jsonText("{'error':{'message':'(#130429) Rate limit hit','type':'OAuthException','code':130429,"
                     "'error_data':{'messaging_product':'whatsapp','details':'Cloud API message throughput "
                     "has been reached.'},"
                     "'error_subcode':2494055,'fbtrace_id':'Az8or2yhqkZfEZ-_4Qn_Bam'}}"));
        QCOMPARE(r.kind, ApiResponse::Kind::GraphError);
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.error.code, std::optional<int>(130429));
        QCOMPARE(r.error.subcode, std::optional<int>(2494055));
        QCOMPARE(r.error.message, u"(#130429) Rate limit hit"_s);
        QCOMPARE(r.error.type, u"OAuthException"_s);
        QCOMPARE(r.error.details, u"Cloud API message throughput has been reached."_s);
        QCOMPARE(r.error.fbtraceId, u"Az8or2yhqkZfEZ-_4Qn_Bam"_s);
        const QString summary = r.summary();
        QVERIFY(summary.contains(u"130429"_s) && summary.contains(u"throughput"_s) &&
                summary.contains(u"Az8or2"_s));
    }

    void anErrorWithOnlyMessageAndCodeIsRead()
    {
        const ApiResponse r = ApiResponse::parse(403, jsonText("{'error':{'message':'Spam','code':131048}}"));
        QCOMPARE(r.kind, ApiResponse::Kind::GraphError);
        QCOMPARE(r.error.code, std::optional<int>(131048));
        QVERIFY(!r.error.subcode);
        QVERIFY(r.error.details.isEmpty());
        QVERIFY(r.error.fbtraceId.isEmpty());
    }

    void errorDataAsAJsonStringOrPlainStringIsRead()
    {
        ApiResponse r = ApiResponse::parse(400, jsonText("{'error':{'message':'x','code':100,'error_data':'{"
                                                         "\\'details\\':\\'Invalid parameter\\'}'}}"));
        QCOMPARE(r.error.details, u"Invalid parameter"_s);
        r = ApiResponse::parse(400,
                               jsonText("{'error':{'message':'x','code':100,'error_data':'just text'}}"));
        QCOMPARE(r.error.details, u"just text"_s);
        r = ApiResponse::parse(400, jsonText("{'error':{'message':'x','code':100,'error_data':{}}}"));
        QVERIFY(r.error.details.isEmpty());
    }

    void codesSentAsStringsAreUnderstood()
    {
        const ApiResponse r =
            ApiResponse::parse(429, jsonText("{'error':{'message':'slow','code':'130429'}}"));
        QCOMPARE(r.error.code, std::optional<int>(130429));
    }

    void anErrorObjectWithoutACodeKeepsTheCodeUnset()
    {
        ApiResponse r = ApiResponse::parse(502, jsonText("{'error':{'message':'upstream down'}}"));
        QCOMPARE(r.kind, ApiResponse::Kind::GraphError);
        QVERIFY(!r.error.code);
        QCOMPARE(r.error.message, u"upstream down"_s);
        r = ApiResponse::parse(502, jsonText("{'error':'Bad gateway'}"));
        QCOMPARE(r.kind, ApiResponse::Kind::GraphError);
        QVERIFY(!r.error.code);
        QCOMPARE(r.error.message, u"Bad gateway"_s);
    }

    void anHtmlPageFromAProxyIsAnHttpError()
    {
        const ApiResponse r = ApiResponse::parse(
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
            "<hr><center>nginx</center></body></html>");
        QCOMPARE(r.kind, ApiResponse::Kind::HttpError);
        QCOMPARE(r.httpStatus, 502);
        QVERIFY(r.bodyExcerpt.contains(u"502 Bad Gateway"_s));
        QVERIFY(r.summary().contains(u"HTTP 502"_s));
    }

    void aLongBodyIsShortenedInTheExcerpt()
    {
        const ApiResponse r = ApiResponse::parse(500, QByteArray(5000, 'x'));
        QVERIFY(r.bodyExcerpt.size() <= 201);
    }

    void aTruncatedErrorBodyIsAnHttpError()
    {
        const ApiResponse r =
            ApiResponse::parse(400, jsonText("{'error':{'message':'(#131026) Message undeliv"));
        QCOMPARE(r.kind, ApiResponse::Kind::HttpError);
        QCOMPARE(r.httpStatus, 400);
    }

    void aTruncatedSuccessBodyIsAnUnreadableSuccess()
    {
        const ApiResponse r =
            ApiResponse::parse(200, jsonText("{'messaging_product':'whatsapp','contacts':[{'inp"),
                               transport(QNetworkReply::RemoteHostClosedError, true, true));
        QCOMPARE(r.kind, ApiResponse::Kind::UnreadableSuccess);
        QVERIFY(r.wamid.isEmpty());
    }

    void anEmptyBodyIsAnHttpErrorOrAnUnreadableSuccess()
    {
        QCOMPARE(ApiResponse::parse(503, {}).kind, ApiResponse::Kind::HttpError);
        QVERIFY(ApiResponse::parse(503, {}).summary().contains(u"empty body"_s));
        QCOMPARE(ApiResponse::parse(200, {}).kind, ApiResponse::Kind::UnreadableSuccess);
        QCOMPARE(ApiResponse::parse(200, jsonText("{'messages':[]}")).kind,
                 ApiResponse::Kind::UnreadableSuccess);
        QCOMPARE(ApiResponse::parse(200, "[1,2]").kind, ApiResponse::Kind::UnreadableSuccess);
    }

    void aCompleteSuccessBodyWinsOverALateTransportError()
    {
        const ApiResponse r = ApiResponse::parse(200, jsonText("{'messages':[{'id':'wamid.Z'}]}"),
                                                 transport(QNetworkReply::RemoteHostClosedError, true, true));
        QCOMPARE(r.kind, ApiResponse::Kind::Success);
    }

    void networkFailuresWithoutAStatusKeepTheTransportFacts_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("sent");
        QTest::addColumn<bool>("started");
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << true << false;
        QTest::newRow("operation cancelled (transfer timeout)")
            << int(QNetworkReply::OperationCanceledError) << true << false;
        QTest::newRow("connection refused") << int(QNetworkReply::ConnectionRefusedError) << false << false;
        QTest::newRow("remote host closed") << int(QNetworkReply::RemoteHostClosedError) << true << false;
        QTest::newRow("reset mid-response") << int(QNetworkReply::UnknownNetworkError) << true << true;
        QTest::newRow("TLS handshake") << int(QNetworkReply::SslHandshakeFailedError) << false << false;
        QTest::newRow("host not found") << int(QNetworkReply::HostNotFoundError) << false << false;
    }

    void networkFailuresWithoutAStatusKeepTheTransportFacts()
    {
        QFETCH(int, error);
        QFETCH(bool, sent);
        QFETCH(bool, started);
        const auto e = static_cast<QNetworkReply::NetworkError>(error);
        const ApiResponse r = ApiResponse::parse(0, {}, transport(e, sent, started));
        QCOMPARE(r.kind, ApiResponse::Kind::NetworkFailure);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.transport.error, e);
        QCOMPARE(r.transport.requestSent, sent);
        QCOMPARE(r.transport.responseStarted, started);
        QVERIFY(r.summary().startsWith(u"network error "_s));
        QVERIFY(r.summary().contains(sent ? u"after the request"_s : u"before the request"_s));
    }

    void transportInfoAssumesTheRequestWentOutUnlessToldOtherwise() { QVERIFY(TransportInfo().requestSent); }

    void aSecretInTheErrorTypeOrTraceIdIsRedactedFromTheSummary()
    {
        // Found by fuzz_apiresponse: type and fbtrace_id reached summary() (logs, a failed row's
        // details) as sent, so a server or proxy echoing the token there leaked it.
        const QString secret = u"s3cret-app-token"_s;
        const ApiResponse r = ApiResponse::parse(
            400,
            jsonText("{'error':{'message':'Rate limit hit','type':'OAuth s3cret-app-token','code':130429,"
                     "'fbtrace_id':'bs3cret-app-tokenCdE3'}}"),
            {}, Redactor({secret}));
        QCOMPARE(r.kind, ApiResponse::Kind::GraphError);
        QCOMPARE(r.error.type, u"OAuth [redacted]"_s);
        QCOMPARE(r.error.fbtraceId, u"b[redacted]CdE3"_s);
        QVERIFY(!r.summary().contains(secret));
        QCOMPARE(r.summary(), u"HTTP 400, code 130429: Rate limit hit (fbtrace_id b[redacted]CdE3)"_s);

        const ApiResponse shaped = ApiResponse::parse(
            400, jsonText("{'error':{'code':1,'fbtrace_id':'EAAGabcdefghijklmnopqrstuvwxyz012'}}"));
        QCOMPARE(shaped.error.fbtraceId, u"[redacted]"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiResponse)
#include "test_apiresponse.moc"
