// The campaign's Overview charts, drawn from the database's per-minute history through the data
// thread: a campaign sent over several minutes (a ManualClock moves time), extended as it sends
// by reading only the new minutes, reloaded when figures go back, rendered offscreen (raster), and
// through the main window: the table's numbers, the chart's last points and the database's
// counters agree. On SQLite and PostgreSQL; the GUI thread runs no SQL.
#include "UiTestUtil.h"
#include "data/CampaignMonitor.h"
#include "data/DataService.h"
#include "queue/CampaignHistory.h"
#include "views/CampaignsPage.h"
#include "views/OverviewCharts.h"
#include "widgets/ChartStyle.h"

#include <QAction>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
// Claims and records `sent` successes and `failed` failures at the clock's time.
void sendNow(Database &db, const Clock &clock, const QString &id, int sent, int failed)
{
    QueueEngine engine(db, clock);
    const QList<ClaimedMessage> claimed = engine.claim(id, u"worker"_s, sent + failed);
    QList<Outcome> outcomes;
    for (int i = 0; i < claimed.size(); ++i) {
        outcomes << (i < sent ? Outcome::sent(claimed.at(i), u"wamid.%1"_s.arg(claimed.at(i).id))
                              : Outcome::failed(claimed.at(i), u"131026"_s, {}, 131026));
    }
    engine.record(outcomes);
}

CampaignRow rowOf(Database &db, const Clock &clock, const QString &id)
{
    for (const CampaignRow &r : CampaignMonitor(clock).poll(db).rows) {
        if (r.id == id) {
            return r;
        }
    }
    return {};
}

// Pixels of roughly this colour: a drawn line, not an empty frame.
int pixelsLike(const QImage &image, const QColor &color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                60) {
                ++n;
            }
        }
    }
    return n;
}

void saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(100); // charts lay out their axes and titles in a posted event
        w.grab().save(dir + u'/' + name + u".png"_s);
    }
}
} // namespace

class TestOverviewCharts : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<CloudApiSimulator> m_sim;
    quint64 m_violationsBefore = 0;
    // 09:58:20 UTC on a fixed day: minutes are predictable, and far from now.
    ManualClock m_clock{QDateTime(QDate(2026, 3, 2), QTime(9, 58, 20), Qt::UTC)};

    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_clock.set(QDateTime(QDate(2026, 3, 2), QTime(9, 58, 20), Qt::UTC));
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        return true;
    }

    // A running campaign of 400 that sent 50 in 09:58, 80 + 5 failed in 09:59, nothing in
    // 10:00 and 100 + 10 failed in 10:01.
    Campaign sentOverMinutes()
    {
        TestDbAccess access;
        Database &db = m_tdb->db();
        const Campaign c = makeCampaign(db, m_clock, u"Spring sale"_s, 400);
        CampaignStore(db, m_clock).transition(c.id, CampaignStatus::Running);
        m_clock.advanceMs(10'000); // 09:58:30
        sendNow(db, m_clock, c.id, 50, 0);
        m_clock.advanceMs(60'000); // 09:59:30
        sendNow(db, m_clock, c.id, 80, 5);
        m_clock.advanceMs(120'000); // 10:01:30
        sendNow(db, m_clock, c.id, 100, 10);
        return c;
    }

    CampaignRow row(const QString &id)
    {
        TestDbAccess access;
        return rowOf(m_tdb->db(), m_clock, id);
    }

    Campaign stored(const QString &id)
    {
        TestDbAccess access;
        return CampaignStore(m_tdb->db(), m_clock).byId(id);
    }

    static bool shown(OverviewCharts &charts, const std::function<void()> &action)
    {
        QSignalSpy spy(&charts, &OverviewCharts::historyShown);
        action();
        return spy.wait(patient(10'000));
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
        Prompt::clearShown();
    }

    void aCampaignSentOverSeveralMinutesIsDrawnAndItsLastPointsAreTheCounters()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const Campaign c = sentOverMinutes();
        OverviewCharts charts(*m_data);
        charts.resize(1000, 340);
        charts.show();
        const CampaignRow r = row(c.id);
        QCOMPARE(r.sent, 230);
        QVERIFY(shown(charts, [&] { charts.showCampaign(r); }));
        QVERIFY(charts.showsCharts());
        QCOMPARE(charts.fullReads(), 1);
        const Campaign s = stored(c.id);
        QCOMPARE(charts.lastSent(), s.totalSent);
        QCOMPARE(charts.lastFailed(), s.totalFailed);
        QCOMPARE(charts.lastSent(), r.sent);
        QCOMPARE(charts.lastFailed(), r.failed);

        // From the start (09:58:20) at zero, flat through the quiet minute 10:00.
        const auto t = [](int h, int m, int sec = 0) {
            return qreal(QDateTime(QDate(2026, 3, 2), QTime(h, m, sec), Qt::UTC).toMSecsSinceEpoch());
        };
        QCOMPARE(charts.sentSeries()->at(0), QPointF(t(9, 58, 20), 0));
        QVERIFY(charts.sentSeries()->points().contains(QPointF(t(9, 59), 50)));
        QVERIFY(charts.sentSeries()->points().contains(QPointF(t(10, 0), 130)));
        QVERIFY(charts.sentSeries()->points().contains(QPointF(t(10, 1), 130)));
        QVERIFY(charts.failedSeries()->points().contains(QPointF(t(10, 0), 5)));
        // Throughput: 50 in the 40 s of the first minute; 110 in the last one's 30 s up to the
        // campaign's last counter change (10:01:30).
        QVERIFY(charts.rateSeries()->points().contains(QPointF(t(9, 58, 20), 1.25)));
        QVERIFY(charts.rateSeries()->points().contains(QPointF(t(10, 1), 110.0 / 30.0)));
        QCOMPARE(charts.sentSeries()->points().last(), QPointF(t(10, 1, 30), 230));
        QVERIFY(charts.summaryText().contains(u"230 sent"_s));

        // Drawn offscreen, without OpenGL: the lines are on the image.
        QTest::qWait(50);
        const QImage image = charts.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(pixelsLike(image, ChartStyle::sentColor()) > 100, "the sent line is not drawn");
        QVERIFY2(pixelsLike(image, ChartStyle::failedColor()) > 50, "the failed line is not drawn");
        QVERIFY2(pixelsLike(image, ChartStyle::rateColor()) > 100, "the throughput line is not drawn");
        saveScreenshot(charts, u"overview-minutes"_s);
    }

    void aLiveCampaignReadsOnlyTheMinutesSinceTheLastOneItHas()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const Campaign c = sentOverMinutes();
        OverviewCharts charts(*m_data);
        charts.resize(900, 300);
        QVERIFY(shown(charts, [&] { charts.showCampaign(row(c.id)); }));
        QCOMPARE(charts.fullReads(), 1);

        // More in the minute that was still growing (10:01) and in a new one (10:02).
        {
            TestDbAccess access;
            m_clock.advanceMs(20'000); // 10:01:50
            sendNow(m_tdb->db(), m_clock, c.id, 30, 1);
            m_clock.advanceMs(30'000); // 10:02:20
            sendNow(m_tdb->db(), m_clock, c.id, 40, 0);
        }
        const CampaignRow moved = row(c.id);
        QVERIFY(shown(charts, [&] { charts.showCampaign(moved); }));
        QCOMPARE(charts.fullReads(), 1);
        QCOMPARE(charts.partialReads(), 1);
        QCOMPARE(charts.lastSent(), moved.sent);
        QCOMPARE(charts.lastFailed(), moved.failed);
        QCOMPARE(charts.lastSent(), 300);
        {
            TestDbAccess access;
            // What the partial reads built is what one full read gives.
            QCOMPARE(charts.history().minutes(), CampaignHistory(m_tdb->db()).minutes(c.id));
        }

        // The same figures again (a status or rate change): nothing is read.
        charts.showCampaign(moved);
        QVERIFY(!charts.isReading());
        QTest::qWait(100);
        QCOMPARE(charts.partialReads() + charts.fullReads(), 2);
    }

    void figuresThatGoBackReloadTheWholeHistory()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const Campaign c = sentOverMinutes();
        OverviewCharts charts(*m_data);
        QVERIFY(shown(charts, [&] { charts.showCampaign(row(c.id)); }));
        {
            TestDbAccess access;
            m_clock.advanceMs(120'000); // 10:03:30
            QCOMPARE(QueueEngine(m_tdb->db(), m_clock).resend(c.id, u"131026"_s), 15);
        }
        const CampaignRow back = row(c.id);
        QCOMPARE(back.failed, 0);
        QVERIFY(shown(charts, [&] { charts.showCampaign(back); }));
        QCOMPARE(charts.fullReads(), 2);
        QCOMPARE(charts.lastFailed(), 0);
        QCOMPARE(charts.lastSent(), 230);
        // The failed line went up and came back down in the resend's minute.
        qreal highest = 0;
        for (const QPointF &p : charts.failedSeries()->points()) {
            highest = std::max(highest, p.y());
        }
        QCOMPARE(highest, 15.0);
    }

    void aHistoryRebuiltFromTheRowsTimesSpansTheDaysItWasSentOn()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const Campaign c = sentOverMinutes();
        {
            TestDbAccess access;
            Database &db = m_tdb->db();
            // Half the messages went out the day before, at 16:45 (as Repair would find them).
            const QVariant yesterday = db.timeValue(QDateTime(QDate(2026, 3, 1), QTime(16, 45, 10), Qt::UTC));
            db.run(
                u"UPDATE send_queue SET sent_at = ? WHERE campaign_id = ? AND status = 'sent' AND id IN "
                "(SELECT id FROM send_queue WHERE campaign_id = ? AND status = 'sent' ORDER BY id LIMIT 115)"_s,
                {yesterday, c.id, c.id});
            Counters::rebuildHistory(db, c.id);
            CampaignStore(db, m_clock).transition(c.id, CampaignStatus::Paused);
        }
        OverviewCharts charts(*m_data);
        charts.resize(1000, 340);
        charts.show();
        const CampaignRow r = row(c.id);
        QVERIFY(shown(charts, [&] { charts.showCampaign(r); }));
        QCOMPARE(charts.lastSent(), r.sent);
        QCOMPARE(charts.lastFailed(), r.failed);
        QCOMPARE(charts.history().minutes().first().minute,
                 QDateTime(QDate(2026, 3, 1), QTime(16, 45), Qt::UTC));
        // Over a day: the time axis shows the date too.
        const auto *axis = qobject_cast<QDateTimeAxis *>(charts.sentSeries()->attachedAxes().value(0));
        QVERIFY(axis);
        QVERIFY2(axis->format().contains(u"MMM"_s), qPrintable(axis->format()));
        QVERIFY(!charts.summaryText().contains(u"does not add up"_s));
        saveScreenshot(charts, u"overview-two-days"_s);
    }

    void aCampaignNotSentYetSaysSoInsteadOfAnEmptyChart()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = makeCampaign(m_tdb->db(), m_clock, u"Draft"_s, 10);
        }
        OverviewCharts charts(*m_data);
        QVERIFY(charts.emptyText().contains(u"Select a campaign"_s));
        QVERIFY(shown(charts, [&] { charts.showCampaign(row(c.id)); }));
        QVERIFY(!charts.showsCharts());
        QVERIFY2(charts.emptyText().contains(u"Not sent yet"_s), qPrintable(charts.emptyText()));
        QCOMPARE(charts.lastSent(), 0);
        charts.clear();
        QVERIFY(charts.emptyText().contains(u"Select a campaign"_s));
    }

    void theTableTheChartAndTheDatabaseAgreeAfterSendingFromTheWindow()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        Campaign c;
        {
            TestDbAccess access;
            m_tdb = TestDatabase::create(backend, &skip);
            if (!m_tdb) {
                QSKIP(qPrintable(skip));
            }
            SimulatorConfig sc;
            sc.latencyMs = 5;
            m_sim = std::make_unique<CloudApiSimulator>(sc);
            QVERIFY(m_sim->start());
            QVERIFY(syncTemplates(m_tdb->db(), *m_sim));
            c = readyCampaign(m_tdb->db(), u"Window sale"_s, 600);
            // Numbers ending in 9991026 fail with 131026 in the simulator: failures to draw.
            QList<Recipient> failing;
            for (int i = 1; i <= 5; ++i) {
                Recipient r;
                r.phone = u"+49151"_s + QString::number(i) + u"9991026"_s;
                r.params = QJsonObject{{u"body.1"_s, u"Failing %1"_s.arg(i)}};
                failing << r;
            }
            QCOMPARE(QueueEngine(m_tdb->db(), Clock::system()).enqueue(c.id, failing).inserted, 5);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        auto *charts = w.findChild<OverviewCharts *>(u"overviewTab"_s);
        QVERIFY(charts);
        w.findChild<QAction *>(u"actionStart"_s)->trigger();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->status == CampaignStatus::Completed; }, 60'000));
        const CampaignRow table = *shownRow(w, c.id);
        QVERIFY(waitUntil(
            [&] {
                return !charts->isReading() && charts->lastSent() == table.sent &&
                       charts->lastFailed() == table.failed;
            },
            10'000));
        const Campaign s = stored(c.id);
        QCOMPARE(table.sent, s.totalSent);
        QCOMPARE(table.failed, s.totalFailed);
        QCOMPARE(charts->lastSent(), s.totalSent);
        QCOMPARE(charts->lastFailed(), s.totalFailed);
        QCOMPARE(s.totalSent + s.totalFailed, 605);
        QCOMPARE(s.totalFailed, 5);
        QVERIFY(charts->showsCharts());
        saveScreenshot(w, u"overview-window"_s);
        w.closeWithoutAsking();
    }
};

HERALD_UI_TEST_MAIN(TestOverviewCharts)
#include "test_overviewcharts.moc"
