// The sender over HTTP/2 with TLS — what Meta's servers negotiate, so Herald's production
// path — against tests/support/h2_graph_server.py, which offers only h2 and presents a
// certificate from a certificate authority the test makes and Herald trusts through
// api.ca_file. Sending, throttling, and a connection closed after the server accepted.
#include "H2GraphServer.h"
#include "SenderTestUtil.h"

#include <QJsonObject>
#include <QNetworkInterface>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
SenderConfig configFor(const TestDatabase &tdb, const H2GraphServer &server, const QString &campaignId)
{
    CloudApiSimulator defaults; // its account identity, which the HTTP/2 server shares
    SenderConfig cfg;
    cfg.database = tdb.config();
    cfg.campaignId = campaignId;
    cfg.api.setBaseUrl(server.baseUrl().toString());
    cfg.api.setApiVersion(u"v23.0"_s);
    cfg.api.setPhoneNumberId(defaults.config().phoneNumberId);
    cfg.api.setAccessToken(defaults.config().accessToken);
    cfg.api.setRequestTimeout(std::chrono::milliseconds(10'000));
    cfg.api.setCaFile(server.ca().caFile());
    cfg.templateName = u"order_update"_s;
    cfg.templateLanguage = u"en_US"_s;
    cfg.templateSlots.bodyVariables = {u"1"_s, u"2"_s};
    cfg.defaultParameters = QJsonObject{{u"body.2"_s, u"A12345"_s}};
    cfg.rate = 1000;
    cfg.retry.base = std::chrono::milliseconds(20);
    cfg.retry.cap = std::chrono::milliseconds(200);
    return cfg;
}
} // namespace

class TestHttp2Tls : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestCa> m_ca;

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        HERALD_REQUIRE_H2_SERVER();
        QString why;
        m_ca = TestCa::create(&why);
        QVERIFY2(m_ca, qPrintable(why));
    }

    void sendsEveryMessageOnceOverHttp2WithTheTestCa_data()
    {
        QTest::addColumn<int>("latencyMs");
        QTest::newRow("0 ms") << 0;
        QTest::newRow("200 ms") << 200;
    }

    void sendsEveryMessageOnceOverHttp2WithTheTestCa()
    {
        QFETCH(int, latencyMs);
        HERALD_TEST_DB(tdb);
        H2GraphServer server(*m_ca, {latencyMs, 0, 0});
        QString why;
        QVERIFY2(server.start(&why), qPrintable(why));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Over h2"_s, 1500);
        Sender sender;
        const SendResult r = runToEnd(sender, configFor(*tdb, server, c.id), 120'000);
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        const QJsonObject stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(stats.value("statsOverHttp2"_L1).toBool());
        QCOMPARE(stats.value("sendRequests"_L1).toInt(), 1500);
        QCOMPARE(stats.value("receivedMoreThanOnce"_L1).toInt(), 0);
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 1500);
        QVERIFY(countersMatch(tdb->db(), Clock::system(), c.id));
    }

    void aCertificateFromAnUntrustedAuthorityIsNeverAccepted()
    {
        HERALD_TEST_DB(tdb);
        H2GraphServer server(*m_ca, {});
        QString why;
        QVERIFY2(server.start(&why), qPrintable(why));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Untrusted"_s, 20);
        SenderConfig cfg = configFor(*tdb, server, c.id);
        cfg.api.setCaFile({});
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 60'000);
        // Sending stops with what to do; no message was sent, and none was failed for it.
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        QVERIFY2(r.reason.contains(u"api.ca_file"_s), qPrintable(r.reason));
        const QJsonObject stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(stats.value("sendRequests"_L1).toInt(), 0);
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QCOMPARE(after.totalSent + after.totalFailed, 0);
        QCOMPARE(countWhere(tdb->db(), u"status = 'processing'"_s), 0);
    }

    // A certificate from an authority Herald trusts, issued for another name: the test CA signs
    // it for localhost only, and the sender is pointed at the same server as 127.0.0.1.
    void aTrustedCertificateForAnotherHostNameIsNeverAccepted()
    {
        HERALD_TEST_DB(tdb);
        QString why;
        const std::unique_ptr<TestCa> localhostOnly = TestCa::create(&why, u"DNS:localhost"_s);
        QVERIFY2(localhostOnly, qPrintable(why));
        H2GraphServer server(*localhostOnly, {});
        QVERIFY2(server.start(&why), qPrintable(why));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Another name"_s, 20);
        SenderConfig cfg = configFor(*tdb, server, c.id);
        QUrl byAddress = server.baseUrl();
        byAddress.setHost(u"127.0.0.1"_s);
        cfg.api.setBaseUrl(byAddress.toString());
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 60'000);
        // Refused naming the cause; nothing sent, nothing failed for it, the campaign paused.
        QCOMPARE(SendResult::endName(r.end), u"sender stopped"_s);
        // Qt's own words for the check that failed, not only the list of possible causes.
        QVERIFY2(r.reason.contains(u"The host name did not match"_s), qPrintable(r.reason));
        qInfo("refused with: %s", qPrintable(r.reason));
        QJsonObject stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(stats.value("sendRequests"_L1).toInt(), 0);
        Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QCOMPARE(after.totalSent + after.totalFailed, 0);
        QCOMPARE(countWhere(tdb->db(), u"status = 'processing'"_s), 0);

        // The same server, authority and campaign by the name on the certificate: all sent, so
        // the name alone was refused.
        Sender again;
        const SendResult ok = runToEnd(again, configFor(*tdb, server, c.id), 60'000);
        QCOMPARE(SendResult::endName(ok.end), u"completed"_s);
        stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(stats.value("sendRequests"_L1).toInt(), 20);
        after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 20);
    }

    // Plain http:// to an address of this machine that is not loopback, where a real listener
    // waits: the sender refuses before connecting, so the token never travels unencrypted.
    // (The policy itself, host by host: tests/cloudapi/test_apisettings.cpp::baseUrlPolicy.)
    void plainHttpToANonLoopbackAddressIsRefusedBeforeConnecting()
    {
        HERALD_TEST_DB(tdb);
        QHostAddress address;
        const QList<QHostAddress> all = QNetworkInterface::allAddresses();
        for (const QHostAddress &a : all) {
            if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol) {
                address = a;
                break;
            }
        }
        if (address.isNull()) {
            QSKIP("this machine has no IPv4 address besides loopback");
        }
        QTcpServer listener;
        QVERIFY2(listener.listen(address), qPrintable(listener.errorString()));
        int connections = 0;
        QObject::connect(&listener, &QTcpServer::newConnection, [&] {
            while (QTcpSocket *s = listener.nextPendingConnection()) {
                ++connections;
                s->close();
                s->deleteLater();
            }
        });
        {
            // The listener can be reached there: a refusal below is the sender's own.
            QTcpSocket probe;
            probe.connectToHost(address, listener.serverPort());
            QVERIFY2(probe.waitForConnected(10'000), qPrintable(probe.errorString()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(connections, 1, 10'000);

        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"Plain http"_s, 20);
        H2GraphServer notStarted(*m_ca, {});
        SenderConfig cfg = configFor(*tdb, notStarted, c.id);
        cfg.api.setBaseUrl(u"http://%1:%2"_s.arg(address.toString()).arg(listener.serverPort()));
        cfg.api.setCaFile({});
        Sender sender;
        const SendResult r = runToEnd(sender, cfg, 60'000);
        QCOMPARE(SendResult::endName(r.end), u"refused"_s);
        QVERIFY2(r.reason.contains(u"use https://"_s), qPrintable(r.reason));
        qInfo("http://%s refused with: %s", qPrintable(address.toString()), qPrintable(r.reason));
        QTest::qWait(500); // a connection the sender made would have arrived by now
        QCOMPARE(connections, 1);
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent + after.totalFailed, 0);
        QCOMPARE(countWhere(tdb->db(), u"status = 'processing'"_s), 0);
    }

    void throttlingOverHttp2SlowsTheSenderAndLosesNothing()
    {
        HERALD_TEST_DB(tdb);
        H2GraphServer server(*m_ca, {0, 150, 0});
        QString why;
        QVERIFY2(server.start(&why), qPrintable(why));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"h2 storm"_s, 600);
        Sender sender;
        double lowest = 1e9;
        const SendResult r = runToEnd(sender, configFor(*tdb, server, c.id), 120'000,
                                      [&](const SendProgress &p) { lowest = std::min(lowest, p.ceiling); });
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        const QJsonObject stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(stats.value("throttled"_L1).toInt() > 0);
        QVERIFY2(lowest < 500, qPrintable(u"the limiter never backed off: lowest rate %1"_s.arg(lowest)));
        QCOMPARE(stats.value("accepted"_L1).toInt(), 600);
        QCOMPARE(stats.value("acceptedMoreThanOnce"_L1).toInt(), 0);
        const Campaign after = CampaignStore(tdb->db(), Clock::system()).byId(c.id);
        QCOMPARE(after.totalSent, 600);
        QCOMPARE(after.totalFailed, 0);
    }

    void aConnectionClosedAfterAcceptanceNeverDeliversTwice_data()
    {
        QTest::addColumn<int>("latencyMs");
        QTest::newRow("0 ms") << 0;
        QTest::newRow("200 ms") << 200;
    }

    void aConnectionClosedAfterAcceptanceNeverDeliversTwice()
    {
        QFETCH(int, latencyMs);
        HERALD_TEST_DB(tdb);
        const int total = 2000;
        H2GraphServer server(*m_ca, {latencyMs, 0, 200});
        QString why;
        QVERIFY2(server.start(&why), qPrintable(why));
        const Campaign c = makeCampaign(tdb->db(), Clock::system(), u"h2 dropped"_s, total);
        Sender sender;
        const SendResult r = runToEnd(sender, configFor(*tdb, server, c.id), 120'000);
        QCOMPARE(SendResult::endName(r.end), u"completed"_s);
        const QJsonObject stats = server.stats(&why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        qInfo("%d send requests for %d messages, %d connections closed after acceptance, %d accepted "
              "answers lost, %d recipients received more than once",
              stats.value("sendRequests"_L1).toInt(), total, stats.value("closedAfterAccept"_L1).toInt(),
              stats.value("unansweredAccepted"_L1).toInt(), stats.value("receivedMoreThanOnce"_L1).toInt());
        QVERIFY(stats.value("closedAfterAccept"_L1).toInt() > 0);
        QCOMPARE(stats.value("receivedMoreThanOnce"_L1).toInt(), 0);
        QVERIFY(stats.value("sendRequests"_L1).toInt() <= total);
        Database &db = tdb->db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        // An answer the server wrote just before it closed the connection can still be lost on
        // the way (the client sees the close first): that message is one more "no response",
        // never a second delivery. So sent is at most what was answered, and every shortfall
        // is accounted for below.
        const int answered =
            stats.value("accepted"_L1).toInt() - stats.value("unansweredAccepted"_L1).toInt();
        QVERIFY2(after.totalSent <= answered,
                 qPrintable(u"%1 counted sent, only %2 answered"_s.arg(after.totalSent).arg(answered)));
        // Only answers written in the moments before a close can be lost that way: a few per
        // close (seen: 1 in 2,000 messages), bounded here generously.
        QVERIFY2(after.totalSent >= answered - stats.value("closedAfterAccept"_L1).toInt() * 8,
                 qPrintable(u"%1 counted sent of %2 answered"_s.arg(after.totalSent).arg(answered)));
        // Every message whose answer was lost failed "no response", for the user to resend.
        QCOMPARE(countWhere(db, u"status = 'failed' AND error_reason = 'no response'"_s),
                 total - after.totalSent);
    }
};

QTEST_GUILESS_MAIN(TestHttp2Tls)
#include "test_http2tls.moc"
