#include "QueueTestUtil.h"
#include "db/DbError.h"
#include "queue/Completion.h"
#include "queue/QuietHours.h"
#include "queue/QuietHoursQueue.h"
#include "queue/RecipientRegions.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
// Valid mobile numbers of three countries whose days overlap little: Germany (UTC+1 in
// December), Brazil (São Paulo, UTC−3) and Japan (UTC+9).
QList<Recipient> recipientsIn(const QString &country, int count)
{
    QList<Recipient> list;
    for (int i = 0; i < count; ++i) {
        Recipient r;
        if (country == "DE"_L1) {
            r.phone = u"+49151%1"_s.arg(20000000 + i);
        } else if (country == "BR"_L1) {
            r.phone = u"+55119%1"_s.arg(80000000 + i);
        } else {
            r.phone = u"+8190%1"_s.arg(20000000 + i);
        }
        r.params = QJsonObject{{u"body.1"_s, r.phone}};
        list << r;
    }
    return list;
}

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QuietHours nineToEight(bool weekdaysOnly = false)
{
    QuietHours q;
    q.enabled = true;
    q.from = QTime(9, 0);
    q.until = QTime(20, 0);
    q.weekdaysOnly = weekdaysOnly;
    return q;
}

// A running campaign with 3 recipients in Germany, 4 in Brazil and 5 in Japan.
Campaign threeCountries(Database &db, const Clock &clock, const QuietHours &quietHours)
{
    CampaignStore store(db, clock);
    QJsonObject settings;
    quietHours.writeTo(settings);
    const Campaign c = store.create({u"Quiet"_s, u"order_update"_s, u"en_US"_s, {}, settings});
    QueueEngine engine(db, clock);
    engine.enqueue(c.id, recipientsIn(u"DE"_s, 3) + recipientsIn(u"BR"_s, 4) + recipientsIn(u"JP"_s, 5));
    store.transition(c.id, CampaignStatus::Running);
    return store.byId(c.id);
}

QSet<QString> countriesOf(Database &db, const QList<ClaimedMessage> &claimed)
{
    QSet<QString> out;
    for (const ClaimedMessage &m : claimed) {
        out.insert(db.scalar(u"SELECT region FROM send_queue WHERE id = ?"_s, {m.id}).toString());
    }
    return out;
}

RecordResult sendAll(QueueEngine &engine, const QList<ClaimedMessage> &claimed)
{
    QList<Outcome> outcomes;
    for (const ClaimedMessage &m : claimed) {
        outcomes << Outcome::sent(m, u"wamid."_s + m.phone);
    }
    return engine.record(outcomes);
}
} // namespace

class TestQuietHours : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void eachQueuedRecipientGetsTheCountryOfTheirNumber()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight());
        QSqlQuery q = db.run(u"SELECT region, count(*) FROM send_queue WHERE campaign_id = ? GROUP BY region "
                             "ORDER BY region"_s,
                             {c.id});
        QStringList got;
        while (q.next()) {
            got << q.value(0).toString() + u'=' + q.value(1).toString();
        }
        QCOMPARE(got, (QStringList{u"BR=4"_s, u"DE=3"_s, u"JP=5"_s}));
        QCOMPARE(RecipientRegions::waiting(db, c.id), (QStringList{u"BR"_s, u"DE"_s, u"JP"_s}));
        // A number libphonenumber gives no country (the simulator's 555 numbers) is queued with ''.
        QCOMPARE(QueueEngine(db, clock).enqueue(c.id, {Recipient{u"+15559991026"_s, {}, {}, 0}}).inserted, 1);
        QCOMPARE(RecipientRegions::waiting(db, c.id), (QStringList{QString(), u"BR"_s, u"DE"_s, u"JP"_s}));
    }

    void claimsReturnOnlyTheCountriesWhoseWindowIsOpenAsTheClockCrossesTheirDays()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        // Monday 7 December 2026. Each step: which countries are between 09:00 and 20:00.
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight());
        QueueEngine engine(db, clock);
        struct Step
        {
            QString at;
            QSet<QString> open;
        };
        const QList<Step> steps = {
            // Berlin 02:00, São Paulo Sunday 22:00, Tokyo Monday 10:00.
            {u"2026-12-07T01:00:00"_s, {u"JP"_s}},
            // Berlin 08:59: not yet.
            {u"2026-12-07T07:59:00"_s, {u"JP"_s}},
            // Berlin 09:00, São Paulo 05:00, Tokyo 17:00.
            {u"2026-12-07T08:00:00"_s, {u"DE"_s, u"JP"_s}},
            // Berlin 13:00, São Paulo 09:00, Tokyo 21:00.
            {u"2026-12-07T12:00:00"_s, {u"DE"_s, u"BR"_s}},
            // Berlin 23:00, São Paulo 19:00, Tokyo Tuesday 07:00.
            {u"2026-12-07T22:00:00"_s, {u"BR"_s}},
            // Berlin 00:30 Tuesday, São Paulo 20:30, Tokyo 08:30: everybody waits.
            {u"2026-12-07T23:30:00"_s, {}},
        };
        for (const Step &step : steps) {
            clock.set(utc(step.at));
            const QList<ClaimedMessage> claimed = engine.claim(c.id, u"w"_s, 100);
            QCOMPARE(countriesOf(db, claimed), step.open);
            // Handed back, so that every step sees the whole queue.
            QCOMPARE(engine.release(claimed), qint64(claimed.size()));
        }
        const Campaign after = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Running);
        QCOMPARE(after.pending, 12);
    }

    void theCountryWhoseWindowClosesFirstIsServedFirst()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        // 12:00 UTC: Berlin closes at 19:00 UTC, São Paulo at 23:00 UTC; Brazil's rows come
        // first in the file, Germany's window first in the claim.
        ManualClock clock(utc(u"2026-12-07T12:00:00"_s));
        CampaignStore store(db, clock);
        QJsonObject settings;
        nineToEight().writeTo(settings);
        const Campaign c = store.create({u"Order"_s, u"order_update"_s, u"en_US"_s, {}, settings});
        QueueEngine engine(db, clock);
        engine.enqueue(c.id, recipientsIn(u"BR"_s, 4) + recipientsIn(u"DE"_s, 3) + recipientsIn(u"JP"_s, 2));
        store.transition(c.id, CampaignStatus::Running);
        QCOMPARE(countriesOf(db, engine.claim(c.id, u"w"_s, 3)), QSet<QString>{u"DE"_s});
        const QList<ClaimedMessage> next = engine.claim(c.id, u"w"_s, 10);
        QCOMPARE(next.size(), 4);
        QCOMPARE(countriesOf(db, next), QSet<QString>{u"BR"_s});
    }

    void theCampaignSaysHowManyWaitAndWhenTheNextWindowOpens()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight());
        // Japan is open: Germany (3) and Brazil (4) wait; Berlin opens first, at 08:00 UTC.
        WindowWait w = QuietHoursQueue::wait(db, c.id, clock.now());
        QCOMPARE(w.waiting, 7);
        QCOMPARE(w.nextOpening, utc(u"2026-12-07T08:00:00"_s));
        QCOMPARE(w.nextRegion, u"DE"_s);
        // Across the day boundary: at 23:30 UTC nobody is open; Tokyo opens at 00:00 UTC.
        clock.set(utc(u"2026-12-07T23:30:00"_s));
        w = QuietHoursQueue::wait(db, c.id, clock.now());
        QCOMPARE(w.waiting, 12);
        QCOMPARE(w.nextOpening, utc(u"2026-12-08T00:00:00"_s));
        QCOMPARE(w.nextRegion, u"JP"_s);
        // Waiting rows are neither failed nor counted.
        const Campaign stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.totalSent, 0);
        QCOMPARE(stored.totalFailed, 0);
        QCOMPARE(stored.pending, 12);
    }

    void weekdaysOnlyHoldsEveryoneOverTheWeekendAndOpensMondayInTokyoFirst()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        // Saturday 5 December 2026, noon UTC: inside 09:00–20:00 in Berlin and São Paulo, but
        // Saturday everywhere.
        ManualClock clock(utc(u"2026-12-05T12:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight(true));
        QueueEngine engine(db, clock);
        QVERIFY(engine.claim(c.id, u"w"_s, 100).isEmpty());
        WindowWait w = QuietHoursQueue::wait(db, c.id, clock.now());
        QCOMPARE(w.waiting, 12);
        QCOMPARE(w.nextOpening, utc(u"2026-12-07T00:00:00"_s)); // Monday 09:00 in Tokyo
        QCOMPARE(w.nextRegion, u"JP"_s);
        // Friday evening in São Paulo is Saturday morning in Tokyo: only Brazil is open.
        clock.set(utc(u"2026-12-04T22:00:00"_s));
        const QList<ClaimedMessage> friday = engine.claim(c.id, u"w"_s, 100);
        QCOMPARE(countriesOf(db, friday), QSet<QString>{u"BR"_s});
        engine.release(friday);
        // Monday 00:00 UTC: Tokyo's Monday has begun, Berlin's and São Paulo's not yet.
        clock.set(utc(u"2026-12-07T00:00:00"_s));
        QCOMPARE(countriesOf(db, engine.claim(c.id, u"w"_s, 100)), QSet<QString>{u"JP"_s});
    }

    void theCampaignCompletesExactlyWhenTheLastWaitingRecipientIsSent()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight());
        QueueEngine engine(db, clock);
        CampaignStore store(db, clock);

        // 01:00 UTC: Japan only.
        RecordResult r = sendAll(engine, engine.claim(c.id, u"w"_s, 100));
        QCOMPARE(r.sent, 5);
        QVERIFY(r.completedCampaigns.isEmpty());
        // Nothing sendable: the sender holds; the campaign stays running with 7 pending.
        QVERIFY(engine.claim(c.id, u"w"_s, 100).isEmpty());
        Campaign now = store.byId(c.id);
        QCOMPARE(now.status, CampaignStatus::Running);
        QCOMPARE(now.totalSent, 5);
        QCOMPARE(now.pending, 7);
        QVERIFY(!Completion::completeIfDone(db, c.id, clock));

        // 08:00 UTC: Germany.
        clock.set(utc(u"2026-12-07T08:00:00"_s));
        r = sendAll(engine, engine.claim(c.id, u"w"_s, 100));
        QCOMPARE(r.sent, 3);
        QVERIFY(r.completedCampaigns.isEmpty());
        QCOMPARE(store.byId(c.id).status, CampaignStatus::Running);

        // 12:00 UTC: Brazil, the last four; the batch that sends them completes the campaign.
        clock.set(utc(u"2026-12-07T12:00:00"_s));
        const QList<ClaimedMessage> last = engine.claim(c.id, u"w"_s, 100);
        QCOMPARE(countriesOf(db, last), QSet<QString>{u"BR"_s});
        QCOMPARE(store.byId(c.id).status, CampaignStatus::Running);
        r = sendAll(engine, last);
        QCOMPARE(r.sent, 4);
        QCOMPARE(r.completedCampaigns, QStringList{c.id});
        now = store.byId(c.id);
        QCOMPARE(now.status, CampaignStatus::Completed);
        QCOMPARE(now.totalSent, 12);
        QCOMPARE(now.totalFailed, 0);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }

    void aCountrysZoneCanBeChangedInTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        // 12:30 UTC is 09:30 in São Paulo but 08:30 in Manaus.
        ManualClock clock(utc(u"2026-12-07T12:30:00"_s));
        QuietHours q = nineToEight();
        q.zones.insert(u"BR"_s, u"America/Manaus"_s);
        const Campaign c = threeCountries(db, clock, q);
        QueueEngine engine(db, clock);
        QCOMPARE(countriesOf(db, engine.claim(c.id, u"w"_s, 100)), QSet<QString>{u"DE"_s});
        const WindowWait w = QuietHoursQueue::wait(db, c.id, clock.now());
        QCOMPARE(w.nextRegion, u"BR"_s);
        QCOMPARE(w.nextOpening, utc(u"2026-12-07T13:00:00"_s));
    }

    void rowsWithoutACountryGetOneBeforeSendingAndUseTheFallbackZoneUntilThen()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        const Campaign c = threeCountries(db, clock, nineToEight());
        // As the bulk import and schema version 3 leave them.
        db.run(u"UPDATE send_queue SET region = '' WHERE campaign_id = ?"_s, {c.id});
        QCOMPARE(RecipientRegions::waiting(db, c.id), QStringList{QString()});
        // Fallback UTC: 01:00 is closed for all of them.
        QueueEngine engine(db, clock);
        QVERIFY(engine.claim(c.id, u"w"_s, 100).isEmpty());
        QCOMPARE(QuietHoursQueue::wait(db, c.id, clock.now()).waiting, 12);
        QCOMPARE(RecipientRegions::fill(db, c.id), 12);
        QCOMPARE(countriesOf(db, engine.claim(c.id, u"w"_s, 100)), QSet<QString>{u"JP"_s});
    }

    void applyStoresTheQuietHoursKeepsOtherSettingsGivesRowsTheirCountryAndRefusesBadOnes()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T01:00:00"_s));
        CampaignStore store(db, clock);
        const Campaign c = store.create({u"Later"_s, u"order_update"_s, u"en_US"_s, {}, {{u"rate"_s, 5}}});
        QueueEngine(db, clock).enqueue(c.id, recipientsIn(u"JP"_s, 2));
        db.run(u"UPDATE send_queue SET region = ''"_s);
        QuietHours overnight = nineToEight();
        overnight.from = QTime(21, 0);
        try {
            QuietHoursQueue::apply(db, clock, c.id, overnight);
            QFAIL("an overnight window was stored");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
        }
        QVERIFY(!store.byId(c.id).settings.contains(u"quietHours"_s));

        QuietHoursQueue::apply(db, clock, c.id, nineToEight(true));
        const QJsonObject settings = store.byId(c.id).settings;
        QCOMPARE(settings.value(u"rate"_s).toInt(), 5);
        QVERIFY(QuietHours::fromSettings(settings).weekdaysOnly);
        QCOMPARE(RecipientRegions::waiting(db, c.id), QStringList{u"JP"_s});

        QuietHoursQueue::apply(db, clock, c.id, QuietHours{});
        QVERIFY(!store.byId(c.id).settings.contains(u"quietHours"_s));
        QCOMPARE(store.byId(c.id).settings.value(u"rate"_s).toInt(), 5);
    }

    void quietHoursRoundTripThroughTheCampaignSettingsAndBadOnesAreExplained()
    {
        QuietHours q = nineToEight(true);
        q.zones.insert(u"US"_s, u"America/Chicago"_s);
        QJsonObject settings{{u"rate"_s, 20}};
        q.writeTo(settings);
        QCOMPARE(settings.value(u"rate"_s).toInt(), 20);
        const QuietHours back = QuietHours::fromSettings(settings);
        QVERIFY(back.enabled);
        QCOMPARE(back.from, QTime(9, 0));
        QCOMPARE(back.until, QTime(20, 0));
        QVERIFY(back.weekdaysOnly);
        QCOMPARE(back.zones.value(u"US"_s), u"America/Chicago"_s);
        QVERIFY(back.validate().isEmpty());
        QCOMPARE(back.zoneFor(u"US"_s).id(), QByteArray("America/Chicago"));

        QuietHours off;
        off.writeTo(settings);
        QVERIFY(!settings.contains(u"quietHours"_s));
        QVERIFY(!QuietHours::fromSettings(settings).enabled);

        QuietHours overnight = nineToEight();
        overnight.from = QTime(22, 0);
        overnight.until = QTime(6, 0);
        QCOMPARE(overnight.validate().size(), 1);
        QVERIFY(overnight.validate().first().contains(u"22:00–06:00"_s));
        QuietHours badZone = nineToEight();
        badZone.zones.insert(u"FR"_s, u"Europe/Atlantis"_s);
        QVERIFY(badZone.validate().value(0).contains(u"Europe/Atlantis"_s));
    }

    void eachCountryHasOneMainZoneChosenTheSameWayEveryTime()
    {
        QCOMPARE(QuietHours::mainZone(u"US"_s).id(), QByteArray("America/New_York"));
        QCOMPARE(QuietHours::mainZone(u"br"_s).id(), QByteArray("America/Sao_Paulo"));
        QCOMPARE(QuietHours::mainZone(u"RU"_s).id(), QByteArray("Europe/Moscow"));
        QCOMPARE(QuietHours::mainZone(u"JP"_s).id(), QByteArray("Asia/Tokyo"));
        QCOMPARE(QuietHours::mainZone(u"FR"_s).id(), QByteArray("Europe/Paris"));
        QCOMPARE(QuietHours::mainZone(u"IN"_s).id(), QByteArray("Asia/Kolkata"));
        QCOMPARE(QuietHours::mainZone(QString()), QTimeZone::utc());
    }
};

QTEST_GUILESS_MAIN(TestQuietHours)
#include "test_quiethours.moc"
