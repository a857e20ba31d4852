// How the Overview turns per-minute history into lines: later reads replace the growing minute,
// quiet minutes stay flat, a resend takes failures back, and the minute being sent is measured
// by the seconds it has had so far.
#include "UiTestUtil.h"
#include "models/MinuteHistory.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::ui;

namespace {
QDateTime at(int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 3, 2), QTime(h, m, s), Qt::UTC);
}
qreal ms(const QDateTime &t)
{
    return qreal(t.toMSecsSinceEpoch());
}
} // namespace

class TestMinuteHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLaterReadReplacesTheGrowingMinuteAndAddsTheNewOnes()
    {
        MinuteHistory h;
        h.reset({{at(10, 0), 50, 0}, {at(10, 1), 20, 1}});
        QCOMPARE(h.sent(), 70);
        QCOMPARE(h.lastMinute(), at(10, 1));
        // 10:01 grew from 20 to 60 sent; 10:02 is new.
        h.merge(at(10, 1), {{at(10, 1), 60, 2}, {at(10, 2), 10, 0}});
        QCOMPARE(h.minutes().size(), 3);
        QCOMPARE(h.sent(), 120);
        QCOMPARE(h.failed(), 2);
        QCOMPARE(h.minutes().at(1), (MinuteCount{at(10, 1), 60, 2}));
        // An empty later read (nothing new) keeps nothing of what it replaced.
        h.merge(at(10, 2), {});
        QCOMPARE(h.sent(), 110);
        QCOMPARE(h.lastMinute(), at(10, 1));
    }

    void quietMinutesAreFlatAndTheLastPointsAreTheSums()
    {
        MinuteHistory h;
        h.reset({{at(10, 0), 60, 0}, {at(10, 3), 120, 6}});
        const MinuteHistory::Points p = h.points({at(10, 0, 30), {}, {}});
        // Starts when the campaign started, at zero.
        QCOMPARE(p.sent.first(), QPointF(ms(at(10, 0, 30)), 0));
        QCOMPARE(p.fromMs, at(10, 0, 30).toMSecsSinceEpoch());
        // 10:01 and 10:02 sent nothing: the total stays at 60 until 10:03.
        QVERIFY(p.sent.contains(QPointF(ms(at(10, 1)), 60)));
        QVERIFY(p.sent.contains(QPointF(ms(at(10, 3)), 60)));
        QCOMPARE(p.sent.last(), QPointF(ms(at(10, 4)), 180));
        QCOMPARE(p.failed.last(), QPointF(ms(at(10, 4)), 6));
        // The first minute had 30 s: 2 messages a second, not 1. The quiet minutes are zero.
        QVERIFY(p.rate.contains(QPointF(ms(at(10, 0, 30)), 2.0)));
        QVERIFY(p.rate.contains(QPointF(ms(at(10, 1)), 0)));
        QVERIFY(p.rate.contains(QPointF(ms(at(10, 3)), 0)));
        QCOMPARE(p.peakRate, 2.1);        // 126 in the last minute
        QCOMPARE(p.rate.last().y(), 0.0); // nothing is sending now
        QCOMPARE(p.activeSeconds, 90);
        QCOMPARE(p.averageRate, 186.0 / 90.0);
        QCOMPARE(p.maxCumulative, 180);
    }

    void aResendTakesFailuresBackInItsMinute()
    {
        MinuteHistory h;
        h.reset({{at(9, 0), 10, 8}, {at(9, 5), 5, -8}});
        const MinuteHistory::Points p = h.points({});
        QCOMPARE(p.failed.last().y(), 0.0);
        QCOMPARE(p.sent.last().y(), 15.0);
        QCOMPARE(p.maxCumulative, 15);
        QCOMPARE(p.failed.at(1).y(), 8.0); // up to 8 before the resend
        // Failures taken back are not throughput.
        QVERIFY(p.rate.contains(QPointF(ms(at(9, 5)), 5.0 / 60.0)));
    }

    void theMinuteBeingSentCountsOnlyItsSecondsSoFar()
    {
        MinuteHistory h;
        h.reset({{at(11, 0), 600, 0}, {at(11, 1), 240, 0}});
        const MinuteHistory::Points p = h.points({{}, {}, at(11, 1, 20)});
        QCOMPARE(p.sent.last(), QPointF(ms(at(11, 1, 20)), 840));
        QCOMPARE(p.rate.last(), QPointF(ms(at(11, 1, 20)), 12.0)); // still sending: no drop to zero
        QCOMPARE(p.toMs, at(11, 1, 20).toMSecsSinceEpoch());
        // A finished campaign's last minute ends with its last counter change.
        const MinuteHistory::Points done = h.points({{}, at(11, 1, 40), {}});
        QCOMPARE(done.sent.last(), QPointF(ms(at(11, 1, 40)), 840));
        QCOMPARE(done.peakRate, 10.0);
        QCOMPARE(done.rate.last().y(), 0.0);
    }
};

HERALD_UI_TEST_MAIN(TestMinuteHistory)
#include "test_minutehistory.moc"
