// The simulator's connection guard and its spoiled answers, over real sockets on 127.0.0.1:
// oversized requests refused with 413 before their body is read, too many connections answered
// 503, a reset before a request is read, a connection accepted and never answered, and
// accepted sends whose answer is cut, garbled or far too large.

#include "SimTestClient.h"
#include "simulator/CloudApiSimulator.h"

#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

constexpr int kMaxHeaderBytes = 64 * 1024; // RequestGuard::MaxHeaderBytes

std::unique_ptr<CloudApiSimulator> startSimulator(SimulatorConfig config)
{
    config.threads = 1; // connection ordinals then follow the test's order exactly
    auto sim = std::make_unique<CloudApiSimulator>(config);
    QString error;
    if (!sim->start(0, &error))
        qWarning("start failed: %s", qPrintable(error));
    return sim;
}

QByteArray messageBody(int i)
{
    return QJsonDocument(templateMessage(u"4917%1"_s.arg(i, 8, 10, QLatin1Char('0'))))
        .toJson(QJsonDocument::Compact);
}

QByteArray rawRequest(const CloudApiSimulator &sim, const QByteArray &body, qint64 announcedLength = -1)
{
    return "POST " + sim.messagesUrl().path().toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           "Authorization: Bearer " + sim.config().accessToken.toLatin1() +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(announcedLength >= 0 ? announcedLength : body.size()) + "\r\n\r\n" + body;
}

// A raw connection that writes `request` and reads until the server closes, resets or
// `timeoutMs` passes. Returns what came back.
QByteArray exchange(QTcpSocket &socket, const QByteArray &request, int timeoutMs)
{
    socket.write(request);
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    [[maybe_unused]] const bool closed =
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    answer += socket.readAll();
    return answer;
}

bool connectTo(QTcpSocket &socket, const CloudApiSimulator &sim)
{
    socket.connectToHost(QHostAddress::LocalHost, sim.port());
    return socket.waitForConnected(5000);
}

} // namespace

class TestSimulatorGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anOversizedRequestIsRefusedWith413BeforeItsBodyIsRead()
    {
        SimulatorConfig config;
        config.maxRequestBytes = 64 * 1024;
        auto sim = startSimulator(config);
        QTcpSocket socket;
        QVERIFY(connectTo(socket, *sim));
        // Announce 100 MiB and send only the headers and a first piece: the answer must come at
        // once, without the simulator waiting for (or buffering) the rest.
        const QByteArray answer =
            exchange(socket, rawRequest(*sim, QByteArray(4096, 'x'), 100 * 1024 * 1024), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(200).constData());
        QVERIFY(answer.contains("Connection: close"));
        QVERIFY(answer.contains("larger than the 65536 bytes allowed"));
        QCOMPARE(sim->log().eventCount(RequestLog::eventRequestTooLarge()), 1);
        QCOMPARE(sim->log().totals().requests, 0); // the HTTP server never saw it
    }

    void aRealClientPostingTooMuchGets413AndTheNextRequestIsServed()
    {
        SimulatorConfig config;
        config.maxRequestBytes = 64 * 1024;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        QJsonObject big = templateMessage(u"491700000001"_s);
        big.insert(u"padding"_s, QString(200 * 1024, u'x'));
        const HttpResult refused = client.send(*sim, big, 10000);
        QCOMPARE(refused.status, 413);
        QCOMPARE(refused.graphCode(), 100);
        QCOMPARE(sim->log().totals().sendRequests, 0);
        // Within the limit, on the same client: served normally.
        const HttpResult ok = client.send(*sim, templateMessage(u"491700000002"_s), 10000);
        QCOMPARE(ok.status, 200);
        QVERIFY(!ok.wamid().isEmpty());
    }

    void headersWithoutEndAreRefusedWith431()
    {
        auto sim = startSimulator({});
        QTcpSocket socket;
        QVERIFY(connectTo(socket, *sim));
        QByteArray endless = "POST /v23.0/1/messages HTTP/1.1\r\nX-Filler: ";
        endless += QByteArray(kMaxHeaderBytes + 1024, 'a');
        const QByteArray answer = exchange(socket, endless, 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(200).constData());
        QCOMPARE(sim->log().eventCount(RequestLog::eventHeadersTooLarge()), 1);
    }

    void keepAliveRequestsAreFramedWithoutFalseRefusals()
    {
        SimulatorConfig config;
        config.maxRequestBytes = 4096;
        auto sim = startSimulator(config);
        SimTestClient client(1); // one manager: six keep-alive connections carry all 300
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 300; ++i)
            replies.push_back(client.post(sim->messagesUrl(), messageBody(i), sim->config().accessToken));
        int ok = 0;
        for (const HttpResult &r : SimTestClient::collect(replies, 60000))
            ok += r.status == 200 ? 1 : 0;
        QCOMPARE(ok, 300);
        QVERIFY(sim->log().totals().events.isEmpty());
    }

    void connectionsBeyondTheLimitAreAnswered503AndFreedSlotsAreReused()
    {
        SimulatorConfig config;
        config.maxConnections = 3;
        auto sim = startSimulator(config);
        std::vector<std::unique_ptr<QTcpSocket>> open;
        for (int i = 0; i < 3; ++i) {
            open.push_back(std::make_unique<QTcpSocket>());
            QVERIFY(connectTo(*open.back(), *sim));
            // A served request proves the simulator counted the connection.
            open.back()->write(rawRequest(*sim, messageBody(i)));
            QVERIFY(QTest::qWaitFor([&] { return open.back()->bytesAvailable() > 0; }, 10000));
            QVERIFY(open.back()->readAll().startsWith("HTTP/1.1 200"));
        }
        QTcpSocket fourth;
        QVERIFY(connectTo(fourth, *sim));
        const QByteArray refused = exchange(fourth, rawRequest(*sim, messageBody(3)), 10000);
        QVERIFY2(refused.startsWith("HTTP/1.1 503 "), refused.left(200).constData());
        QVERIFY(refused.contains("Too many open connections (at most 3)"));
        QCOMPARE(sim->log().eventCount(RequestLog::eventTooManyConnections()), 1);
        QCOMPARE(sim->log().totals().sendRequests, 3);

        open.front()->disconnectFromHost();
        open.erase(open.begin());
        QVERIFY(QTest::qWaitFor(
            [&] {
                // The server notices the closed connection a moment later.
                QTcpSocket probe;
                if (!connectTo(probe, *sim))
                    return false;
                return exchange(probe, rawRequest(*sim, messageBody(4)), 5000).startsWith("HTTP/1.1 200");
            },
            10000));
    }

    void everyNthRequestIsResetBeforeAByteOfItIsRead()
    {
        SimulatorConfig config;
        config.resetBeforeReadEvery = 3;
        auto sim = startSimulator(config);
        int answered = 0, reset = 0;
        for (int i = 0; i < 9; ++i) {
            QTcpSocket socket;
            QVERIFY(connectTo(socket, *sim));
            const QByteArray answer = exchange(socket, rawRequest(*sim, messageBody(i)), 300);
            if (answer.startsWith("HTTP/1.1 200")) {
                ++answered;
                QCOMPARE(sim->log().receivedFor(u"4917%1"_s.arg(i, 8, 10, QLatin1Char('0'))), 1);
            } else {
                QVERIFY2(answer.isEmpty() && socket.state() == QAbstractSocket::UnconnectedState,
                         answer.constData());
                ++reset;
                // Never read: the simulator knows nothing of this recipient.
                QCOMPARE(sim->log().receivedFor(u"4917%1"_s.arg(i, 8, 10, QLatin1Char('0'))), 0);
                QCOMPARE((i + 1) % 3, 0);
            }
        }
        QCOMPARE(answered, 6);
        QCOMPARE(reset, 3);
        QCOMPARE(sim->log().eventCount(RequestLog::eventResetBeforeRead()), 3);
        QCOMPARE(sim->log().totals().sendRequests, 6);
    }

    void aSilentConnectionIsAcceptedButNeverReadOrAnswered()
    {
        SimulatorConfig config;
        config.silentConnectionEvery = 2;
        auto sim = startSimulator(config);
        QTcpSocket first, second, third;
        QVERIFY(connectTo(first, *sim));
        QVERIFY(exchange(first, rawRequest(*sim, messageBody(1)), 300).startsWith("HTTP/1.1 200"));
        QVERIFY(connectTo(second, *sim)); // accepted …
        second.write(rawRequest(*sim, messageBody(2)));
        QTest::qWait(1500);
        QCOMPARE(second.bytesAvailable(), 0); // … and never answered
        QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
        QVERIFY(connectTo(third, *sim));
        QVERIFY(exchange(third, rawRequest(*sim, messageBody(3)), 300).startsWith("HTTP/1.1 200"));
        QCOMPARE(sim->log().eventCount(RequestLog::eventSilentConnection()), 1);
        QCOMPARE(sim->log().totals().sendRequests, 2);
        QCOMPARE(sim->log().receivedFor(u"491700000002"_s), 0);
    }

    void aTruncatedAnswerAnnouncesTheWholeBodyAndStopsHalfway()
    {
        SimulatorConfig config;
        config.truncatedBodyRate = 1.0;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        const HttpResult r = client.send(*sim, templateMessage(u"491700000007"_s), 10000);
        QCOMPARE(r.status, 200);
        QVERIFY(r.error != QNetworkReply::NoError); // the connection closed before the announced end
        QVERIFY(r.json.isEmpty());
        QVERIFY(r.body.startsWith(R"({"messaging_product":"whatsapp")"));
        QCOMPARE(sim->log().acceptedFor(u"491700000007"_s), 1); // accepted all the same
        QCOMPARE(sim->log().eventCount(RequestLog::eventTruncated()), 1);
    }

    void aMalformedAnswerIsCompleteButNotJson()
    {
        SimulatorConfig config;
        config.malformedJsonRate = 1.0;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        const HttpResult r = client.send(*sim, templateMessage(u"491700000008"_s), 10000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QVERIFY(r.contentType.startsWith("application/json"));
        QJsonParseError parse;
        QJsonDocument::fromJson(r.body, &parse);
        QVERIFY(parse.error != QJsonParseError::NoError);
        QVERIFY(r.body.contains("wamid."));
        QCOMPARE(sim->log().acceptedFor(u"491700000008"_s), 1);
    }

    void anOversizedAnswerIsValidJsonOfTheConfiguredSize()
    {
        SimulatorConfig config;
        config.oversizedBodyRate = 1.0;
        config.oversizedBodyBytes = 3 * 1024 * 1024;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        const HttpResult r = client.send(*sim, templateMessage(u"491700000009"_s), 20000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), 3 * 1024 * 1024);
        QVERIFY(!r.wamid().isEmpty());
        QCOMPARE(sim->log().eventCount(RequestLog::eventOversized()), 1);
    }

    void spoiledAnswerRatesAreValidated()
    {
        SimulatorConfig config;
        config.truncatedBodyRate = 0.6;
        config.malformedJsonRate = 0.6;
        QString error;
        QVERIFY(!config.validate(&error));
        QVERIFY(error.contains(u"spoiled"_s));
        config.malformedJsonRate = 0.4;
        QVERIFY(config.validate(&error));
        config.maxConnections = 0;
        QVERIFY(!config.validate(&error));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorGuard)
#include "test_simulatorguard.moc"
