// The campaign's quiet hours as the user meets them on its Overview, on SQLite and PostgreSQL,
// through the real main window with a clock the test moves: the window in words, how many
// recipients wait and when and where the next window opens (equal to QuietHoursQueue::wait at
// the same moment), the all-clear once every window is open, nothing about waiting for a
// finished campaign, and no panel for a campaign without quiet hours. The GUI thread runs no
// SQL throughout. Set HERALD_SCREENSHOT_DIR for a picture of the Overview.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "queue/QuietHoursQueue.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/QuietHoursPanel.h"

#include <QLabel>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

// 4 recipients in Germany, 3 in the United States.
QList<Recipient> germanyAndUs()
{
    QStringList phones;
    for (int i = 0; i < 4; ++i) {
        phones << u"+491511234567%1"_s.arg(i);
    }
    phones << u"+16502530000"_s << u"+16502530001"_s << u"+12127365000"_s;
    QList<Recipient> list;
    for (const QString &p : phones) {
        Recipient r;
        r.phone = p;
        r.params = QJsonObject{{u"body.1"_s, p}};
        list << r;
    }
    return list;
}

// 09:00–20:00 on weekdays, the US on Chicago's time rather than its main zone (New York).
QuietHours nineToEightWeekdays()
{
    QuietHours q;
    q.enabled = true;
    q.from = QTime(9, 0);
    q.until = QTime(20, 0);
    q.weekdaysOnly = true;
    q.zones.insert(u"US"_s, u"America/Chicago"_s);
    return q;
}

void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QFETCH_GLOBAL(QString, backend);
    QTest::qWait(100);
    w->grab().save(u"%1/%2-%3.png"_s.arg(dir, name, backend));
}

} // namespace

class TestQuietHoursPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    ManualClock m_clock{utc(u"2026-12-01T06:00:00"_s)}; // a Tuesday
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        return m_sim->start();
    }

    QString campaign(const QString &name, const QuietHours &quietHours)
    {
        TestDbAccess access;
        Database &db = m_tdb->db();
        const QString id =
            CampaignStore(db, m_clock).create({name, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        QueueEngine(db, m_clock).enqueue(id, germanyAndUs());
        QuietHoursQueue::apply(db, m_clock, id, quietHours);
        return id;
    }

    WindowWait expectedWait(const QString &id)
    {
        TestDbAccess access;
        return QuietHoursQueue::wait(m_tdb->db(), id, m_clock.now());
    }

    // Counts again at the clock's time and waits for the answer; a count still out (made at
    // another time, e.g. on the window's first selection) is let finish first.
    static bool countAgain(QuietHoursPanel &panel)
    {
        if (!waitUntil([&] { return !panel.isBusy(); }, 10'000)) {
            return false;
        }
        QSignalSpy shown(&panel, &QuietHoursPanel::waitShown);
        panel.refresh();
        return shown.count() > 0 || shown.wait(patient(10'000));
    }

    static QString localTime(const QDateTime &utc)
    {
        return QLocale().toString(utc.toLocalTime().time(), QLocale::ShortFormat);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
        m_clock.set(utc(u"2026-12-01T06:00:00"_s));
    }

    void theOverviewSaysWhoWaitsAndWhenTheNextWindowOpens()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString id = campaign(u"Quiet"_s, nineToEightWeekdays());
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<QuietHoursPanel *>(u"quietHoursPanel"_s);
        QVERIFY(panel);
        panel->setClock(m_clock);
        QSignalSpy shown(panel, &QuietHoursPanel::waitShown);
        w.campaignsPage().selectCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(w.campaignsPage().detail()->campaignId() == id, patient(10'000));
        QVERIFY(countAgain(*panel)); // at the injected clock's time, whatever selection counted first
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->windowText(), u"Sends only %1–%2 in each recipient's local time, weekdays only "
                                      "(United States: America/Chicago)"_s.arg(
                                          QLocale().toString(QTime(9, 0), QLocale::ShortFormat),
                                          QLocale().toString(QTime(20, 0), QLocale::ShortFormat)));
        QVERIFY(panel->isRefreshing()); // a draft: counted again every 30 s
        QCOMPARE(QuietHoursPanel::RefreshMs, 30'000);

        // 06:00 UTC: 07:00 in Berlin, midnight in Chicago. Everybody waits; Germany opens first.
        WindowWait expected = expectedWait(id);
        QCOMPARE(expected.waiting, 7);
        QCOMPARE(expected.nextOpening, utc(u"2026-12-01T08:00:00"_s));
        QCOMPARE(expected.nextRegion, u"DE"_s);
        QVERIFY(panel->windowWait());
        QCOMPARE(panel->windowWait()->waiting, 7);
        QCOMPARE(panel->windowWait()->nextOpening, expected.nextOpening);
        QCOMPARE(panel->waitText(), QuietHoursPanel::waitSentence(expected, m_clock.now()));
        QVERIFY2(panel->waitText().contains(u"the next opens"_s), qPrintable(panel->waitText()));
        QVERIFY2(
            panel->waitText().contains(localTime(expected.nextOpening) + u" (your time) for Germany (DE)"_s),
            qPrintable(panel->waitText()));
        QVERIFY(panel->waitText().startsWith(QLocale().toString(7)));
        auto *overview = w.findChild<QWidget *>(u"overviewPage"_s);
        QVERIFY(overview);
        w.campaignsPage().detail()->tabs()->setCurrentWidget(overview);
        screenshot(w.findChild<QWidget *>(u"campaignDetail"_s), u"campaign-quiet-hours"_s);

        // 10:00 UTC: Germany is open, Chicago (04:00) waits until 15:00 UTC.
        m_clock.set(utc(u"2026-12-01T10:00:00"_s));
        QVERIFY(countAgain(*panel));
        expected = expectedWait(id);
        QCOMPARE(expected.waiting, 3);
        QCOMPARE(panel->windowWait()->waiting, 3);
        QCOMPARE(panel->windowWait()->nextOpening, utc(u"2026-12-01T15:00:00"_s));
        QVERIFY2(panel->waitText().contains(localTime(utc(u"2026-12-01T15:00:00"_s)) +
                                            u" (your time) for United States (US)"_s),
                 qPrintable(panel->waitText()));
        QVERIFY(panel->waitText().startsWith(QLocale().toString(3)));

        // 16:00 UTC: every window is open.
        m_clock.set(utc(u"2026-12-01T16:00:00"_s));
        QVERIFY(countAgain(*panel));
        QCOMPARE(panel->windowWait()->waiting, 0);
        QCOMPARE(panel->waitText(), u"✓ Every remaining recipient is inside their window now"_s);

        // Saturday noon UTC: weekdays only, so everybody waits for Monday 09:00 in Berlin.
        m_clock.set(utc(u"2026-12-05T12:00:00"_s));
        QVERIFY(countAgain(*panel));
        QCOMPARE(panel->windowWait()->waiting, 7);
        QCOMPARE(panel->windowWait()->nextOpening, utc(u"2026-12-07T08:00:00"_s));
        const QDateTime monday = utc(u"2026-12-07T08:00:00"_s).toLocalTime();
        QVERIFY2(panel->waitText().contains(QLocale().toString(monday.date(), u"ddd"_s) + u' ' +
                                            localTime(monday)),
                 qPrintable(panel->waitText()));
        QVERIFY(shown.count() >= 4);

        // Quiet hours changed elsewhere (the CLI): every day now, New York's time for the US. The
        // next count shows it — snapshots do not carry settings.
        {
            QuietHours everyDay = nineToEightWeekdays();
            everyDay.weekdaysOnly = false;
            everyDay.zones.clear();
            TestDbAccess access;
            QuietHoursQueue::apply(m_tdb->db(), m_clock, id, everyDay);
        }
        QVERIFY(countAgain(*panel));
        QVERIFY2(!panel->windowText().contains(u"weekdays"_s), qPrintable(panel->windowText()));
        QVERIFY(!panel->windowText().contains(u"Chicago"_s));
        QCOMPARE(panel->windowWait()->waiting, 3); // 13:00 in Berlin, 07:00 in New York
        QCOMPARE(panel->windowWait()->nextOpening, utc(u"2026-12-05T14:00:00"_s));
        QCOMPARE(panel->windowWait()->waiting, expectedWait(id).waiting);

        // …and turned off: the panel goes, and stops counting.
        {
            TestDbAccess access;
            QuietHoursQueue::apply(m_tdb->db(), m_clock, id, QuietHours{});
        }
        QVERIFY(countAgain(*panel));
        QVERIFY(panel->isHidden());
        QVERIFY(!panel->isRefreshing());
    }

    void aFinishedCampaignShowsItsWindowButNobodyWaiting()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString id = campaign(u"Called off"_s, nineToEightWeekdays());
        {
            TestDbAccess access;
            CampaignStore(m_tdb->db(), m_clock).transition(id, CampaignStatus::Cancelled);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<QuietHoursPanel *>(u"quietHoursPanel"_s);
        QVERIFY(panel);
        panel->setClock(m_clock);
        w.campaignsPage().selectCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(w.campaignsPage().detail()->campaignId() == id, patient(10'000));
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), patient(5'000));
        QVERIFY(panel->windowText().startsWith(u"Sends only "_s));
        QVERIFY(panel->waitText().isEmpty());
        QVERIFY(!panel->isRefreshing());
        const int counts = panel->counts();
        panel->refresh(); // nothing is counted for a finished campaign
        QTest::qWait(300);
        QCOMPARE(panel->counts(), counts);
        QVERIFY(!panel->windowWait());
    }

    void aCampaignWithoutQuietHoursShowsNoPanel()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString quiet = campaign(u"Quiet"_s, nineToEightWeekdays());
        const QString plain = campaign(u"Any time"_s, QuietHours{});
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, quiet) && shownRow(w, plain); }, 10'000));
        auto *panel = w.findChild<QuietHoursPanel *>(u"quietHoursPanel"_s);
        QVERIFY(panel);
        panel->setClock(m_clock);
        w.campaignsPage().selectCampaign(quiet);
        QTRY_VERIFY_WITH_TIMEOUT(w.campaignsPage().detail()->campaignId() == quiet && panel->isVisible(),
                                 patient(10'000));
        w.campaignsPage().selectCampaign(plain);
        QTRY_VERIFY_WITH_TIMEOUT(w.campaignsPage().detail()->campaignId() == plain, patient(10'000));
        QVERIFY(panel->isHidden());
        QVERIFY(!panel->isRefreshing());
        QVERIFY(!panel->windowWait());
    }
};

HERALD_UI_TEST_MAIN(TestQuietHoursPanel)
#include "test_quiethourspanel.moc"
