// The check before a campaign starts: GET /{phone-number-id} against the simulator over real
// HTTP — a good token and number give the number's health, a refused token or a foreign number
// give ErrorPolicy's verdict, and the health turns into warnings the user reads.

#include "cloudapi/PhoneNumberCheck.h"
#include "simulator/CloudApiSimulator.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestPhoneNumberCheck : public QObject
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
        api.setRequestTimeout(std::chrono::milliseconds(5000));
        return api;
    }

    PhoneNumberCheckResult run(const ApiSettings &api)
    {
        PhoneNumberCheck check(api);
        QSignalSpy spy(&check, &PhoneNumberCheck::finished);
        check.start();
        if (!spy.wait(10000)) {
            return {};
        }
        return spy.first().first().value<PhoneNumberCheckResult>();
    }

private Q_SLOTS:
    void aGoodTokenAndNumberGiveTheNumbersHealth()
    {
        SimulatorConfig config;
        config.qualityRating = u"YELLOW"_s;
        config.messagingLimitTier = u"TIER_1K"_s;
        CloudApiSimulator sim(config);
        QVERIFY(sim.start());
        const PhoneNumberCheckResult r = run(settingsFor(sim));
        QVERIFY2(r.ok, qPrintable(r.details));
        QCOMPARE(r.health.verifiedName, config.verifiedName);
        QCOMPARE(r.health.displayPhoneNumber, config.displayPhoneNumber);
        QCOMPARE(r.health.qualityRating, u"YELLOW"_s);
        QCOMPARE(r.health.messagingLimitTier, u"TIER_1K"_s);
        QCOMPARE(r.health.status, u"CONNECTED"_s);
        QCOMPARE(r.health.throughputLevel, u"STANDARD"_s);
        QCOMPARE(r.health.dailyLimit(), std::optional<qint64>(1000));
        // Asking sent nothing: no message reached the simulator.
        QCOMPARE(sim.log().totals().sendRequests, 0);
    }

    void aRefusedTokenStopsTheSenderWithTheApisMessage()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        ApiSettings api = settingsFor(sim);
        api.setAccessToken(u"EAAG-not-the-right-token"_s);
        const PhoneNumberCheckResult r = run(api);
        QVERIFY(!r.ok);
        QCOMPARE(r.decision.action, ErrorAction::StopSender);
        QCOMPARE(r.decision.code, std::optional<int>(190));
        QVERIFY2(!r.details.isEmpty(), "the user is told what the API said");
        QVERIFY(!r.details.contains(u"EAAG-not-the-right-token"_s));
    }

    void aNumberOfAnotherAccountIsRefused()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        ApiSettings api = settingsFor(sim);
        api.setPhoneNumberId(u"999999999999999"_s);
        const PhoneNumberCheckResult r = run(api);
        QVERIFY(!r.ok);
        QVERIFY(r.decision.action != ErrorAction::Sent);
        QVERIFY(!r.details.isEmpty());
    }

    void anUnreachableServerIsReportedNotHung()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        ApiSettings api = settingsFor(sim);
        sim.stop(); // nothing listens on the port any more
        const PhoneNumberCheckResult r = run(api);
        QVERIFY(!r.ok);
        QCOMPARE(r.decision.action, ErrorAction::RetryMessage); // refused: try again later
        QVERIFY(!r.details.isEmpty());
    }

    void healthBecomesWarningsInWords()
    {
        PhoneNumberHealth h;
        h.qualityRating = u"GREEN"_s;
        h.status = u"CONNECTED"_s;
        h.messagingLimitTier = u"TIER_1K"_s;
        QVERIFY(h.warnings(1000).isEmpty());
        QCOMPARE(h.warnings(1001).size(), 1);
        QVERIFY(h.warnings(1001).first().contains(u"TIER_1K"_s));
        h.qualityRating = u"RED"_s;
        h.status = u"FLAGGED"_s;
        QCOMPARE(h.warnings(10).size(), 2);
        h.messagingLimitTier = u"TIER_UNLIMITED"_s;
        QCOMPARE(h.dailyLimit(), std::nullopt);
        QCOMPARE(h.warnings(10'000'000).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumberCheck)
#include "test_phonenumbercheck.moc"
