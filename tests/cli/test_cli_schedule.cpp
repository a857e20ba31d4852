// campaign schedule / unschedule / quiet-hours and run of a scheduled or quiet-hours campaign,
// through the real herald-cli against the in-process simulator, on both backends.
#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "queue/Schedule.h"
#include "simulator/CloudApiSimulator.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
QJsonObject sampleDefaults()
{
    return QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                   {u"body.1"_s, u"Ann"_s},
                                                   {u"body.2"_s, u"A1"_s},
                                                   {u"button.0"_s, u"A1"_s}}}};
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// A fixed-offset zone in which it is now about `localHour` o'clock.
QString zoneWhereItIs(int localHour)
{
    const int utcHour = QDateTime::currentDateTimeUtc().time().hour();
    int offset = ((localHour - utcHour) % 24 + 24) % 24;
    if (offset > 12) {
        offset -= 24;
    }
    return offset == 0 ? u"UTC"_s : QString::asprintf("UTC%+03d:00", offset);
}

QString statusOf(Database &db, const QString &id)
{
    return db.scalar(u"SELECT status FROM campaigns WHERE id = ?"_s, {id}).toString();
}
} // namespace

class TestCliSchedule : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(TestDatabase &tdb, const QStringList &args, const QString &token = {})
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args, token);
    }

    Campaign campaignWith(Database &db, const QString &name, const QStringList &phones)
    {
        const Campaign c = CampaignStore(db, Clock::system())
                               .create({name, u"order_update"_s, u"en_US"_s, {}, sampleDefaults()});
        QList<Recipient> list;
        for (const QString &p : phones) {
            list << Recipient{p, {}, {}, 0};
        }
        QueueEngine(db, Clock::system()).enqueue(c.id, list);
        return c;
    }

    bool sync(TestDatabase &tdb, CloudApiSimulator &sim)
    {
        return cli(tdb,
                   {u"templates"_s, u"sync"_s, u"--api-base"_s, sim.baseUrl().toString(), u"--waba-id"_s,
                    sim.config().wabaId},
                   sim.config().accessToken)
                   .exitCode == 0;
    }

    QStringList runArgs(const QString &name, CloudApiSimulator &sim)
    {
        return {u"run"_s,        u"--campaign"_s,          name,
                u"--api-base"_s, sim.baseUrl().toString(), u"--rate"_s,
                u"50"_s,         u"--phone-number-id"_s,   sim.config().phoneNumberId};
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void scheduleAndUnscheduleMoveADraftAndRefuseWhatMakesNoSense()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = campaignWith(db, u"Tomorrow"_s, {u"+4915123456789"_s});
        QDateTime at = QDateTime::currentDateTimeUtc().addDays(1);
        at.setTime(QTime(at.time().hour(), at.time().minute())); // whole minutes, as --at is written

        CliRun r =
            cli(*tdb, {u"campaign"_s, u"schedule"_s, u"--campaign"_s, u"Tomorrow"_s, u"--at"_s, iso(at)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"scheduled for %1 UTC"_s.arg(at.toString(u"yyyy-MM-dd HH:mm"_s))),
                 qPrintable(r.describe()));
        QCOMPARE(statusOf(db, c.id), u"scheduled"_s);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).scheduledAt, at);

        // Another offset, the same moment; JSON carries scheduled_at in UTC.
        const QString tokyo = at.toTimeZone(QTimeZone("Asia/Tokyo")).toString(Qt::ISODate);
        r = cli(*tdb, {u"campaign"_s, u"schedule"_s, u"--campaign"_s, u"Tomorrow"_s, u"--at"_s, tokyo,
                       u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(QDateTime::fromString(r.json().value(u"scheduled_at"_s).toString(), Qt::ISODateWithMs), at);

        r = cli(*tdb,
                {u"campaign"_s, u"schedule"_s, u"--campaign"_s, u"Tomorrow"_s, u"--at"_s, u"next tuesday"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"ISO 8601"_s));
        r = cli(*tdb, {u"campaign"_s, u"schedule"_s, u"--campaign"_s, u"Tomorrow"_s, u"--at"_s,
                       iso(QDateTime::currentDateTimeUtc().addSecs(-3600))});
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"already passed"_s));
        r = cli(*tdb, {u"campaign"_s, u"schedule"_s, u"--campaign"_s, u"Nobody"_s, u"--at"_s, iso(at)});
        QCOMPARE(r.exitCode, 5);

        r = cli(*tdb, {u"campaign"_s, u"unschedule"_s, u"--campaign"_s, u"Tomorrow"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(statusOf(db, c.id), u"draft"_s);
        QVERIFY(db.scalar(u"SELECT scheduled_at FROM campaigns WHERE id = ?"_s, {c.id}).isNull());
        r = cli(*tdb, {u"campaign"_s, u"unschedule"_s, u"--campaign"_s, u"Tomorrow"_s});
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"draft"_s));
    }

    void runWaitsForAScheduledCampaignSayingWhenAndStartsItWhenDue()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QVERIFY(sync(*tdb, sim));
        Database &db = tdb->db();
        const Campaign c = campaignWith(db, u"Soon"_s, {u"+4915123456781"_s, u"+4915123456782"_s});
        const QDateTime due = QDateTime::currentDateTimeUtc().addSecs(3);
        Schedule(db, Clock::system()).schedule(c.id, due);

        const CliRun r = cli(*tdb, runArgs(u"Soon"_s, sim), sim.config().accessToken);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"waiting to start it then"_s), qPrintable(r.describe()));
        QVERIFY2(!r.out.contains(u"late"_s), qPrintable(r.describe()));
        const Campaign done = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(done.status, CampaignStatus::Completed);
        QCOMPARE(done.totalSent, 2);
        QVERIFY(done.startTime >= due);
        QCOMPARE(sim.log().totals().sendRequests, 2);
    }

    void runStartsAScheduleMissedWhileNothingRanAndSaysHowLate()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QVERIFY(sync(*tdb, sim));
        Database &db = tdb->db();
        const Campaign c = campaignWith(db, u"Missed"_s, {u"+4915123456783"_s});
        // Scheduled yesterday for two hours ago; no Herald ran since.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        ManualClock yesterday(now.addDays(-1));
        Schedule(db, yesterday).schedule(c.id, now.addSecs(-2 * 3600 - 5 * 60));

        const CliRun r = cli(*tdb, runArgs(u"Missed"_s, sim), sim.config().accessToken);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"started 2 h 5 min late"_s), qPrintable(r.describe()));
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).status, CampaignStatus::Completed);
    }

    void quietHoursAreSetFromTheCommandLineAndBadWindowsAreRefused()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = campaignWith(db, u"Polite"_s, {u"+4915123456784"_s});
        CliRun r = cli(*tdb, {u"campaign"_s, u"quiet-hours"_s, u"--campaign"_s, u"Polite"_s, u"--window"_s,
                              u"09:00-20:00"_s, u"--weekdays-only"_s, u"--zone"_s, u"br=America/Manaus"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"from 09:00 to 20:00"_s) && r.out.contains(u"Monday to Friday"_s),
                 qPrintable(r.describe()));
        const QJsonObject q =
            CampaignStore(db, Clock::system()).byId(c.id).settings.value(u"quietHours"_s).toObject();
        QCOMPARE(q.value(u"from"_s).toString(), u"09:00"_s);
        QCOMPARE(q.value(u"until"_s).toString(), u"20:00"_s);
        QVERIFY(q.value(u"weekdaysOnly"_s).toBool());
        QCOMPARE(q.value(u"zones"_s).toObject().value(u"BR"_s).toString(), u"America/Manaus"_s);

        r = cli(*tdb, {u"campaign"_s, u"quiet-hours"_s, u"--campaign"_s, u"Polite"_s, u"--window"_s,
                       u"22:00-06:00"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"across midnight"_s));
        r = cli(*tdb,
                {u"campaign"_s, u"quiet-hours"_s, u"--campaign"_s, u"Polite"_s, u"--window"_s, u"9-20"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        r = cli(*tdb, {u"campaign"_s, u"quiet-hours"_s, u"--campaign"_s, u"Polite"_s, u"--off"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(!CampaignStore(db, Clock::system()).byId(c.id).settings.contains(u"quietHours"_s));
    }

    // Germany's window is open, Japan's closed: run sends to Germany, then holds and says when
    // Japan opens, without exiting; Ctrl+C (here SIGTERM) pauses with Japan still queued.
    void runHoldsWhileRecipientsWaitForTheirWindowAndSaysWhenItOpens()
    {
        HERALD_TEST_DB(tdb);
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        QVERIFY(sync(*tdb, sim));
        Database &db = tdb->db();
        const Campaign c = campaignWith(db, u"Night"_s,
                                        {u"+4915123456785"_s, u"+4915123456786"_s, u"+819012345678"_s,
                                         u"+819012345679"_s, u"+819012345670"_s});
        const CliRun set =
            cli(*tdb, {u"campaign"_s, u"quiet-hours"_s, u"--campaign"_s, u"Night"_s, u"--window"_s,
                       u"09:00-20:00"_s, u"--zone"_s, u"DE="_s + zoneWhereItIs(14), u"--zone"_s,
                       u"JP="_s + zoneWhereItIs(2)});
        QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));

        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"HERALD_DB"_s);
        env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
        p.setProcessEnvironment(env);
        p.start(QString::fromUtf8(HERALD_CLI_PATH),
                QStringList{u"--db"_s, tdb->url()} + runArgs(u"Night"_s, sim));
        QString out;
        QDeadlineTimer deadline(60000);
        while (!out.contains(u"Holding:"_s) && !deadline.hasExpired() && p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(500);
            out += QString::fromUtf8(p.readAllStandardOutput());
        }
        QVERIFY2(out.contains(u"Holding: 3 recipients outside quiet hours"_s),
                 qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        // Japan opens at 09:00 there, about seven hours from now.
        QVERIFY2(out.contains(u"in 6 h"_s) || out.contains(u"in 7 h"_s), qPrintable(out));
        // Still running, holding the campaign.
        QTest::qWait(1500);
        QCOMPARE(p.state(), QProcess::Running);
        Campaign now = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(now.status, CampaignStatus::Running);
        QCOMPARE(now.totalSent, 2);
        QCOMPARE(now.totalFailed, 0);
        QCOMPARE(now.pending, 3);

        p.terminate();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 10);
        now = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(now.status, CampaignStatus::Paused);
        QCOMPARE(now.pending, 3);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'ready' "
                           "AND region = 'JP'"_s,
                           {c.id})
                     .toInt(),
                 3);
        QCOMPARE(sim.log().totals().sendRequests, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSchedule)
#include "test_cli_schedule.moc"
