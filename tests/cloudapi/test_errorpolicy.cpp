#include "cloudapi/ErrorPolicy.h"

#include <QCoreApplication>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace herald;

// JSON fixtures are written with single quotes: moc (6.4) does not understand raw string
// literals and loses its place in a file that contains them.
inline QByteArray jsonText(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

namespace {

ApiResponse graphError(int code, int status = 400)
{
    return ApiResponse::parse(status,
                              u"{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":%1,"
                              "\"error_data\":{\"details\":\"d%1\"},\"fbtrace_id\":\"F\"}}"_s.arg(code)
                                  .toUtf8());
}

ApiResponse networkFailure(QNetworkReply::NetworkError error, bool sent, bool started = false)
{
    TransportInfo t;
    t.error = error;
    t.requestSent = sent;
    t.responseStarted = started;
    return ApiResponse::parse(0, {}, t);
}

// Translates every ErrorPolicy text to a marker, to prove the texts go through translate().
class MarkerTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        return qstrcmp(context, "ErrorPolicy") == 0 ? u"XX "_s + QString::fromUtf8(sourceText) : QString();
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestErrorPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The table of docs/CLOUD_API.md, written out again here so that a change to the
    // implementation's table that departs from the documentation fails.
    void everyDocumentedCodeIsClassifiedAsDocumented_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<ErrorAction>("action");
        QTest::addColumn<ThrottleScope>("throttle");
        const auto row = [](int code, ErrorAction a, ThrottleScope t = ThrottleScope::None) {
            QTest::addRow("%d", code) << code << a << t;
        };
        row(130429, ErrorAction::SlowDown, ThrottleScope::PhoneNumber);
        row(131056, ErrorAction::DeferRecipient);
        row(4, ErrorAction::SlowDown, ThrottleScope::App);
        row(80007, ErrorAction::SlowDown, ThrottleScope::App);
        row(131057, ErrorAction::Maintenance);
        row(2, ErrorAction::RetryMessage);
        row(131000, ErrorAction::RetryMessage);
        for (int code : {131026, 131049, 131047, 131008, 131009, 132000, 132012, 132018, 100, 135000}) {
            row(code, ErrorAction::PermanentFailure);
        }
        row(131050, ErrorAction::PermanentOptOut);
        row(132015, ErrorAction::PauseCampaign);
        for (int code : {132001, 132016, 131048}) {
            row(code, ErrorAction::StopCampaign);
        }
        for (int code : {190, 0, 368, 131031}) {
            row(code, ErrorAction::StopSender);
        }
    }

    void everyDocumentedCodeIsClassifiedAsDocumented()
    {
        QFETCH(int, code);
        QFETCH(ErrorAction, action);
        QFETCH(ThrottleScope, throttle);
        QVERIFY2(ErrorPolicy::entryForCode(code), "the code must have its own row, not fall to 'unknown'");
        // The HTTP status must not matter: Meta sends the same code with 400, 403 or 404.
        for (int status : {400, 403, 404, 500}) {
            const ErrorDecision d = ErrorPolicy::classify(graphError(code, status));
            QCOMPARE(d.action, action);
            QCOMPARE(d.throttle, throttle);
            QCOMPARE(d.code, std::optional<int>(code));
            QCOMPARE(d.reason, QString::number(code));
            QCOMPARE(d.details, u"d%1"_s.arg(code));
            QCOMPARE(d.fbtraceId, u"F"_s);
            QVERIFY(!d.meaning().isEmpty());
            QVERIFY(!d.whatToDo().isEmpty());
        }
    }

    void pausesMatchTheDocumentedWaits()
    {
        QCOMPARE(ErrorPolicy::forCode(131056).pause, std::chrono::milliseconds(6000));
        QVERIFY(ErrorPolicy::forCode(131057).pause >= std::chrono::seconds(30));
        QVERIFY(ErrorPolicy::forCode(4).pause > std::chrono::milliseconds(0));
        QCOMPARE(ErrorPolicy::forCode(130429).pause, std::chrono::milliseconds(0)); // the limiter paces
    }

    void parameterErrorsHintAtABadMapping()
    {
        for (int code : {131008, 131009, 132000, 132012, 132018, 100}) {
            QVERIFY2(ErrorPolicy::forCode(code).suggestsBadMapping, qPrintable(QString::number(code)));
        }
        QVERIFY(!ErrorPolicy::forCode(131026).suggestsBadMapping);
    }

    void unknownCodesFailOnlyThatMessage()
    {
        const ErrorDecision d = ErrorPolicy::classify(graphError(999999));
        QCOMPARE(d.action, ErrorAction::PermanentFailure);
        QCOMPARE(d.reason, u"999999"_s);
        QCOMPARE(d.code, std::optional<int>(999999));
        QVERIFY(!d.meaning().isEmpty());
    }

    void unknownCodesMarkedTransientAreRetried()
    {
        const ErrorDecision d = ErrorPolicy::classify(
            ApiResponse::parse(500, jsonText("{'error':{'message':'m','code':424242,'is_transient':true}}")));
        QCOMPARE(d.action, ErrorAction::RetryMessage);
        QCOMPARE(d.reason, u"424242"_s);
        // A known code keeps its row even when flagged transient.
        QCOMPARE(ErrorPolicy::classify(
                     ApiResponse::parse(
                         400, jsonText("{'error':{'message':'m','code':131026,'is_transient':true}}")))
                     .action,
                 ErrorAction::PermanentFailure);
    }

    void httpStatusOnlyFailuresAreClassifiedByStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorAction>("action");
        QTest::newRow("500 html") << 500 << QByteArray("<html>oops</html>") << ErrorAction::RetryMessage;
        QTest::newRow("502 empty") << 502 << QByteArray() << ErrorAction::RetryMessage;
        QTest::newRow("503 error without code")
            << 503 << QByteArray(jsonText("{'error':{'message':'busy'}}")) << ErrorAction::RetryMessage;
        QTest::newRow("504 truncated") << 504 << QByteArray(jsonText("{'err")) << ErrorAction::RetryMessage;
        QTest::newRow("408") << 408 << QByteArray() << ErrorAction::RetryMessage;
        QTest::newRow("429") << 429 << QByteArray("Too Many Requests") << ErrorAction::SlowDown;
        QTest::newRow("401") << 401 << QByteArray("Unauthorized") << ErrorAction::StopSender;
        QTest::newRow("404 html") << 404 << QByteArray("<html>Not Found</html>") << ErrorAction::StopSender;
        QTest::newRow("403 proxy") << 403 << QByteArray("Forbidden by proxy") << ErrorAction::StopSender;
        QTest::newRow("400 empty") << 400 << QByteArray() << ErrorAction::StopSender;
        QTest::newRow("200 unreadable")
            << 200 << QByteArray("<html>ok</html>") << ErrorAction::UnknownOutcome;
    }

    void httpStatusOnlyFailuresAreClassifiedByStatus()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorAction, action);
        const ErrorDecision d = ErrorPolicy::classify(ApiResponse::parse(status, body));
        QCOMPARE(d.action, action);
        QVERIFY(!d.code);
        if (status != 200) {
            QCOMPARE(d.reason, u"http %1"_s.arg(status));
            QVERIFY(d.details.contains(QString::number(status)));
        } else {
            QCOMPARE(d.reason, u"unreadable response"_s);
        }
        QVERIFY(!d.whatToDo().isEmpty());
    }

    void failuresBeforeTheRequestWentOutAreRetried_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("sentFlag");
        QTest::newRow("connection refused") << int(QNetworkReply::ConnectionRefusedError) << true;
        QTest::newRow("host not found") << int(QNetworkReply::HostNotFoundError) << true;
        QTest::newRow("proxy refused") << int(QNetworkReply::ProxyConnectionRefusedError) << true;
        QTest::newRow("closed while writing") << int(QNetworkReply::RemoteHostClosedError) << false;
        QTest::newRow("timeout while writing") << int(QNetworkReply::TimeoutError) << false;
    }

    void failuresBeforeTheRequestWentOutAreRetried()
    {
        QFETCH(int, error);
        QFETCH(bool, sentFlag);
        const ErrorDecision d =
            ErrorPolicy::classify(networkFailure(QNetworkReply::NetworkError(error), sentFlag));
        QCOMPARE(d.action, ErrorAction::RetryMessage);
        QVERIFY(d.affectsAllMessages);
        QVERIFY2(d.reason.startsWith(u"network "_s), qPrintable(d.reason));
    }

    // The sender derives "the request went out" from the same list the policy reads: a network
    // switch mid-request (TemporaryNetworkFailureError) may have delivered it, so it must not be
    // resent; only failures before any connection prove it never left.
    void onlyFailuresBeforeAConnectionProveTheRequestNeverLeft()
    {
        QVERIFY(ErrorPolicy::failsBeforeSending(QNetworkReply::ConnectionRefusedError));
        QVERIFY(ErrorPolicy::failsBeforeSending(QNetworkReply::HostNotFoundError));
        QVERIFY(ErrorPolicy::failsBeforeSending(QNetworkReply::SslHandshakeFailedError));
        QVERIFY(!ErrorPolicy::failsBeforeSending(QNetworkReply::TemporaryNetworkFailureError));
        QVERIFY(!ErrorPolicy::failsBeforeSending(QNetworkReply::RemoteHostClosedError));
        QVERIFY(!ErrorPolicy::failsBeforeSending(QNetworkReply::TimeoutError));
        QVERIFY(!ErrorPolicy::failsBeforeSending(QNetworkReply::OperationCanceledError));
        // What Qt reports when it wanted to send a request again (SendOnceBody refuses): the
        // first copy went out.
        QVERIFY(!ErrorPolicy::failsBeforeSending(QNetworkReply::ContentReSendError));
    }

    void anUntrustedCertificateStopsTheSenderInsteadOfFailingMessages()
    {
        const ErrorDecision d =
            ErrorPolicy::classify(networkFailure(QNetworkReply::SslHandshakeFailedError, false, false));
        QCOMPARE(d.action, ErrorAction::StopSender);
        QVERIFY(d.whatToDo().contains(u"api.ca_file"_s));
    }

    void noAnswerAfterTheRequestWentOutIsAnUnknownOutcome_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("started");
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << false;
        QTest::newRow("transfer timeout (cancelled)") << int(QNetworkReply::OperationCanceledError) << false;
        QTest::newRow("remote host closed") << int(QNetworkReply::RemoteHostClosedError) << false;
        QTest::newRow("reset mid-response") << int(QNetworkReply::UnknownNetworkError) << true;
        QTest::newRow("temporary network failure")
            << int(QNetworkReply::TemporaryNetworkFailureError) << false;
    }

    void noAnswerAfterTheRequestWentOutIsAnUnknownOutcome()
    {
        QFETCH(int, error);
        QFETCH(bool, started);
        const ErrorDecision d =
            ErrorPolicy::classify(networkFailure(QNetworkReply::NetworkError(error), true, started));
        QCOMPARE(d.action, ErrorAction::UnknownOutcome);
        QCOMPARE(d.reason, u"no response"_s);
        QVERIFY(d.details.contains(u"after the request was sent"_s));
    }

    void successIsSent()
    {
        const ErrorDecision d =
            ErrorPolicy::classify(ApiResponse::parse(200, jsonText("{'messages':[{'id':'wamid.A'}]}")));
        QCOMPARE(d.action, ErrorAction::Sent);
        QVERIFY(d.reason.isEmpty());
        QVERIFY(!d.entry);
    }

    void invalidMessagesAndExhaustedRetriesAreFinalFailures()
    {
        const ErrorDecision invalid = ErrorPolicy::invalidMessage(u"body {{2}}: the text is empty"_s);
        QCOMPARE(invalid.action, ErrorAction::PermanentFailure);
        QCOMPARE(invalid.reason, u"invalid message"_s);
        QCOMPARE(invalid.details, u"body {{2}}: the text is empty"_s);

        const ErrorDecision last = ErrorPolicy::classify(graphError(131000, 500));
        const ErrorDecision done = ErrorPolicy::retriesExhausted(last);
        QCOMPARE(done.action, ErrorAction::PermanentFailure);
        QCOMPARE(done.reason, u"retries exhausted"_s);
        QCOMPARE(done.code, std::optional<int>(131000));
        QVERIFY(done.details.contains(u"131000"_s) && done.details.contains(u"d131000"_s));
        QCOMPARE(done.fbtraceId, u"F"_s);
    }

    void theTableIsConsistent()
    {
        QSet<int> codes;
        QSet<int> situations;
        for (const ErrorPolicyEntry &e : ErrorPolicy::table()) {
            QVERIFY(qstrlen(e.meaning) > 0 && qstrlen(e.whatToDo) > 0);
            if (e.situation == ErrorSituation::GraphCode) {
                QVERIFY2(!codes.contains(e.code), qPrintable(QString::number(e.code)));
                codes.insert(e.code);
            } else {
                QVERIFY(!situations.contains(int(e.situation)));
                situations.insert(int(e.situation));
            }
            QCOMPARE(e.throttle != ThrottleScope::None, e.action == ErrorAction::SlowDown);
            QVERIFY(!ErrorPolicy::actionName(e.action).isEmpty());
        }
        QCOMPARE(situations.size(), int(ErrorSituation::RetriesExhausted)); // every non-code situation once
    }

    void textsAreTranslatedInTheErrorPolicyContext()
    {
        MarkerTranslator translator;
        QCoreApplication::installTranslator(&translator);
        const ErrorDecision d = ErrorPolicy::forCode(131026);
        const QString meaning = d.meaning();
        const QString advice = d.whatToDo();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(meaning.startsWith(u"XX "_s), qPrintable(meaning));
        QVERIFY(advice.startsWith(u"XX "_s));
        QVERIFY(!d.meaning().startsWith(u"XX "_s));
    }
};

QTEST_GUILESS_MAIN(TestErrorPolicy)
#include "test_errorpolicy.moc"
