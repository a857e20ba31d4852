// The console and the schedule: a scheduled campaign starts in a running console when due and
// is sent there; one that fell due while no Herald ran starts when the console opens, with a
// notice naming how late; a quiet-hours campaign holds with a notice saying when the next
// window opens. Real window, real sender, the in-process simulator, SQLite and PostgreSQL.
#include "UiTestUtil.h"
#include "queue/QuietHours.h"
#include "queue/Schedule.h"
#include "sending/SendController.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
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
} // namespace

class TestScheduledStart : public QObject
{
    Q_OBJECT

    struct Setup
    {
        std::unique_ptr<TestDatabase> tdb;
        Campaign campaign;
    };

    // A database with the simulator's templates and a ready campaign of `recipients`.
    static bool setUp(Setup &s, CloudApiSimulator &sim, const QString &name, int recipients)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        QString skip;
        s.tdb = TestDatabase::create(backend, &skip);
        if (!s.tdb) {
            QTest::qSkip(qPrintable(skip), __FILE__, __LINE__);
            return false;
        }
        if (!syncTemplates(s.tdb->db(), sim)) {
            return false;
        }
        s.campaign = readyCampaign(s.tdb->db(), name, recipients);
        return true;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aScheduledCampaignStartsInTheRunningConsoleWhenDueAndIsSentThere()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Setup s;
        if (!setUp(s, sim, u"At two"_s, 4)) {
            return;
        }
        const QDateTime due = QDateTime::currentDateTimeUtc().addSecs(2);
        {
            TestDbAccess access;
            Schedule(s.tdb->db(), Clock::system()).schedule(s.campaign.id, due);
        }
        FixedCredentials credentials(sim.config().accessToken);
        MainWindow w(contextFor(*s.tdb, sim, &credentials));
        QSignalSpy notices(&w.sender(), &SendController::notice);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, s.campaign.id); }, 10'000));
        QCOMPARE(shownRow(w, s.campaign.id)->status, CampaignStatus::Scheduled);
        QCOMPARE(shownRow(w, s.campaign.id)->scheduledAt, due);
        QVERIFY(!w.sender().isSendingAnything());
        QCOMPARE(sim.log().totals().sendRequests, 0);

        QVERIFY(waitUntil([&] { return shownRow(w, s.campaign.id)->status == CampaignStatus::Completed; },
                          30'000));
        QCOMPARE(shownRow(w, s.campaign.id)->sent, 4);
        QCOMPARE(sim.log().totals().accepted, 4);
        QVERIFY(notices.size() >= 1);
        QCOMPARE(notices.first().first().toString(), u"Campaign \"At two\" started as scheduled."_s);
        TestDbAccess access;
        QVERIFY(CampaignStore(s.tdb->db(), Clock::system()).byId(s.campaign.id).startTime >= due);
        s.tdb.reset();
    }

    void aScheduleMissedWhileNoHeraldRanStartsWhenTheConsoleOpensAndSaysHowLate()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Setup s;
        if (!setUp(s, sim, u"Missed"_s, 3)) {
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        {
            TestDbAccess access;
            ManualClock yesterday(now.addDays(-1));
            Schedule(s.tdb->db(), yesterday).schedule(s.campaign.id, now.addSecs(-(3 * 3600 + 12 * 60 + 10)));
        }
        FixedCredentials credentials(sim.config().accessToken);
        MainWindow w(contextFor(*s.tdb, sim, &credentials));
        QSignalSpy notices(&w.sender(), &SendController::notice);
        w.show();
        QVERIFY(waitUntil([&] { return !notices.isEmpty(); }, 20'000));
        const QString notice = notices.first().first().toString();
        QVERIFY2(notice.contains(u"\"Missed\" started 3 h 12 min late"_s), qPrintable(notice));
        QVERIFY(waitUntil([&] { return shownRow(w, s.campaign.id)->status == CampaignStatus::Completed; },
                          30'000));
        QCOMPARE(sim.log().totals().accepted, 3);
        TestDbAccess access;
        s.tdb.reset();
    }

    void aQuietHoursCampaignSendsInsideTheWindowsThenHoldsAndSaysWhenTheNextOpens()
    {
        CloudApiSimulator sim;
        QVERIFY(sim.start());
        Setup s;
        if (!setUp(s, sim, u"Polite"_s, 0)) {
            return;
        }
        {
            TestDbAccess access;
            Database &db = s.tdb->db();
            QuietHours q;
            q.enabled = true;
            q.zones.insert(u"DE"_s, zoneWhereItIs(14)); // open
            q.zones.insert(u"JP"_s, zoneWhereItIs(2));  // closed for about seven hours
            QJsonObject settings = s.campaign.settings;
            q.writeTo(settings);
            CampaignStore store(db, Clock::system());
            store.updateSettings(s.campaign.id, settings);
            QList<Recipient> list = makeRecipients(3);
            for (const QString &jp : {u"+819012345671"_s, u"+819012345672"_s}) {
                list << Recipient{jp, {}, QJsonObject{{u"body.1"_s, u"Kenji"_s}}, 0};
            }
            QueueEngine(db, Clock::system()).enqueue(s.campaign.id, list);
            store.transition(s.campaign.id, CampaignStatus::Running);
        }
        FixedCredentials credentials(sim.config().accessToken);
        MainWindow w(contextFor(*s.tdb, sim, &credentials));
        QSignalSpy notices(&w.sender(), &SendController::notice);
        w.show();
        // Nobody sends it: this console takes it over, sends Germany and holds Japan.
        auto holding = [&] {
            for (const QList<QVariant> &n : notices) {
                if (n.first().toString().startsWith(u"Holding: 2 recipients outside quiet hours"_s)) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(waitUntil(holding, 30'000));
        QVERIFY(waitUntil([&] { return shownRow(w, s.campaign.id)->sent == 3; }, 10'000));
        QTest::qWait(1000);
        const CampaignRow *row = shownRow(w, s.campaign.id);
        QCOMPARE(row->status, CampaignStatus::Running);
        QCOMPARE(row->sent, 3);
        QCOMPARE(row->failed, 0);
        QCOMPARE(row->pending, 2);
        QVERIFY(w.sender().isSending(s.campaign.id));
        const SendProgress p = w.sender().progress().value(s.campaign.id);
        QCOMPARE(p.waitingForWindow, 2);
        const qint64 wait = QDateTime::currentDateTimeUtc().secsTo(p.windowOpensAt);
        QVERIFY2(wait > 6 * 3600 && wait <= 7 * 3600, qPrintable(p.windowOpensAt.toString(Qt::ISODate)));
        QCOMPARE(sim.log().totals().accepted, 3);

        bool closed = false;
        w.sender().closeAll([&] { closed = true; });
        QVERIFY(waitUntil([&] { return closed; }, 10'000));
        TestDbAccess access;
        QCOMPARE(countWhere(s.tdb->db(), u"status = 'ready' AND region = 'JP'"_s), 2);
        s.tdb.reset();
    }
};

HERALD_UI_TEST_MAIN(TestScheduledStart)
#include "test_scheduledstart.moc"
