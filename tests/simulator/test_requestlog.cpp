// RequestLog, ThroughputWindow and PairLimiter: the shared, thread-safe bookkeeping of the
// simulator, exercised from several threads at once.

#include "simulator/PairLimiter.h"
#include "simulator/RequestLog.h"
#include "simulator/ThroughputWindow.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

constexpr qint64 kMs = 1'000'000;

template <typename F>
void runInThreads(int threads, F &&body)
{
    std::vector<std::unique_ptr<QThread>> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(QThread::create([&body, t] { body(t); }));
    for (auto &thread : pool)
        thread->start();
    for (auto &thread : pool)
        thread->wait();
}

} // namespace

class TestRequestLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recipientKey_keepsOnlyDigits() { QCOMPARE(RequestLog::recipientKey(u"+49 151-234"), u"49151234"_s); }

    void concurrentRecording_countsExactly()
    {
        RequestLog log(4);
        runInThreads(4, [&log](int t) {
            for (int i = 0; i < 5000; ++i) {
                const QString key = u"49151%1"_s.arg(i % 100);
                log.countRequest(t);
                log.recordSend(key, QByteArray::number(i));
                log.recordOutcome(key,
                                  i % 2 ? RequestLog::outcomeAccepted() : RequestLog::outcomeGraph(131026),
                                  i % 2 ? u"wamid.x"_s : QString());
            }
        });
        const RequestLogTotals totals = log.totals();
        QCOMPARE(totals.requests, 20000);
        QCOMPARE(totals.sendRequests, 20000);
        QCOMPARE(totals.accepted, 10000);
        QCOMPARE(totals.byOutcome.value(RequestLog::outcomeGraph(131026)), 10000);
        QCOMPARE(totals.requestsByInstance, (QList<qint64>{5000, 5000, 5000, 5000}));
        QCOMPARE(log.recipients().size(), 100);
        QCOMPARE(log.receivedFor(u"4915142"_s), 200);
        QCOMPARE(log.acceptedFor(u"4915142"_s), 0); // i % 100 == 42 is always even
        QCOMPARE(log.acceptedFor(u"4915143"_s), 200);
    }

    void recordSend_returnsTheAttemptNumber()
    {
        RequestLog log;
        QCOMPARE(log.recordSend(u"1"_s, "a"), 0);
        QCOMPARE(log.recordSend(u"1"_s, "b"), 1);
        QCOMPARE(log.recordSend(u"2"_s, "c"), 0);
        QCOMPARE(log.recipient(u"1"_s).lastPayload, QByteArray("b"));
    }

    void peakSendsPerSecond_isTheBusiestSlidingSecond()
    {
        RequestLog log;
        const qint64 t0 = 10'000 * kMs;
        // 10 sends spread over the first second, then 30 within 300 ms, then 5 more a second later.
        for (int i = 0; i < 10; ++i)
            log.recordSend(u"1"_s, "x", t0 + i * 100 * kMs);
        for (int i = 0; i < 30; ++i)
            log.recordSend(u"2"_s, "x", t0 + 1000 * kMs + i * 10 * kMs);
        for (int i = 0; i < 5; ++i)
            log.recordSend(u"3"_s, "x", t0 + 2500 * kMs + i * kMs);
        // (t0 + 290 ms - 1 s, t0 + 1290 ms]: sends 3…9 of the first batch (7) and all 30.
        QCOMPARE(log.totals().peakSendsPerSecond, 37);
        // Recorded slightly out of order by two server threads: counted all the same.
        RequestLog unordered;
        for (int i = 0; i < 20; ++i)
            unordered.recordSend(u"4"_s, "x", t0 + (i % 2 ? i - 1 : i + 1) * kMs);
        QCOMPARE(unordered.totals().peakSendsPerSecond, 20);
    }

    void peakSendsPerSecond_isAlsoKeptForEachNumber()
    {
        RequestLog log;
        const qint64 t0 = 10'000 * kMs;
        // Interleaved within one second: 30 from A, 12 from B; 3 from A a second later.
        for (int i = 0; i < 42; ++i)
            log.recordSend(u"1"_s, "x", t0 + i * 20 * kMs, i % 7 < 5 ? u"A"_s : u"B"_s);
        for (int i = 0; i < 3; ++i)
            log.recordSend(u"2"_s, "x", t0 + 2000 * kMs + i * kMs, u"A"_s);
        const RequestLogTotals totals = log.totals();
        QCOMPARE(totals.peakSendsPerSecond, 42);
        QCOMPARE(totals.peakSendsPerSecondByNumber.value(u"A"_s), 30);
        QCOMPARE(totals.peakSendsPerSecondByNumber.value(u"B"_s), 12);
        QCOMPARE(totals.peakSendsPerSecondByNumber.size(), 2);
        log.clear();
        QVERIFY(log.totals().peakSendsPerSecondByNumber.isEmpty());
    }

    void throughputWindow_admitsTheCapPerSlidingSecond()
    {
        ThroughputWindow window;
        const qint64 t0 = 5'000 * kMs;
        for (int i = 0; i < 10; ++i)
            QVERIFY(window.tryAdmit(10, t0 + i * kMs));
        QVERIFY(!window.tryAdmit(10, t0 + 500 * kMs));
        QVERIFY(!window.tryAdmit(10, t0 + 999 * kMs));
        QVERIFY(window.tryAdmit(10, t0 + 1000 * kMs)); // the first admission left the window
        QVERIFY(!window.tryAdmit(10, t0 + 1000 * kMs));
        QVERIFY(window.tryAdmit(0, t0)); // 0 is unlimited
    }

    void throughputWindow_isExactAcrossThreads()
    {
        ThroughputWindow window;
        std::atomic<int> admitted{0};
        const qint64 now = 10'000 * kMs;
        runInThreads(4, [&](int) {
            for (int i = 0; i < 1000; ++i)
                admitted += window.tryAdmit(500, now) ? 1 : 0;
        });
        QCOMPARE(admitted.load(), 500);
    }

    void pairLimiter_refusesWithinTheWindowOnly()
    {
        PairLimiter limiter;
        const qint64 t0 = 1'000 * kMs;
        QVERIFY(limiter.tryAdmit(u"a"_s, 6000, t0));
        QVERIFY(!limiter.tryAdmit(u"a"_s, 6000, t0 + 5999 * kMs));
        QVERIFY(limiter.tryAdmit(u"b"_s, 6000, t0 + 1 * kMs));
        QVERIFY(limiter.tryAdmit(u"a"_s, 6000, t0 + 6000 * kMs));
    }

    void pairLimiter_letsOneOfManySimultaneousSendsThrough()
    {
        PairLimiter limiter;
        std::atomic<int> admitted{0};
        runInThreads(4, [&](int) {
            for (int i = 0; i < 100; ++i)
                admitted += limiter.tryAdmit(u"same"_s, 6000, 42 * kMs) ? 1 : 0;
        });
        QCOMPARE(admitted.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRequestLog)
#include "test_requestlog.moc"
