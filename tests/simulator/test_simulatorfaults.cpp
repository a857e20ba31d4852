// CloudApiSimulator's injected faults over real HTTP: 5xx/HTML/131000 rates and their
// reproducibility, held requests (client timeouts), connection resets, and stopping with
// requests in flight.

#include "SimTestClient.h"
#include "simulator/CloudApiSimulator.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

bool isConnectionLoss(QNetworkReply::NetworkError e)
{
    return e == QNetworkReply::RemoteHostClosedError || e == QNetworkReply::ConnectionRefusedError ||
           e == QNetworkReply::UnknownNetworkError || e == QNetworkReply::ProtocolFailure;
}

bool isTimeout(QNetworkReply::NetworkError e)
{
    return e == QNetworkReply::OperationCanceledError || e == QNetworkReply::TimeoutError;
}

} // namespace

class TestSimulatorFaults : public QObject
{
    Q_OBJECT

private:
    static std::unique_ptr<CloudApiSimulator> startSimulator(const SimulatorConfig &config)
    {
        auto sim = std::make_unique<CloudApiSimulator>(config);
        QString error;
        if (!sim->start(0, &error))
            qWarning("start failed: %s", qPrintable(error));
        return sim;
    }

    static std::vector<HttpResult> sendToMany(CloudApiSimulator &sim, SimTestClient &client, int count)
    {
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < count; ++i)
            replies.push_back(
                client.post(sim.messagesUrl(),
                            QJsonDocument(templateMessage(u"4917%1"_s.arg(i, 8, 10, QLatin1Char('0'))))
                                .toJson(QJsonDocument::Compact),
                            sim.config().accessToken));
        return SimTestClient::collect(replies, 60000);
    }

private Q_SLOTS:
    void rates_injectRoughlyTheConfiguredShareOfErrors()
    {
        SimulatorConfig config;
        config.error500Rate = 0.1;
        config.error503Rate = 0.1;
        config.htmlErrorRate = 0.1;
        config.error131000Rate = 0.1;
        config.seed = 42;
        auto sim = startSimulator(config);
        SimTestClient client(8);
        const int n = 1000;
        int ok = 0, e500 = 0, e503 = 0, html = 0, e131000 = 0;
        for (const HttpResult &r : sendToMany(*sim, client, n)) {
            if (r.status == 200)
                ++ok;
            else if (r.status == 500 && r.graphCode() == 2)
                ++e500;
            else if (r.status == 503 && r.graphCode() == 2)
                ++e503;
            else if (r.status == 502 && r.contentType.startsWith("text/html") && r.json.isEmpty())
                ++html;
            else if (r.status == 500 && r.graphCode() == 131000)
                ++e131000;
            else
                QFAIL(qPrintable(u"unexpected answer %1 %2"_s.arg(r.status).arg(QString::fromUtf8(r.body))));
        }
        // Binomial(1000, 0.1): sd ~9.5, so +-40 is a > 4 sd band.
        for (int count : {e500, e503, html, e131000})
            QVERIFY2(std::abs(count - 100) <= 40, qPrintable(QString::number(count)));
        QVERIFY2(std::abs(ok - 600) <= 60, qPrintable(QString::number(ok)));
        const RequestLogTotals totals = sim->log().totals();
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeGraph(131000)), e131000);
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeGraph(2)), e500 + e503);
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeHtml()), html);
        QCOMPARE(totals.accepted, ok);
    }

    void rates_areReproducibleForTheSameSeed()
    {
        SimulatorConfig config;
        config.error500Rate = 0.2;
        config.error131000Rate = 0.2;
        config.seed = 7;
        auto sim = startSimulator(config);
        SimTestClient client(8);
        sendToMany(*sim, client, 300);
        QHash<QString, QString> first;
        const auto firstRun = sim->log().recipients();
        for (auto it = firstRun.cbegin(); it != firstRun.cend(); ++it)
            first.insert(it.key(), it->lastOutcome);

        sim->log().clear(); // attempt numbers restart, so the same draws come again
        sendToMany(*sim, client, 300);
        const auto secondRun = sim->log().recipients();
        QCOMPARE(secondRun.size(), 300);
        for (auto it = secondRun.cbegin(); it != secondRun.cend(); ++it)
            QCOMPARE(it->lastOutcome, first.value(it.key()));

        config.seed = 8;
        QVERIFY(sim->setConfig(config));
        sim->log().clear();
        sendToMany(*sim, client, 300);
        int differences = 0;
        const auto thirdRun = sim->log().recipients();
        for (auto it = thirdRun.cbegin(); it != thirdRun.cend(); ++it)
            differences += it->lastOutcome != first.value(it.key()) ? 1 : 0;
        QVERIFY(differences > 30);
    }

    void timeout_holdsTheRequestUntilTheClientGivesUp()
    {
        SimulatorConfig config;
        config.timeoutRate = 1.0;
        auto sim = startSimulator(config);
        SimTestClient client(2);
        const QByteArray body = QJsonDocument(templateMessage(u"4915123456789"_s)).toJson();
        std::vector<QNetworkReply *> replies;
        QElapsedTimer sinceSend;
        sinceSend.start();
        for (int i = 0; i < 4; ++i)
            replies.push_back(client.post(sim->messagesUrl(), body, config.accessToken, 300));
        QTRY_COMPARE_WITH_TIMEOUT(sim->heldAnswers(), 4, 5000);
        for (const HttpResult &r : SimTestClient::collect(replies, 5000)) {
            QVERIFY(r.finished);
            QVERIFY2(isTimeout(r.error), qPrintable(QString::number(r.error)));
        }
        QVERIFY(sinceSend.elapsed() >= 300);
        // The simulator lets go of each held request once its connection closes.
        QTRY_COMPARE_WITH_TIMEOUT(sim->heldAnswers(), 0, 3000);
        QCOMPARE(sim->log().outcomeCount(RequestLog::outcomeTimeout()), 4);
        QCOMPARE(sim->log().totals().accepted, 0);

        config.timeoutRate = 0.0;
        QVERIFY(sim->setConfig(config));
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s), 5000).status, 200);
    }

    void timeout_endingHoldsOnlyThatNumber()
    {
        auto sim = startSimulator(SimulatorConfig{});
        SimTestClient client(2);
        const HttpResult held = client.send(*sim, templateMessage(u"15559990998"_s), 300);
        QVERIFY(isTimeout(held.error));
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s), 5000).status, 200);
    }

    void reset_abortsTheConnectionAfterReadingTheRequest()
    {
        SimulatorConfig config;
        config.resetRate = 1.0;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        const HttpResult r = client.send(*sim, templateMessage(u"4915123456789"_s), 5000);
        QVERIFY(r.finished);
        QVERIFY2(isConnectionLoss(r.error), qPrintable(QString::number(r.error)));
        QCOMPARE(r.status, 0);
        // Qt resends a request whose connection dropped before any answer, so one client
        // call may reach the simulator more than once; each was read and reset.
        const RecipientLog log = sim->log().recipient(u"4915123456789"_s);
        QVERIFY(log.received >= 1);
        QCOMPARE(log.accepted, 0);
        QCOMPARE(sim->log().outcomeCount(RequestLog::outcomeReset()), log.received);
        qInfo("one client request reached the simulator %d time(s)", log.received);

        config.resetRate = 0.0;
        QVERIFY(sim->setConfig(config));
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s), 5000).status, 200);
    }

    void closeAfterAccept_acceptsEveryNthSendAndClosesWithoutAnswering()
    {
        SimulatorConfig config;
        config.closeAfterAcceptEvery = 3;
        auto sim = startSimulator(config);
        SimTestClient client(1);
        for (int i = 0; i < 6; ++i) {
            const HttpResult r = client.send(*sim, templateMessage(u"491601234%1"_s.arg(i)), 5000);
            QVERIFY(r.finished);
        }
        // Every third accepted send lost its answer and still counts as accepted, exactly as
        // Meta would have it. SimTestClient posts plain byte arrays, which Qt sends again on a
        // new connection when one closes before the answer: the simulator then accepts the
        // same message twice — the fault the sender's SendOnceBody exists for.
        const RequestLogTotals totals = sim->log().totals();
        QVERIFY(totals.closedAfterAccept >= 2);
        QCOMPARE(totals.closedAfterAccept, totals.accepted / 3);
        QCOMPARE(totals.accepted, totals.sendRequests);
        QCOMPARE(totals.accepted, 6 + totals.closedAfterAccept);
    }

    void stop_withRequestsInFlightDropsThemSafely()
    {
        SimulatorConfig config;
        config.latencyMs = 3000;
        auto sim = startSimulator(config);
        SimTestClient client(4);
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49160%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
        QTRY_COMPARE_WITH_TIMEOUT(sim->pendingAnswers(), 20, 5000);

        QElapsedTimer clock;
        clock.start();
        sim->stop();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(sim->pendingAnswers(), 0);
        for (const HttpResult &r : SimTestClient::collect(replies, 5000)) {
            QVERIFY(r.finished);
            QVERIFY(r.status != 200);
        }
        // The answers were decided (and logged) before the stop dropped them.
        QCOMPARE(sim->log().totals().accepted, 20);

        QString error;
        QVERIFY2(sim->start(0, &error), qPrintable(error));
        config.latencyMs = 0;
        QVERIFY(sim->setConfig(config));
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s), 5000).status, 200);
    }

    void stop_whileRequestsAreHeldAndDelayedDoesNotCrash()
    {
        SimulatorConfig config;
        config.timeoutRate = 0.5;
        config.latencyMs = 5000;
        auto sim = startSimulator(config);
        SimTestClient client(8); // 48 connections: held requests keep theirs busy
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 40; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49161%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
        QTRY_COMPARE_WITH_TIMEOUT(sim->pendingAnswers() + sim->heldAnswers(), 40, 5000);
        sim.reset(); // the destructor stops
        for (const HttpResult &r : SimTestClient::collect(replies, 5000))
            QVERIFY(r.finished);
    }

    void clientGivingUpBeforeADelayedAnswerIsHarmless()
    {
        SimulatorConfig config;
        config.latencyMs = 400;
        auto sim = startSimulator(config);
        SimTestClient client(2);
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 10; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49162%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken, 100));
        for (const HttpResult &r : SimTestClient::collect(replies, 5000))
            QVERIFY(isTimeout(r.error));
        // The answers come due after their sockets are gone; the QPointer check skips them.
        QTRY_COMPARE_WITH_TIMEOUT(sim->pendingAnswers(), 0, 3000);
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s), 5000).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorFaults)
#include "test_simulatorfaults.moc"
