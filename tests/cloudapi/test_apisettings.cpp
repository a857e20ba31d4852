#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/ApiSettings.h"
#include "cloudapi/ErrorPolicy.h"

#include <QDebug>
#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace herald;

// JSON fixtures are written with single quotes: moc (6.4) does not understand raw string
// literals and loses its place in a file that contains them.
inline QByteArray jsonText(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

namespace {
const QString kToken = u"EAAGm0PX4ZCpsBAKZCtest1234567890abcdefZDZD"_s;

ApiSettings valid()
{
    ApiSettings s;
    s.setPhoneNumberId(u"106540352242922"_s);
    s.setWabaId(u"102290129340398"_s);
    s.setAccessToken(kToken);
    return s;
}
} // namespace

class TestApiSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsPointAtGraphApiV23WithThirtySecondTimeout()
    {
        const ApiSettings s;
        QCOMPARE(s.baseUrl(), u"https://graph.facebook.com"_s);
        QCOMPARE(s.apiVersion(), u"v23.0"_s);
        QCOMPARE(s.requestTimeout(), std::chrono::milliseconds(30000));
        QVERIFY(valid().validate().isEmpty());
    }

    void sendUrlIsBaseVersionPhoneNumberIdMessages()
    {
        QCOMPARE(valid().messagesUrl().toString(),
                 u"https://graph.facebook.com/v23.0/106540352242922/messages"_s);
        ApiSettings s = valid();
        s.setBaseUrl(u"http://127.0.0.1:8089/graph/"_s);
        s.setApiVersion(u"v25.0"_s);
        QCOMPARE(s.messagesUrl().toString(), u"http://127.0.0.1:8089/graph/v25.0/106540352242922/messages"_s);
    }

    void templateUrlAsksForTheFieldsAndPagesByCursor()
    {
        const ApiSettings s = valid();
        QCOMPARE(s.templatesUrl().toString(QUrl::FullyEncoded),
                 u"https://graph.facebook.com/v23.0/102290129340398/message_templates"
                 "?fields=name,language,status,category,previous_category,components&limit=100"_s);
        const QString cursor = u"QVFIUmx1WGF+/=="_s;
        const QUrl next = s.templatesUrl(cursor);
        QCOMPARE(QUrlQuery(next).queryItemValue(u"after"_s, QUrl::FullyDecoded), cursor);
        QVERIFY(next.toString(QUrl::FullyEncoded).contains(u"after=QVFIUmx1WGF%2B%2F%3D%3D"_s));
        ApiSettings noWaba = valid();
        noWaba.setWabaId({});
        QVERIFY(noWaba.templatesUrl().isEmpty());
    }

    void baseUrlPolicy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("graph") << u"https://graph.facebook.com"_s << true;
        QTest::newRow("https proxy with path") << u"https://proxy.corp.example/graph"_s << true;
        QTest::newRow("https loopback") << u"https://127.0.0.1:8443"_s << true;
        QTest::newRow("http localhost") << u"http://localhost:8089"_s << true;
        QTest::newRow("http LOCALHOST") << u"http://LOCALHOST:8089"_s << true;
        QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:8089"_s << true;
        QTest::newRow("http 127.1.2.3") << u"http://127.1.2.3"_s << true;
        QTest::newRow("http ::1") << u"http://[::1]:8089"_s << true;
        QTest::newRow("http remote") << u"http://graph.facebook.com"_s << false;
        QTest::newRow("http LAN") << u"http://192.168.1.10:8089"_s << false;
        QTest::newRow("http 0.0.0.0") << u"http://0.0.0.0:8089"_s << false;
        QTest::newRow("http localhost lookalike") << u"http://localhost.evil.example"_s << false;
        QTest::newRow("http 127 lookalike") << u"http://127.0.0.1.evil.example"_s << false;
        QTest::newRow("http 128.0.0.1") << u"http://128.0.0.1"_s << false;
        QTest::newRow("ftp") << u"ftp://graph.facebook.com"_s << false;
        QTest::newRow("no scheme") << u"graph.facebook.com"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("user info") << u"https://user:pw@graph.facebook.com"_s << false;
        QTest::newRow("query") << u"https://graph.facebook.com?access_token=x"_s << false;
    }

    void baseUrlPolicy()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        const QString problem = ApiSettings::checkBaseUrl(url);
        QVERIFY2(problem.isEmpty() == accepted, qPrintable(problem));
        ApiSettings s = valid();
        s.setBaseUrl(url);
        QCOMPARE(s.validate().isEmpty(), accepted);
    }

    void refusingPlainHttpSaysWhy()
    {
        const QString problem = ApiSettings::checkBaseUrl(u"http://api.example.com"_s);
        QVERIFY(problem.contains(u"https://"_s));
        QVERIFY(problem.contains(u"api.example.com"_s));
        QVERIFY(problem.contains(u"localhost"_s));
    }

    void otherSettingsAreChecked_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("version without v") << u"version"_s << u"23.0"_s;
        QTest::newRow("version text") << u"version"_s << u"latest"_s;
        QTest::newRow("phone number instead of id") << u"phone"_s << u"+4915123456789"_s;
        QTest::newRow("empty phone id") << u"phone"_s << QString();
        QTest::newRow("waba not numeric") << u"waba"_s << u"abc"_s;
        QTest::newRow("no token") << u"token"_s << QString();
        QTest::newRow("token with inner space") << u"token"_s << u"EAAB abc"_s;
        QTest::newRow("token with newline") << u"token"_s << u"EAAB\r\nX-Evil: 1"_s;
    }

    void otherSettingsAreChecked()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        ApiSettings s = valid();
        if (field == "version"_L1) {
            s.setApiVersion(value);
        } else if (field == "phone"_L1) {
            s.setPhoneNumberId(value);
        } else if (field == "waba"_L1) {
            s.setWabaId(value);
        } else {
            s.setAccessToken(value);
        }
        const QString problem = s.validate();
        QVERIFY(!problem.isEmpty());
        // A complaint about the token must not quote it back.
        QVERIFY2(field != "token"_L1 || value.isEmpty() || !problem.contains(value), qPrintable(problem));
    }

    void tooShortTimeoutIsRefused()
    {
        ApiSettings s = valid();
        s.setRequestTimeout(std::chrono::milliseconds(200));
        QVERIFY(!s.validate().isEmpty());
    }

    void anExtraCaFileIsTrustedBesideTheSystemsAuthorities()
    {
        const QString pem = QStringLiteral(HERALD_SOURCE_TEST_DATA "/cloudapi/example-ca.pem");
        QVERIFY(ApiSettings::checkCaFile(pem).isEmpty());
        ApiSettings s = valid();
        s.setCaFile(pem);
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate()));
        const QSslCertificate ca = QSslCertificate::fromPath(pem).value(0);
        QVERIFY(!ca.isNull());
        const QSslConfiguration tls = s.sslConfiguration();
        QVERIFY(tls.caCertificates().contains(ca));
        // Every request to an https:// API carries it; certificate errors stay errors.
        const QNetworkRequest request = ApiRequests(s).make(s.messagesUrl());
        QVERIFY(request.sslConfiguration().caCertificates().contains(ca));
        QCOMPARE(request.rawHeader("Authorization"), s.authorizationHeader());
    }

    void aCaFileThatCannotBeUsedIsRefusedWithTheReason()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(u"missing.pem"_s);
        QVERIFY(ApiSettings::checkCaFile(missing).contains(missing));
        const QString garbage = dir.filePath(u"garbage.pem"_s);
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a certificate\n");
        f.close();
        QVERIFY(ApiSettings::checkCaFile(garbage).contains(u"no certificate"_s));
        ApiSettings s = valid();
        s.setCaFile(garbage);
        QVERIFY(s.validate().contains(garbage));
        QString problem;
        s.sslConfiguration(&problem);
        QVERIFY(!problem.isEmpty());
    }

    void authorizationHeaderCarriesTheToken()
    {
        QCOMPARE(valid().authorizationHeader(), "Bearer " + kToken.toLatin1());
    }

    void theTokenNeverAppearsInDebugOutput()
    {
        QString out;
        QDebug(&out) << valid();
        QVERIFY2(!out.contains(kToken), qPrintable(out));
        QVERIFY(out.contains(u"token=set"_s));
        QVERIFY(out.contains(u"106540352242922"_s));
        QString unset;
        QDebug(&unset) << ApiSettings();
        QVERIFY(unset.contains(u"token=not set"_s));
    }

    void theTokenNeverAppearsInErrorsOrTheirFormatting()
    {
        ApiSettings s = valid();
        // A token pasted with a stray character: the complaint must not quote it back.
        s.setAccessToken(kToken + u" x"_s);
        QVERIFY(!s.validate().contains(kToken));

        // Graph echoes a malformed token; Qt's error strings may carry the URL with it.
        const Redactor redactor = valid().redactor();
        const QByteArray body = jsonText("{'error':{'message':'Malformed access token ") + kToken.toUtf8() +
                                jsonText("','type':'OAuthException','code':190,'fbtrace_id':'AbC'}}");
        TransportInfo transport;
        transport.error = QNetworkReply::ContentAccessDenied;
        transport.errorString =
            u"Error transferring https://graph.facebook.com/v23.0/1/messages?access_token="_s + kToken;
        const ApiResponse r = ApiResponse::parse(401, body, transport, redactor);
        const ErrorDecision d = ErrorPolicy::classify(r);
        QCOMPARE(d.action, ErrorAction::StopSender);
        QString debug;
        QDebug(&debug) << r.summary() << d.details << d.reason << d.meaning() << d.whatToDo()
                       << r.transport.errorString;
        QVERIFY2(!debug.contains(kToken), qPrintable(debug));
        QVERIFY(!r.error.message.contains(kToken));

        // A token that is not token-shaped is still masked once the redactor knows it.
        ApiSettings odd = valid();
        odd.setAccessToken(u"plain-secret-42"_s);
        const ApiResponse r2 =
            ApiResponse::parse(400, jsonText("{'error':{'message':'bad token plain-secret-42','code':190}}"),
                               {}, odd.redactor());
        QVERIFY(!r2.summary().contains(u"plain-secret-42"_s));
    }
};

QTEST_GUILESS_MAIN(TestApiSettings)
#include "test_apisettings.moc"
