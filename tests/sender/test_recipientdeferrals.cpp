#include "sender/RecipientDeferrals.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace std::chrono_literals;

class TestRecipientDeferrals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aDeferredRecipientWaitsSixSecondsByDefault()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock);
        deferrals.defer(u"4915123456789"_s);
        QVERIFY(deferrals.isDeferred(u"4915123456789"_s));
        QCOMPARE(deferrals.remaining(u"4915123456789"_s), 6000ms);
        clock.advanceMs(5999);
        QVERIFY(deferrals.isDeferred(u"4915123456789"_s));
        QCOMPARE(deferrals.remaining(u"4915123456789"_s), 1ms);
        clock.advanceMs(1);
        QVERIFY(!deferrals.isDeferred(u"4915123456789"_s));
        QCOMPARE(deferrals.remaining(u"4915123456789"_s), 0ms);
    }

    void otherRecipientsAreNotHeldUp()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock);
        deferrals.defer(u"4915123456789"_s);
        QVERIFY(!deferrals.isDeferred(u"4915123456780"_s));
        QCOMPARE(deferrals.remaining(u"4915123456780"_s), 0ms);
    }

    void aLaterDeadlineIsKept()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock);
        deferrals.deferFor(u"a1"_s, 10s);
        deferrals.defer(u"a1"_s);
        QCOMPARE(deferrals.remaining(u"a1"_s), 10000ms);
        clock.advanceMs(8000);
        deferrals.defer(u"a1"_s); // a fresh 131056 moves it on
        QCOMPARE(deferrals.remaining(u"a1"_s), 6000ms);
    }

    void nextReleaseNamesTheEarliestDeadline()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock, 3000ms);
        QVERIFY(!deferrals.nextRelease());
        deferrals.defer(u"a"_s);
        clock.advanceMs(1000);
        deferrals.defer(u"b"_s);
        QCOMPARE(deferrals.nextRelease(), std::optional(2000ms));
        clock.advanceMs(2000);
        QCOMPARE(deferrals.nextRelease(), std::optional(1000ms));
        clock.advanceMs(1000);
        QVERIFY(!deferrals.nextRelease());
    }

    void expiredEntriesArePurged()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock);
        deferrals.defer(u"a"_s);
        deferrals.defer(u"b"_s);
        clock.advanceMs(6000);
        deferrals.defer(u"c"_s);
        QCOMPARE(deferrals.size(), 3);
        deferrals.purgeExpired();
        QCOMPARE(deferrals.size(), 1);
        QVERIFY(deferrals.isDeferred(u"c"_s));
    }

    void aLongCampaignKeepsTheMapSmall()
    {
        ManualMonotonicClock clock;
        RecipientDeferrals deferrals(clock);
        for (int i = 0; i < 100'000; ++i) {
            deferrals.defer(QString::number(4915100000000LL + i));
            clock.advanceMs(1); // ~6,000 live at any time
        }
        QVERIFY2(deferrals.size() < 6000 + 300, qPrintable(QString::number(deferrals.size())));
    }
};

QTEST_GUILESS_MAIN(TestRecipientDeferrals)
#include "test_recipientdeferrals.moc"
