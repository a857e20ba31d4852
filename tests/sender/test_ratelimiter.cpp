#include "cloudapi/ErrorPolicy.h"
#include "sender/RateLimiter.h"

#include <QTest>

#include <deque>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace std::chrono_literals;

namespace {
const QString kPhone = u"106540352242922"_s;
const QString kOther = u"106540352242999"_s;

RateLimiterSettings withCeiling(double ceiling)
{
    RateLimiterSettings s;
    s.ceiling = ceiling;
    return s;
}
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aNewBucketStartsFullAtTheCeiling()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock);
        QCOMPARE(limiter.rate(kPhone), 80.0);
        QCOMPARE(limiter.ceiling(kPhone), 80.0);
        QCOMPARE(limiter.burst(kPhone), 1); // 80/s × 20 ms, at least one
        QCOMPARE(limiter.available(kPhone), 1);
        RateLimiter fast(clock, withCeiling(1000));
        QCOMPARE(fast.burst(kPhone), 20);
        QCOMPARE(fast.available(kPhone), 20);
    }

    // Meta counts throughput per second: whatever the ceiling, however the sender wakes up, and
    // through a throttle and the climb back, no sliding second may carry more than
    // max(1.02 × ceiling, ceiling + 1) messages.
    void noSlidingSecondCarriesMoreThanTwoPercentAboveTheCeiling_data()
    {
        QTest::addColumn<double>("ceiling");
        QTest::addColumn<int>("wakeEveryUs");
        QTest::newRow("1/s") << 1.0 << 1000;
        QTest::newRow("20/s") << 20.0 << 1000;
        QTest::newRow("80/s") << 80.0 << 250;
        QTest::newRow("80/s, waking every 5 ms") << 80.0 << 5'000;
        QTest::newRow("333/s") << 333.0 << 700;
        QTest::newRow("1000/s") << 1000.0 << 100;
        QTest::newRow("1000/s, waking every 15 ms") << 1000.0 << 15'000;
    }

    void noSlidingSecondCarriesMoreThanTwoPercentAboveTheCeiling()
    {
        QFETCH(double, ceiling);
        QFETCH(int, wakeEveryUs);
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(ceiling));
        std::deque<qint64> lastSecond; // token times within a second of the latest
        std::size_t peak = 0;
        const qint64 end = 40'000'000'000LL;
        while (clock.nowNs() < end) {
            const int n = limiter.take(kPhone, 100'000);
            for (int i = 0; i < n; ++i) {
                lastSecond.push_back(clock.nowNs());
                limiter.reportClean(kPhone);
            }
            while (!lastSecond.empty() && lastSecond.front() <= clock.nowNs() - 1'000'000'000LL) {
                lastSecond.pop_front();
            }
            peak = std::max(peak, lastSecond.size());
            if (clock.nowNs() >= 10'000'000'000LL &&
                clock.nowNs() < 10'000'000'000LL + wakeEveryUs * 1000LL) {
                limiter.reportThrottled(kPhone); // then it climbs back to the ceiling
            }
            clock.advanceNs(wakeEveryUs * 1000LL);
        }
        const double allowed = std::max(1.02 * ceiling, ceiling + 1);
        QVERIFY2(double(peak) <= allowed,
                 qPrintable(u"%1 in one second, %2 allowed"_s.arg(peak).arg(allowed)));
        // What it aims at: 98 % of the ceiling per second, the rest left to jitter on the way.
        const double aim = std::max(1.0, std::floor(ceiling * 0.98));
        QVERIFY2(double(peak) == aim, qPrintable(u"%1 in the busiest second, not %2"_s.arg(peak).arg(aim)));
    }

    void steadySendingNeverExceedsTheCeilingOverASimulatedMinute_data()
    {
        QTest::addColumn<double>("ceiling");
        QTest::newRow("20/s (coexistence number)") << 20.0;
        QTest::newRow("80/s (default)") << 80.0;
        QTest::newRow("1000/s (upgraded)") << 1000.0;
    }

    void steadySendingNeverExceedsTheCeilingOverASimulatedMinute()
    {
        QFETCH(double, ceiling);
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(ceiling));
        const int burst = limiter.burst(kPhone);
        // A sender as intended: sleep until the next token is due, take what is there, and
        // report every answer clean (so additive increase keeps pushing against the ceiling).
        QList<int> perSecond(60, 0);
        qint64 total = 0;
        const qint64 end = 60'000'000'000LL;
        int wakeups = 0;
        while (clock.nowNs() < end) {
            const int n = limiter.take(kPhone, 10'000);
            perSecond[int(clock.nowNs() / 1'000'000'000LL)] += n;
            total += n;
            for (int i = 0; i < n; ++i) {
                limiter.reportClean(kPhone);
            }
            QVERIFY(limiter.rate(kPhone) <= ceiling);
            // Wake no more often than every 5 ms: the bucket must let a batch build up meanwhile.
            const auto wait = std::max(limiter.msUntilAvailable(kPhone, burst), 5ms);
            clock.advanceMs(wait.count());
            ++wakeups;
        }
        QVERIFY2(total <= qint64(ceiling * 60) + burst, qPrintable(QString::number(total)));
        // 98 % of the ceiling is the aim (secondShare); a sender waking late loses little more.
        QVERIFY2(total >= qint64(std::floor(ceiling * 0.98) * 60 * 0.99), qPrintable(QString::number(total)));
        for (int s = 0; s < 60; ++s) {
            QVERIFY2(perSecond[s] <= ceiling + burst,
                     qPrintable(u"second %1: %2"_s.arg(s).arg(perSecond[s])));
        }
        QVERIFY2(wakeups <= 60 * 200, qPrintable(QString::number(wakeups))); // no spinning
    }

    void cleanAnswersRaiseTheRateOneStepPerInterval()
    {
        ManualMonotonicClock clock;
        RateLimiterSettings s;
        s.startRate = 40;
        s.increaseStep = 5;
        s.increaseInterval = 2000ms;
        RateLimiter limiter(clock, s);
        QCOMPARE(limiter.rate(kPhone), 40.0);
        clock.advanceMs(1999);
        limiter.reportClean(kPhone);
        QCOMPARE(limiter.rate(kPhone), 40.0);
        clock.advanceMs(1);
        limiter.reportClean(kPhone);
        QCOMPARE(limiter.rate(kPhone), 45.0);
        limiter.reportClean(kPhone); // same interval: no second step
        QCOMPARE(limiter.rate(kPhone), 45.0);
        for (int i = 0; i < 20; ++i) {
            clock.advanceMs(2000);
            limiter.reportClean(kPhone);
            QVERIFY(limiter.rate(kPhone) <= 80.0);
        }
        QCOMPARE(limiter.rate(kPhone), 80.0);
    }

    void theDefaultStepIsATwentiethOfTheCeiling()
    {
        ManualMonotonicClock clock;
        RateLimiterSettings s = withCeiling(1000);
        s.startRate = 500;
        RateLimiter limiter(clock, s);
        QCOMPARE(limiter.rate(kPhone), 500.0); // the bucket starts when first used
        clock.advanceMs(2000);
        limiter.reportClean(kPhone);
        QCOMPARE(limiter.rate(kPhone), 550.0);
    }

    void eachThrottlingCodeHalvesTheRateAndEmptiesTheBucket_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("130429 throughput") << 130429;
        QTest::newRow("4 app call rate") << 4;
        QTest::newRow("80007 WABA call rate") << 80007;
    }

    void eachThrottlingCodeHalvesTheRateAndEmptiesTheBucket()
    {
        QFETCH(int, code);
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(400));
        // The wiring a sender does: the error table says whether an answer is a throttle.
        const ErrorDecision d = ErrorPolicy::forCode(code);
        QVERIFY(d.throttle != ThrottleScope::None);
        QVERIFY(limiter.reportThrottled(kPhone));
        QCOMPARE(limiter.rate(kPhone), 200.0);
        QCOMPARE(limiter.available(kPhone), 0);
        QCOMPARE(limiter.burst(kPhone), 4);
        QVERIFY(ErrorPolicy::forCode(131026).throttle == ThrottleScope::None);
        QVERIFY(ErrorPolicy::forCode(131056).throttle ==
                ThrottleScope::None); // pair limit: not the limiter's business
    }

    void throttlesArrivingTogetherCountOnce()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock);
        QVERIFY(limiter.reportThrottled(kPhone));
        for (int i = 0; i < 50; ++i) { // the rest of the in-flight requests answer 130429 too
            clock.advanceMs(10);
            QVERIFY(!limiter.reportThrottled(kPhone));
        }
        QCOMPARE(limiter.rate(kPhone), 40.0);
        clock.advanceMs(600);
        QVERIFY(limiter.reportThrottled(kPhone));
        QCOMPARE(limiter.rate(kPhone), 20.0);
    }

    void theRateNeverFallsBelowTheFloor()
    {
        ManualMonotonicClock clock;
        RateLimiterSettings s;
        s.floor = 2;
        RateLimiter limiter(clock, s);
        for (int i = 0; i < 20; ++i) {
            limiter.reportThrottled(kPhone);
            QVERIFY(limiter.rate(kPhone) >= 2.0);
            clock.advanceMs(1000);
        }
        QCOMPARE(limiter.rate(kPhone), 2.0);
        QCOMPARE(limiter.burst(kPhone), 1);
    }

    void afterAThrottleTheRateClimbsOnlyAfterAFullCleanInterval()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock);
        clock.advanceMs(1900);
        limiter.reportThrottled(kPhone);
        clock.advanceMs(200);
        limiter.reportClean(kPhone);
        QCOMPARE(limiter.rate(kPhone), 40.0);
        clock.advanceMs(1800);
        limiter.reportClean(kPhone);
        QCOMPARE(limiter.rate(kPhone), 44.0);
    }

    void burstScalesWithTheRateButIsBounded()
    {
        ManualMonotonicClock clock;
        RateLimiter fast(clock, withCeiling(1000));
        clock.advanceMs(60'000); // idle for a minute: the bucket still holds only one burst
        QCOMPARE(fast.burst(kPhone), 20);
        QCOMPARE(fast.available(kPhone), 20);
        QCOMPARE(fast.take(kPhone, 1000), 20);
        QCOMPARE(fast.available(kPhone), 0);
        RateLimiter slow(clock, withCeiling(5));
        QCOMPARE(slow.burst(kPhone), 1);
    }

    void nextTokenTimeIsExactSoASenderCanScheduleATimer()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(400)); // a burst of 8
        QCOMPARE(limiter.timeUntilAvailable(kPhone), 0ns);
        QCOMPARE(limiter.take(kPhone, 100), 8);
        QCOMPARE(limiter.timeUntilAvailable(kPhone), 2'500'000ns); // 1/400 s
        QCOMPARE(limiter.msUntilAvailable(kPhone), 3ms);           // rounded up, never early
        QCOMPARE(limiter.timeUntilAvailable(kPhone, 5), 12'500'000ns);
        QCOMPARE(limiter.timeUntilAvailable(kPhone, 500), 20'000'000ns); // beyond the burst: a full bucket
        clock.advanceMs(2);
        QCOMPARE(limiter.available(kPhone), 0);
        QVERIFY(std::chrono::abs(limiter.timeUntilAvailable(kPhone) - 500'000ns) <= 1ns); // floating point
        clock.advanceMs(1);
        QCOMPARE(limiter.available(kPhone), 1);
        QCOMPARE(limiter.timeUntilAvailable(kPhone), 0ns);
    }

    void tryTakeIsAllOrNothingAndTakeIsPartial()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(400));
        QVERIFY(!limiter.tryTake(kPhone, 9));
        QCOMPARE(limiter.available(kPhone), 8);
        QVERIFY(limiter.tryTake(kPhone, 5));
        QCOMPARE(limiter.take(kPhone, 10), 3);
        QCOMPARE(limiter.take(kPhone, 10), 0);
        QVERIFY(!limiter.tryTake(kPhone));
    }

    void phoneNumbersHaveIndependentBuckets()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(400));
        limiter.reportThrottled(kPhone);
        QCOMPARE(limiter.rate(kPhone), 200.0);
        QCOMPARE(limiter.rate(kOther), 400.0);
        QCOMPARE(limiter.available(kOther), 8);
    }

    void aSecondThatIsFullWaitsForItsOldestGrantToLeave()
    {
        ManualMonotonicClock clock;
        RateLimiterSettings s = withCeiling(10);
        s.burstWindow = std::chrono::milliseconds(1000); // a bucket as large as the second
        s.secondShare = 1.0;
        RateLimiter limiter(clock, s);
        QCOMPARE(limiter.take(kPhone, 100), 10);
        clock.advanceMs(500); // the bucket refilled 5 tokens, but the second is full
        QCOMPARE(limiter.available(kPhone), 0);
        QVERIFY(!limiter.tryTake(kPhone));
        QCOMPARE(limiter.timeUntilAvailable(kPhone), 500'000'001ns);
        clock.advanceMs(500);
        QCOMPARE(limiter.take(kPhone, 100), 10);
    }

    void aNumbersOwnCeilingIsHonouredAndCappedAtOneThousand()
    {
        ManualMonotonicClock clock;
        RateLimiter limiter(clock, withCeiling(1000));
        limiter.setCeiling(kPhone, 20);
        QCOMPARE(limiter.rate(kPhone), 20.0);
        QVERIFY(limiter.available(kPhone) <= 2);
        limiter.setCeiling(kOther, 5000);
        QCOMPARE(limiter.ceiling(kOther), 1000.0);
        RateLimiter capped(clock, withCeiling(5000));
        QCOMPARE(capped.ceiling(kPhone), 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "test_ratelimiter.moc"
