// CloudApiSimulator over real HTTP: the send path (shapes, tokens, validation, routing),
// latency, throughput cap, pair limit, number endings, the request log and the
// multi-instance SO_REUSEPORT setup.

#include "SimTestClient.h"
#include "simulator/CloudApiSimulator.h"

#include <QSet>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestCloudApiSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<CloudApiSimulator> startSimulator(const SimulatorConfig &config = {})
    {
        auto sim = std::make_unique<CloudApiSimulator>(config);
        QString error;
        if (!sim->start(0, &error))
            qWarning("start failed: %s", qPrintable(error));
        return sim;
    }

    // Answered requests only: a failed one leaves the list short, which the caller checks.
    std::vector<qint64> sortedTimesOf40Requests(const SimulatorConfig &config)
    {
        auto sim = startSimulator(config);
        SimTestClient client(8);
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 40; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49151%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
        std::vector<qint64> elapsed;
        for (const HttpResult &r : SimTestClient::collect(replies)) {
            if (r.status == 200)
                elapsed.push_back(r.elapsedMs);
        }
        std::sort(elapsed.begin(), elapsed.end());
        return elapsed;
    }

private Q_SLOTS:
    void start_bindsLoopbackOnAFreePort()
    {
        auto sim = startSimulator();
        QVERIFY(sim->isRunning());
        QVERIFY(sim->port() > 0);
        QCOMPARE(sim->baseUrl().host(), u"127.0.0.1"_s);
        QCOMPARE(sim->threadCount(), 2);
        QCOMPARE(sim->messagesUrl().path(), u"/v23.0/106540352242922/messages"_s);
    }

    void start_onABusyPortFailsWithAReason()
    {
        // SO_REUSEPORT shares a port only among sockets that all set it, so a port held by an
        // ordinary listener is refused.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        CloudApiSimulator sim;
        QString error;
        QVERIFY(!sim.start(plain.serverPort(), &error));
        QVERIFY2(!error.isEmpty(), "an error message is expected");
        QVERIFY(!sim.isRunning());
    }

    void send_answersWithGraphsSuccessShape()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const HttpResult r = client.send(*sim, templateMessage(u"+4915123456789"_s));
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("application/json"));
        QCOMPARE(r.json.value("messaging_product"_L1).toString(), u"whatsapp"_s);
        const QJsonObject contact = r.json.value("contacts"_L1).toArray().at(0).toObject();
        QCOMPARE(contact.value("input"_L1).toString(), u"+4915123456789"_s);
        QCOMPARE(contact.value("wa_id"_L1).toString(), u"4915123456789"_s);
        const QJsonObject message = r.json.value("messages"_L1).toArray().at(0).toObject();
        QVERIFY(message.value("id"_L1).toString().startsWith("wamid."_L1));
        QVERIFY(message.value("id"_L1).toString().size() <= 128);
        QCOMPARE(message.value("message_status"_L1).toString(), u"accepted"_s);
    }

    void send_givesEveryAcceptedMessageItsOwnWamid()
    {
        auto sim = startSimulator();
        SimTestClient client;
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 300; ++i) {
            const QByteArray body =
                QJsonDocument(templateMessage(u"4915100%1"_s.arg(i, 5, 10, QLatin1Char('0'))))
                    .toJson(QJsonDocument::Compact);
            replies.push_back(client.post(sim->messagesUrl(), body, sim->config().accessToken));
        }
        QSet<QString> wamids;
        for (const HttpResult &r : SimTestClient::collect(replies)) {
            QCOMPARE(r.status, 200);
            wamids.insert(r.wamid());
        }
        QCOMPARE(wamids.size(), 300);
    }

    void send_withAWrongOrMissingTokenIs401WithCode190()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const QByteArray body = QJsonDocument(templateMessage(u"4915123456789"_s)).toJson();
        for (const QString &token : {u"wrong-token"_s, QString()}) {
            const HttpResult r = client.sendRaw(*sim, body, token);
            QCOMPARE(r.status, 401);
            const QJsonObject error = r.json.value("error"_L1).toObject();
            QCOMPARE(error.value("code"_L1).toInt(), 190);
            QCOMPARE(error.value("type"_L1).toString(), u"OAuthException"_s);
            QVERIFY(!error.value("fbtrace_id"_L1).toString().isEmpty());
        }
        QCOMPARE(sim->log().receivedFor(u"4915123456789"_s), 0);
        QCOMPARE(sim->log().outcomeCount(RequestLog::outcomeGraph(190)), 0);
        QCOMPARE(sim->log().totals().requests, 2);
    }

    void send_malformedRequestsAreError100()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const QString token = sim->config().accessToken;

        QJsonObject noProduct = templateMessage(u"4915123456789"_s);
        noProduct.remove("messaging_product"_L1);
        QJsonObject noTemplateName = templateMessage(u"4915123456789"_s);
        QJsonObject tmpl = noTemplateName.value("template"_L1).toObject();
        tmpl.remove("name"_L1);
        noTemplateName.insert("template"_L1, tmpl);
        QJsonObject badTo = templateMessage(u"call me"_s);
        const QJsonObject noTextBody{{"messaging_product"_L1, "whatsapp"_L1},
                                     {"to"_L1, "4915123456789"_L1},
                                     {"type"_L1, "text"_L1},
                                     {"text"_L1, QJsonObject{}}};

        const QList<QPair<QByteArray, QString>> cases{
            {QByteArrayLiteral("{not json"), u"Invalid parameter"_s},
            {QJsonDocument(noProduct).toJson(), u"messaging_product"_s},
            {QJsonDocument(noTemplateName).toJson(), u"template['name']"_s},
            {QJsonDocument(badTo).toJson(), u"Invalid parameter"_s},
            {QJsonDocument(noTextBody).toJson(), u"text['body']"_s},
        };
        for (const auto &[body, mention] : cases) {
            const HttpResult r = client.sendRaw(*sim, body, token);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.graphCode(), 100);
            const QString message = r.json.value("error"_L1).toObject().value("message"_L1).toString();
            QVERIFY2(message.contains(mention), qPrintable(message));
        }
        QCOMPARE(sim->log().outcomeCount(RequestLog::outcomeGraph(100)), 5);
        QCOMPARE(sim->log().totals().accepted, 0);
    }

    void send_textMessagesAreAccepted()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const QJsonObject text{{"messaging_product"_L1, "whatsapp"_L1},
                               {"recipient_type"_L1, "individual"_L1},
                               {"to"_L1, "4915123456789"_L1},
                               {"type"_L1, "text"_L1},
                               {"text"_L1, QJsonObject{{"preview_url"_L1, false}, {"body"_L1, "Hello"_L1}}}};
        QCOMPARE(client.send(*sim, text).status, 200);
    }

    void unknownPathsAndObjectsAreGraphErrors()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const QString token = sim->config().accessToken;
        const QString base = sim->baseUrl().toString();

        HttpResult r = client.fetch(QUrl(base + u"/v23.0/106540352242922/no_such_edge"_s), token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.graphCode(), 2500);

        r = client.fetch(QUrl(base + u"/v99.0/106540352242922/messages"_s), token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.graphCode(), 2500);

        r = client
                .collect({client.post(QUrl(base + u"/v23.0/999/messages"_s),
                                      QJsonDocument(templateMessage(u"4915123456789"_s)).toJson(), token)})
                .front();
        QCOMPARE(r.status, 400);
        QCOMPARE(r.graphCode(), 100);
        QCOMPARE(r.json.value("error"_L1).toObject().value("error_subcode"_L1).toInt(), 33);
        QCOMPARE(r.json.value("error"_L1).toObject().value("type"_L1).toString(), u"GraphMethodException"_s);

        r = client.fetch(sim->messagesUrl(), token); // GET on a POST-only edge
        QCOMPARE(r.status, 400);
        QCOMPARE(r.graphCode(), 100);
    }

    void latency_delaysTheAnswerByAtLeastTheConfiguredTime()
    {
        SimulatorConfig config;
        config.latencyMs = 100;
        auto sim = startSimulator(config);
        SimTestClient client;
        const HttpResult r = client.send(*sim, templateMessage(u"4915123456789"_s));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.elapsedMs >= 100, qPrintable(QString::number(r.elapsedMs)));
        QVERIFY2(r.elapsedMs < 2000, qPrintable(QString::number(r.elapsedMs)));
    }

    void latency_canBeChangedWhileRunning()
    {
        auto sim = startSimulator();
        SimTestClient client;
        QVERIFY(client.send(*sim, templateMessage(u"4915123456789"_s)).elapsedMs < 100);
        SimulatorConfig config = sim->config();
        config.latencyMs = 150;
        QVERIFY(sim->setConfig(config));
        const HttpResult r = client.send(*sim, templateMessage(u"4915123456789"_s));
        QCOMPARE(r.status, 200);
        QVERIFY(r.elapsedMs >= 150);
    }

    void latency_lognormalSpreadsAroundTheMedian()
    {
        // 40 requests over 8 managers (48 connections): none waits inside the client, so the
        // times measured are the simulator's delays plus the machine's overhead, which the
        // same requests without a delay measure first (a loaded machine adds tens of ms).
        // The distribution itself is checked precisely in test_simrandom.
        SimulatorConfig config;
        config.latencyMs = 0;
        const std::vector<qint64> overhead = sortedTimesOf40Requests(config);
        config.latencyMs = 40;
        config.latencyP99Ms = 200;
        const std::vector<qint64> elapsed = sortedTimesOf40Requests(config);
        QCOMPARE(overhead.size(), size_t(40));
        QCOMPARE(elapsed.size(), size_t(40));
        const QString median = u"median %1 ms, %2 ms without a delay"_s.arg(elapsed[20]).arg(overhead[20]);
        QVERIFY2(elapsed[20] >= 20 && elapsed[20] <= 120 + overhead[20], qPrintable(median));
        QVERIFY2(elapsed.back() - elapsed.front() >= 20, "the delays should differ");
    }

    void throughputCap_refusesWith130429AboveTheCap()
    {
        SimulatorConfig config;
        config.throughputPerSecond = 50;
        auto sim = startSimulator(config);
        SimTestClient client(8);
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 120; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49152%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
        int accepted = 0;
        int limited = 0;
        for (const HttpResult &r : SimTestClient::collect(replies)) {
            if (r.status == 200)
                ++accepted;
            if (r.graphCode() == 130429) {
                ++limited;
                const QJsonObject error = r.json.value("error"_L1).toObject();
                QCOMPARE(r.status, 400);
                QCOMPARE(error.value("message"_L1).toString(), u"(#130429) Rate limit hit"_s);
                QCOMPARE(error.value("type"_L1).toString(), u"OAuthException"_s);
                QCOMPARE(error.value("error_subcode"_L1).toInt(), 2494055);
                QCOMPARE(error.value("error_data"_L1).toObject().value("details"_L1).toString(),
                         u"Cloud API message throughput has been reached."_s);
                QCOMPARE(error.value("error_data"_L1).toObject().value("messaging_product"_L1).toString(),
                         u"whatsapp"_s);
                QVERIFY(!error.value("fbtrace_id"_L1).toString().isEmpty());
            }
        }
        // 120 requests over loopback take far less than a second, so exactly the cap passes.
        QCOMPARE(accepted, 50);
        QCOMPARE(limited, 70);
    }

    void throughputCap_letsEverythingThroughBelowTheCap()
    {
        SimulatorConfig config;
        config.throughputPerSecond = 50;
        auto sim = startSimulator(config);
        SimTestClient client;
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 40; ++i) {
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49153%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
            QTest::qWait(25); // 40 per second
        }
        for (const HttpResult &r : SimTestClient::collect(replies))
            QCOMPARE(r.status, 200);
    }

    void pairLimit_refusesTheSameRecipientWithinTheWindow()
    {
        SimulatorConfig config;
        config.pairLimitEnabled = true;
        config.pairLimitMs = 400;
        auto sim = startSimulator(config);
        SimTestClient client;
        const QString a = u"4915123456789"_s;
        QCOMPARE(client.send(*sim, templateMessage(a)).status, 200);
        const HttpResult again = client.send(*sim, templateMessage(u"+"_s + a));
        QCOMPARE(again.status, 400);
        QCOMPARE(again.graphCode(), 131056);
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456000"_s)).status, 200); // others unaffected
        QTest::qWait(450);
        QCOMPARE(client.send(*sim, templateMessage(a)).status, 200);
        QCOMPARE(sim->log().receivedFor(a), 3);
        QCOMPARE(sim->log().acceptedFor(a), 2);
    }

    void pairLimit_isOffByDefault()
    {
        auto sim = startSimulator();
        SimTestClient client;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s)).status, 200);
    }

    void numberEndings_giveTheDocumentedOutcome_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        const QList<std::tuple<const char *, int, int>> rows{
            {"15559991026", 400, 131026}, {"15559991047", 400, 131047}, {"15559991048", 400, 131048},
            {"15559991049", 400, 131049}, {"15559991050", 400, 131050}, {"15559991056", 400, 131056},
            {"15559991057", 400, 131057}, {"15559991031", 403, 131031}, {"15559991000", 500, 131000},
            {"15559990429", 400, 130429}, {"15559992000", 400, 132000}, {"15559992001", 404, 132001},
            {"15559992015", 400, 132015}, {"15559992016", 400, 132016}, {"15559995000", 400, 135000},
            {"15559990190", 401, 190},    {"15559990368", 403, 368},    {"15559990004", 400, 4},
            {"15559990007", 400, 80007},  {"15559990002", 503, 2},
        };
        for (const auto &[to, status, code] : rows)
            QTest::newRow(to) << QString::fromLatin1(to) << status << code;
    }

    void numberEndings_giveTheDocumentedOutcome()
    {
        QFETCH(QString, to);
        QFETCH(int, status);
        QFETCH(int, code);
        auto sim = startSimulator();
        SimTestClient client(1);
        const HttpResult r = client.send(*sim, templateMessage(to));
        QCOMPARE(r.status, status);
        QCOMPARE(r.graphCode(), code);
        QVERIFY(!r.json.value("error"_L1).toObject().value("message"_L1).toString().isEmpty());
        QCOMPARE(sim->log().recipient(to).lastOutcome, RequestLog::outcomeGraph(code));
    }

    void numberEndings_htmlEndingAnswersWithANonJsonPage()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const HttpResult r = client.send(*sim, templateMessage(u"15559990502"_s));
        QCOMPARE(r.status, 502);
        QVERIFY(r.contentType.startsWith("text/html"));
        QVERIFY(r.body.startsWith("<!DOCTYPE html>"));
        QVERIFY(r.json.isEmpty());
    }

    void numberEndings_canBeSwitchedOff()
    {
        SimulatorConfig config;
        config.numberEndingsEnabled = false;
        auto sim = startSimulator(config);
        SimTestClient client;
        QCOMPARE(client.send(*sim, templateMessage(u"15559991026"_s)).status, 200);
    }

    void checkTemplates_refusesUnknownPausedAndMiscountedTemplates()
    {
        SimulatorConfig config;
        config.checkTemplates = true;
        auto sim = startSimulator(config);
        SimTestClient client;
        const QString to = u"4915123456789"_s;
        QCOMPARE(client.send(*sim, templateMessage(to)).status, 200);
        QCOMPARE(client.send(*sim, templateMessage(to, u"order_update"_s, u"fr"_s)).graphCode(), 132001);
        QCOMPARE(client.send(*sim, templateMessage(to, u"winter_promo"_s, u"en_US"_s, {u"A"_s})).graphCode(),
                 132015);
        QCOMPARE(client.send(*sim, templateMessage(to, u"legacy_notice"_s, u"en_US"_s, {})).graphCode(),
                 132016);
        QCOMPARE(client.send(*sim, templateMessage(to, u"order_update"_s, u"en_US"_s, {u"only one"_s}))
                     .graphCode(),
                 132000);
    }

    void log_countsReceivedAndAcceptedPerRecipientExactly()
    {
        auto sim = startSimulator();
        SimTestClient client;
        const QString a = u"4915111111111"_s;
        const QString b = u"4915122222222"_s;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.send(*sim, templateMessage(a)).status, 200);
        QJsonObject malformed = templateMessage(a);
        malformed.insert("type"_L1, "telegram"_L1);
        QCOMPARE(client.send(*sim, malformed).status, 400);
        QCOMPARE(client.send(*sim, templateMessage(b, u"spring_sale"_s)).status, 200);
        const QJsonObject last = templateMessage(b, u"hello_world"_s, u"en_US"_s, {});
        const HttpResult lastResult = client.send(*sim, last);

        const RecipientLog logA = sim->log().recipient(a);
        QCOMPARE(logA.received, 4);
        QCOMPARE(logA.accepted, 3);
        QCOMPARE(logA.lastOutcome, RequestLog::outcomeGraph(100));
        QCOMPARE(QJsonDocument::fromJson(logA.lastPayload).object(), malformed);
        const RecipientLog logB = sim->log().recipient(QString(u"+"_s + b));
        QCOMPARE(logB.received, 2);
        QCOMPARE(logB.accepted, 2);
        QCOMPARE(QJsonDocument::fromJson(logB.lastPayload).object(), last);
        QCOMPARE(logB.lastWamid, lastResult.wamid());

        const RequestLogTotals totals = sim->log().totals();
        QCOMPARE(totals.requests, 6);
        QCOMPARE(totals.sendRequests, 6);
        QCOMPARE(totals.accepted, 5);
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeAccepted()), 5);
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeGraph(100)), 1);
        QCOMPARE(sim->log().recipients().size(), 2);

        sim->log().clear();
        QCOMPARE(sim->log().totals().requests, 0);
        QCOMPARE(sim->log().receivedFor(a), 0);
    }

    void threads_everyInstanceServesRequests()
    {
        SimulatorConfig config;
        config.threads = 3;
        auto sim = startSimulator(config);
        QCOMPARE(sim->threadCount(), 3);
        // 12 managers x 6 connections: the kernel spreads ~72 connections over 3 listeners,
        // leaving one idle with probability ~3 * (2/3)^72.
        SimTestClient client(12);
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 144; ++i)
            replies.push_back(client.post(
                sim->messagesUrl(),
                QJsonDocument(templateMessage(u"49154%1"_s.arg(i, 6, 10, QLatin1Char('0')))).toJson(),
                config.accessToken));
        for (const HttpResult &r : SimTestClient::collect(replies))
            QCOMPARE(r.status, 200);
        const RequestLogTotals totals = sim->log().totals();
        QCOMPARE(totals.requestsByInstance.size(), 3);
        qint64 sum = 0;
        for (qint64 n : totals.requestsByInstance) {
            QVERIFY2(n > 0, "every instance should have served some requests");
            sum += n;
        }
        QCOMPARE(sum, 144);
    }

    void stop_isCleanAndTheSimulatorCanStartAgain()
    {
        auto sim = startSimulator();
        const quint16 port = sim->port();
        sim->stop();
        QVERIFY(!sim->isRunning());
        sim->stop(); // twice is harmless
        QString error;
        QVERIFY2(sim->start(port, &error), qPrintable(error));
        QCOMPARE(sim->port(), port);
        SimTestClient client;
        QCOMPARE(client.send(*sim, templateMessage(u"4915123456789"_s)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestCloudApiSimulator)
#include "test_cloudapisimulator.moc"
