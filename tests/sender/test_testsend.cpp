// A test send: one message to the number the user types, through the real API (the simulator
// over HTTP), posted once, with the wamid when accepted and ErrorPolicy's verdict when not.

#include "cloudapi/CampaignMessage.h"
#include "sender/TestSend.h"
#include "simulator/CloudApiSimulator.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestTestSend : public QObject
{
    Q_OBJECT

private:
    ApiSettings settingsFor(const CloudApiSimulator &sim) const
    {
        ApiSettings api;
        api.setBaseUrl(sim.baseUrl().toString());
        api.setApiVersion(sim.config().apiVersion);
        api.setPhoneNumberId(sim.config().phoneNumberId);
        api.setWabaId(sim.config().wabaId);
        api.setAccessToken(sim.config().accessToken);
        api.setRequestTimeout(std::chrono::milliseconds(3000));
        return api;
    }

    static QByteArray orderUpdate(const QString &to)
    {
        TemplateSlots slots;
        slots.header = TemplateSlots::HeaderFormat::Image;
        slots.headerVariable = u"1"_s;
        slots.bodyVariables = {u"1"_s, u"2"_s};
        slots.buttons = {{0, ButtonSubType::Url}};
        const CampaignMessage m{u"order_update"_s, u"en_US"_s, slots,
                                QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s}}};
        const MessageBuilder::Result built = m.build(
            to, QJsonObject{{u"body.1"_s, u"Alex"_s}, {u"body.2"_s, u"A1"_s}, {u"button.0"_s, u"A1"_s}});
        return built.json;
    }

    TestSendResult send(const ApiSettings &api, const QByteArray &body)
    {
        TestSend test(api);
        QSignalSpy spy(&test, &TestSend::finished);
        test.send(body);
        if (!spy.wait(10000)) {
            return {};
        }
        return spy.first().first().value<TestSendResult>();
    }

private Q_SLOTS:
    void anAcceptedTestReachesTheNumberOnceWithItsWamid()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const QByteArray body = orderUpdate(u"+4915123456789"_s);
        QVERIFY(!body.isEmpty());
        const TestSendResult r = send(settingsFor(sim), body);
        QVERIFY2(r.accepted, qPrintable(r.details));
        QVERIFY(r.wamid.startsWith(u"wamid."_s));
        QCOMPARE(sim.log().receivedFor(u"4915123456789"), 1);
        QCOMPARE(sim.log().recipient(u"4915123456789").lastWamid, r.wamid);
        QCOMPARE(QJsonDocument::fromJson(sim.log().recipient(u"4915123456789").lastPayload),
                 QJsonDocument::fromJson(body));
        QCOMPARE(sim.log().totals().sendRequests, 1);
    }

    void aRefusedTestSaysWhyInErrorPolicysWords()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        const TestSendResult r = send(settingsFor(sim), orderUpdate(u"+15559991026"_s));
        QVERIFY(!r.accepted);
        QVERIFY(r.wamid.isEmpty());
        QCOMPARE(r.decision.code, std::optional<int>(131026));
        QVERIFY(!r.details.isEmpty());
        QCOMPARE(sim.log().receivedFor(u"15559991026"), 1);
    }

    void aLostAnswerIsNotRetried()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        // The simulator reads the request and resets the connection: the message may have been
        // accepted, so a test send must not post it again (at most once).
        const TestSendResult r = send(settingsFor(sim), orderUpdate(u"+15559990999"_s));
        QVERIFY(!r.accepted);
        QCOMPARE(r.decision.action, ErrorAction::UnknownOutcome);
        QCOMPARE(sim.log().receivedFor(u"15559990999"), 1);
    }

    void anAnswerLargerThanTheBoundIsNotReadAndSaysSo()
    {
        SimulatorConfig sc;
        sc.oversizedBodyRate = 1.0;
        sc.oversizedBodyBytes = 3 * 1024 * 1024;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const TestSendResult r = send(settingsFor(sim), orderUpdate(u"+4915123456789"_s));
        QVERIFY(!r.accepted);
        QCOMPARE(r.decision.action, ErrorAction::UnknownOutcome);
        QCOMPARE(r.decision.reason, u"unreadable response"_s);
        QVERIFY2(r.details.contains(u"larger than 1048576 bytes"_s), qPrintable(r.details));
        QCOMPARE(sim.log().acceptedFor(u"4915123456789"), 1);
    }

    void aRefusedTokenStopsWithoutReachingTheNumber()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        ApiSettings api = settingsFor(sim);
        api.setAccessToken(u"wrong"_s);
        const TestSendResult r = send(api, orderUpdate(u"+4915123456789"_s));
        QVERIFY(!r.accepted);
        QCOMPARE(r.decision.action, ErrorAction::StopSender);
        QCOMPARE(sim.log().receivedFor(u"4915123456789"), 0);
    }
};

QTEST_GUILESS_MAIN(TestTestSend)
#include "test_testsend.moc"
