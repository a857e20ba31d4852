#include "QueueTestUtil.h"
#include "db/DbError.h"
#include "queue/Schedule.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QString refusalOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const DbError &e) {
        return e.kind() == DbError::Kind::Refused ? e.message() : u"not refused: "_s + e.message();
    }
    return {};
}
} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aDraftIsScheduledForATimeStoredInUtcAndUnscheduledBackToDraft()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T10:00:00"_s));
        const Campaign c = makeCampaign(db, clock, u"Later"_s, 3);
        Schedule schedule(db, clock);
        // 15:30 in Berlin is 14:30 UTC.
        const QDateTime berlin(QDate(2026, 12, 7), QTime(15, 30), QTimeZone("Europe/Berlin"));
        Campaign s = schedule.schedule(c.id, berlin);
        QCOMPARE(s.status, CampaignStatus::Scheduled);
        QCOMPARE(s.scheduledAt, utc(u"2026-12-07T14:30:00"_s));
        QCOMPARE(s.scheduledAt.timeSpec(), Qt::UTC);
        // Moving it keeps it scheduled.
        s = schedule.schedule(c.id, utc(u"2026-12-08T06:00:00"_s));
        QCOMPARE(s.status, CampaignStatus::Scheduled);
        QCOMPARE(s.scheduledAt, utc(u"2026-12-08T06:00:00"_s));
        // A scheduled campaign hands out nothing before it runs.
        QVERIFY(QueueEngine(db, clock).claim(c.id, u"w"_s, 10).isEmpty());

        const Campaign back = schedule.unschedule(c.id);
        QCOMPARE(back.status, CampaignStatus::Draft);
        QVERIFY(!back.scheduledAt.isValid());
        QVERIFY(refusalOf([&] { schedule.unschedule(c.id); }).contains(u"draft"_s));
    }

    void aTimeThatPassedAnEmptyCampaignAndARunningOneAreRefused()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T10:00:00"_s));
        const Campaign c = makeCampaign(db, clock, u"Later"_s, 3);
        const Campaign empty = makeCampaign(db, clock, u"Empty"_s, 0);
        Schedule schedule(db, clock);
        QVERIFY(refusalOf([&] {
                    schedule.schedule(c.id, utc(u"2026-12-07T09:59:00"_s));
                }).contains(u"already passed"_s));
        QVERIFY(refusalOf([&] {
                    schedule.schedule(empty.id, utc(u"2026-12-08T09:00:00"_s));
                }).contains(u"no recipients"_s));
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QVERIFY(refusalOf([&] {
                    schedule.schedule(c.id, utc(u"2026-12-08T09:00:00"_s));
                }).contains(u"from running to scheduled"_s));
        QCOMPARE(CampaignStore(db, clock).byId(empty.id).status, CampaignStatus::Draft);
    }

    void aDueCampaignStartsOnTimeWithoutANotice()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T10:00:00"_s));
        const Campaign c = makeCampaign(db, clock, u"Soon"_s, 3);
        Schedule schedule(db, clock);
        schedule.schedule(c.id, utc(u"2026-12-07T10:05:00"_s));
        clock.set(utc(u"2026-12-07T10:04:59"_s));
        QVERIFY(schedule.due().isEmpty());
        QVERIFY(!schedule.startIfDue(c.id));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Scheduled);

        clock.set(utc(u"2026-12-07T10:05:01"_s));
        QCOMPARE(schedule.due().size(), 1);
        const auto started = schedule.startIfDue(c.id);
        QVERIFY(started);
        QVERIFY(!started->late());
        QCOMPARE(started->lateSeconds, 1);
        const Campaign running = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(running.status, CampaignStatus::Running);
        QVERIFY(running.statusReason.isEmpty());
        QCOMPARE(running.startTime, utc(u"2026-12-07T10:05:01"_s));
        QCOMPARE(QueueEngine(db, clock).claim(c.id, u"w"_s, 10).size(), 3);
        // Started once: a second Herald finding it due a moment later does nothing.
        QVERIFY(!schedule.startIfDue(c.id));
        QVERIFY(schedule.due().isEmpty());
    }

    void aCampaignThatFellDueWhileNothingRanStartsLateAndSaysHowLate()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(utc(u"2026-12-07T10:00:00"_s));
        const Campaign c = makeCampaign(db, clock, u"Missed"_s, 2);
        Schedule schedule(db, clock);
        schedule.schedule(c.id, utc(u"2026-12-07T14:00:00"_s));
        // Herald next runs at 17:12.
        clock.set(utc(u"2026-12-07T17:12:30"_s));
        const QList<Campaign> due = schedule.due();
        QCOMPARE(due.size(), 1);
        const auto started = schedule.startIfDue(due.first().id);
        QVERIFY(started);
        QVERIFY(started->late());
        QCOMPARE(started->lateSeconds, 3 * 3600 + 12 * 60 + 30);
        QVERIFY2(started->notice.contains(u"started 3 h 12 min late"_s), qPrintable(started->notice));
        QVERIFY2(started->notice.contains(u"2026-12-07 14:00 UTC"_s), qPrintable(started->notice));
        const Campaign running = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(running.status, CampaignStatus::Running);
        QCOMPARE(running.statusReason, started->notice);
    }

    void durationsReadAsPeopleSayThem()
    {
        QCOMPARE(Schedule::describeDuration(45), u"45 s"_s);
        QCOMPARE(Schedule::describeDuration(12 * 60 + 5), u"12 min"_s);
        QCOMPARE(Schedule::describeDuration(3 * 3600), u"3 h"_s);
        QCOMPARE(Schedule::describeDuration(3 * 3600 + 12 * 60), u"3 h 12 min"_s);
        QCOMPARE(Schedule::describeDuration(52 * 3600), u"2 d 4 h"_s);
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "test_schedule.moc"
