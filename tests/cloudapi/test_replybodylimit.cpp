// Every Graph answer Herald reads is bounded: a body past the bound (announced by
// Content-Length or streamed chunked) is abandoned on its first chunk past it, and the request
// that asked reports why instead of holding the whole body in memory. Against a real loopback
// server that streams far more than Graph ever answers.

#include "BigAnswerServer.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/PhoneNumberCheck.h"
#include "cloudapi/ReplyBodyLimit.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestReplyBodyLimit : public QObject
{
    Q_OBJECT

private:
    struct Fetched
    {
        bool finished = false;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        qint64 exceeded = 0;
        qint64 bytesRead = 0;
    };

    static Fetched fetch(const QString &url, qint64 bound)
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(url))));
        ReplyBodyLimit::apply(reply.get(), bound);
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        Fetched f;
        f.finished = finished.wait(20000);
        f.error = reply->error();
        f.exceeded = ReplyBodyLimit::exceeded(reply.get());
        f.bytesRead = reply->readAll().size();
        return f;
    }

private Q_SLOTS:
    void aBodyAnnouncedLargerThanTheBoundIsAbandonedUnread_data()
    {
        QTest::addColumn<int>("framing");
        QTest::newRow("content-length") << int(BigAnswerServer::Framing::ContentLength);
        QTest::newRow("chunked") << int(BigAnswerServer::Framing::Chunked);
    }

    void aBodyAnnouncedLargerThanTheBoundIsAbandonedUnread()
    {
        QFETCH(int, framing);
        const qint64 body = 64LL * 1024 * 1024;
        BigAnswerServerThread server(body, BigAnswerServer::Framing(framing));
        QVERIFY(server.startServer());
        const Fetched f = fetch(server.baseUrl() + u"/big"_s, ApiResponse::MaxBodyBytes);
        QVERIFY(f.finished);
        QCOMPARE(f.error, QNetworkReply::OperationCanceledError);
        QVERIFY2(f.exceeded > ApiResponse::MaxBodyBytes, qPrintable(QString::number(f.exceeded)));
        qInfo("server wrote %lld bytes before the client gave up", server.bodyBytesWritten());
        // Given up near the bound, not after the whole 64 MiB went by: what the server could
        // write is what the client read plus what the two sockets' kernel buffers hold.
        QVERIFY2(server.bodyBytesWritten() < body / 2,
                 qPrintable(QString::number(server.bodyBytesWritten())));
        QVERIFY(f.bytesRead <= ApiResponse::MaxBodyBytes + 512 * 1024);
    }

    void aBodyWithinTheBoundIsReadWhole()
    {
        const qint64 body = 300 * 1024;
        BigAnswerServerThread server(body, BigAnswerServer::Framing::ContentLength);
        QVERIFY(server.startServer());
        const Fetched f = fetch(server.baseUrl() + u"/small"_s, ApiResponse::MaxBodyBytes);
        QVERIFY(f.finished);
        QCOMPARE(f.error, QNetworkReply::NoError);
        QCOMPARE(f.exceeded, 0);
        QCOMPARE(f.bytesRead, body);
    }

    void thePhoneNumberCheckReportsAnOversizedAnswerInsteadOfReadingIt()
    {
        BigAnswerServerThread server(16LL * 1024 * 1024, BigAnswerServer::Framing::ContentLength);
        QVERIFY(server.startServer());
        ApiSettings api;
        api.setBaseUrl(server.baseUrl());
        api.setPhoneNumberId(u"1234567890"_s);
        api.setWabaId(u"9876543210"_s);
        api.setAccessToken(u"EAAtestTokenForTheBoundTest123"_s);
        api.setRequestTimeout(std::chrono::milliseconds(10000));
        PhoneNumberCheck check(api);
        QSignalSpy spy(&check, &PhoneNumberCheck::finished);
        check.start();
        QVERIFY(spy.wait(20000));
        const auto r = spy.first().first().value<PhoneNumberCheckResult>();
        QVERIFY(!r.ok);
        QVERIFY2(r.details.contains(u"larger than 1048576 bytes"_s), qPrintable(r.details));
    }
};

QTEST_GUILESS_MAIN(TestReplyBodyLimit)
#include "test_replybodylimit.moc"
