#include "cloudapi/RetryPolicy.h"

#include <QRandomGenerator>
#include <QTest>

using namespace herald;
using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTwoSecondsBaseFiveMinutesCapFiveAttempts()
    {
        const RetryPolicy p;
        QCOMPARE(p.settings().base, 2000ms);
        QCOMPARE(p.settings().cap, 300000ms);
        QCOMPARE(p.settings().maxAttempts, 5);
    }

    void ceilingDoublesPerAttemptUntilTheCap()
    {
        const RetryPolicy p({1000ms, 10000ms, 10});
        QCOMPARE(p.ceiling(1), 1000ms);
        QCOMPARE(p.ceiling(2), 2000ms);
        QCOMPARE(p.ceiling(3), 4000ms);
        QCOMPARE(p.ceiling(4), 8000ms);
        QCOMPARE(p.ceiling(5), 10000ms);
        QCOMPARE(p.ceiling(1000), 10000ms); // no overflow for absurd attempt counts
    }

    void delaysNeverExceedTheCeilingOrTheCap()
    {
        const RetryPolicy p;
        QRandomGenerator random(42);
        for (int attempt = 1; attempt <= 30; ++attempt) {
            for (int i = 0; i < 500; ++i) {
                const auto d = p.delay(attempt, random);
                QVERIFY(d >= 0ms);
                QVERIFY(d <= p.ceiling(attempt));
                QVERIFY(d <= p.settings().cap);
            }
        }
    }

    void delaysAreSpreadOverTheWholeRange()
    {
        // Full jitter: the waits of messages that failed together must not bunch up.
        const RetryPolicy p({1000ms, 1000ms, 5});
        QRandomGenerator random(7);
        int low = 0;
        int high = 0;
        for (int i = 0; i < 1000; ++i) {
            const auto d = p.delay(1, random);
            low += d < 250ms;
            high += d > 750ms;
        }
        QVERIFY2(low > 150 && high > 150, qPrintable(QStringLiteral("%1 %2").arg(low).arg(high)));
    }

    void theSameSeedGivesTheSameDelays()
    {
        const RetryPolicy p;
        QRandomGenerator a(1234);
        QRandomGenerator b(1234);
        for (int attempt = 1; attempt <= 5; ++attempt) {
            QCOMPARE(p.delay(attempt, a), p.delay(attempt, b));
        }
        QRandomGenerator c(99);
        QRandomGenerator d(1234);
        bool differs = false;
        for (int attempt = 1; attempt <= 5; ++attempt) {
            differs = differs || p.delay(attempt, c) != p.delay(attempt, d);
        }
        QVERIFY(differs);
    }

    void attemptsAreBounded()
    {
        const RetryPolicy p({2000ms, 300000ms, 3});
        QVERIFY(p.mayRetry(1));
        QVERIFY(p.mayRetry(2));
        QVERIFY(!p.mayRetry(3));
        QVERIFY(!p.mayRetry(4));
    }

    void nonsenseSettingsAreClamped()
    {
        const RetryPolicy p({0ms, -5ms, 0});
        QCOMPARE(p.settings().base, 1ms);
        QCOMPARE(p.settings().cap, 1ms);
        QCOMPARE(p.settings().maxAttempts, 1);
        QVERIFY(!p.mayRetry(1));
        QCOMPARE(RetryPolicy({1000ms, 500ms, 1000}).settings().cap, 1000ms);
        QCOMPARE(RetryPolicy({1000ms, 500ms, 1000}).settings().maxAttempts, 100);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "test_retrypolicy.moc"
