// The console as a user drives it: the real main window, its actions triggered by object name,
// questions answered through Prompt's test hooks, sending to the Cloud API simulator over real
// HTTP — on SQLite and PostgreSQL. The GUI thread is banned from SQL throughout.
#include "UiTestUtil.h"
#include "db/AppSettings.h"
#include "db/DbError.h"
#include "dialogs/RepairDialog.h"
#include "dialogs/ResendDialog.h"
#include "models/RepairModel.h"
#include "sending/DemoSession.h"
#include "sending/SendController.h"
#include "settings/NumberHealthStore.h"
#include "settings/SettingKeys.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/StatusCallbacks.h"
#include "views/CampaignActions.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/NumberHealthLine.h"
#include "views/OverviewCharts.h"
#include "views/StatusBanner.h"
#include "widgets/SenderStatusBar.h"
#include "widgets/TrayNotifier.h"

#include <QAction>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
void verifyNobodyMessagedTwice(const CloudApiSimulator &sim)
{
    const auto recipients = sim.log().recipients();
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        QVERIFY2(it->accepted <= 1,
                 qPrintable(u"%1 was accepted %2 times"_s.arg(it.key()).arg(it->accepted)));
    }
}

QAction *action(MainWindow &w, const char *name)
{
    return w.findChild<QAction *>(QString::fromLatin1(name));
}

CampaignStatus shownStatus(MainWindow &w, const QString &id)
{
    const CampaignRow *r = shownRow(w, id);
    return r ? r->status : CampaignStatus::Draft;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    quint64 m_violationsBefore = 0;

    // A fresh database with synced templates and a campaign ready to send, and a simulator.
    bool setUp(const QString &backend, int latencyMs, QString *skip, SimulatorConfig sc = {})
    {
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        sc.latencyMs = latencyMs;
        m_sim = std::make_unique<CloudApiSimulator>(sc);
        return m_sim->start() && syncTemplates(m_tdb->db(), *m_sim);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        TestDbAccess access; // dropping a PostgreSQL test database is the test's own SQL
        m_sim.reset();
        m_tdb.reset();
        Prompt::clearShown();
    }

    void aCampaignStartedFromTheWindowCompletesAndEveryNumberAgrees()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 5, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Spring sale"_s, 400);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        QVERIFY(action(w, "actionStart")->isEnabled());
        QVERIFY(!action(w, "actionPause")->isEnabled());
        QVERIFY(!action(w, "actionPause")->toolTip().isEmpty());
        action(w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return w.sender().isSending(c.id); }, 10'000));
        QVERIFY(w.statusLine().senderText().contains(u"sending"_s) ||
                waitUntil([&] { return w.statusLine().senderText().contains(u"sending"_s); }, 5'000));
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Completed; }, 60'000));

        const CampaignRow shown = *shownRow(w, c.id);
        Campaign stored;
        {
            TestDbAccess access;
            stored = CampaignStore(m_tdb->db(), Clock::system()).byId(c.id);
            QVERIFY(countersMatch(m_tdb->db(), Clock::system(), c.id));
        }
        QCOMPARE(stored.status, CampaignStatus::Completed);
        QCOMPARE(shown.sent, stored.totalSent);
        QCOMPARE(shown.failed, stored.totalFailed);
        QCOMPARE(shown.total, 400);
        const QTableView *table = w.findChild<QTableView *>(u"campaignTable"_s);
        QVERIFY(table);
        bool found = false;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QModelIndex name = table->model()->index(r, CampaignTableModel::Name);
            if (name.data(CampaignTableModel::IdRole).toString() == c.id) {
                found = true;
                QCOMPARE(table->model()
                             ->index(r, CampaignTableModel::Sent)
                             .data(CampaignTableModel::RawRole)
                             .toLongLong(),
                         stored.totalSent);
            }
        }
        QVERIFY(found);
        const StatusBanner *banner = w.findChild<StatusBanner *>(u"statusBanner"_s);
        QVERIFY(banner->text().contains(u"Completed"_s));
        // The Overview's cumulative lines end where the database's counters are.
        const OverviewCharts *charts = w.findChild<OverviewCharts *>(u"overviewTab"_s);
        QVERIFY(charts);
        QVERIFY2(
            waitUntil([&] { return charts->lastSent() == stored.totalSent && !charts->isReading(); }, 10'000),
            qPrintable(
                u"chart ends at %1 sent, database has %2"_s.arg(charts->lastSent()).arg(stored.totalSent)));
        QCOMPARE(charts->lastFailed(), stored.totalFailed);
        QVERIFY(charts->showsCharts());
        QVERIFY(charts->sentSeries()->count() > 0);
        QCOMPARE(m_sim->log().totals().accepted, stored.totalSent);
        verifyNobodyMessagedTwice(*m_sim);
        QVERIFY(w.tray().history().join(u"\n"_s).contains(u"completed"_s, Qt::CaseInsensitive));
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
    }

    // Before a start the console asks Meta about the campaign's number, as herald-cli run does,
    // and warns of a YELLOW quality rating before anything is sent; the header shows it too.
    void aStartAsksMetaAboutTheNumberFirstAndWarnsOfItsQuality()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        SimulatorConfig sc;
        sc.qualityRating = u"YELLOW"_s;
        if (!setUp(backend, 5, &skip, sc)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Spring sale"_s, 50);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        Prompt::setNextAnswer(false); // "Start campaign?" — not now
        action(w, "actionStart")->trigger();
        QVERIFY(
            waitUntil([&] { return !Prompt::shown().isEmpty() && !w.sender().isStarting(c.id); }, 15'000));
        QVERIFY2(Prompt::shown().constLast().contains(u"medium (YELLOW)"_s),
                 qPrintable(Prompt::shown().constLast()));
        QCOMPARE(m_sim->log().totals().sendRequests, 0); // nothing sent before the answer
        {
            TestDbAccess access;
            const auto stored =
                NumberHealthStore(m_tdb->db(), Clock::system()).find(m_sim->config().phoneNumberId);
            QVERIFY(stored);
            QCOMPARE(stored->qualityRating, u"YELLOW"_s);
        }
        const auto *line = w.findChild<NumberHealthLine *>(u"campaignNumber"_s);
        QVERIFY(line);
        QVERIFY2(waitUntil([&] { return line->text().contains(u"YELLOW"_s); }, 10'000),
                 qPrintable(line->text()));

        // Declined: nothing changed in the database, and Start is offered again at once.
        QVERIFY(waitUntil([&] { return action(w, "actionStart")->isEnabled(); }, 5'000));
        Prompt::setNextAnswer(true);
        action(w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Completed; }, 60'000));
        QCOMPARE(m_sim->log().totals().accepted, 50);
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
    }

    void pauseStopsSendingAndResumeFinishesWithoutDuplicates()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 40, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Pausable"_s, 1500);
            AppSettings(m_tdb->db()).set(SettingKeys::RateCeiling, u"200"_s);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        action(w, "actionToggle")->trigger(); // Space: start
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->sent >= 100; }, 30'000));
        action(w, "actionToggle")->trigger(); // Space: pause
        QVERIFY(waitUntil(
            [&] { return shownStatus(w, c.id) == CampaignStatus::Paused && !w.sender().isSending(c.id); },
            30'000));
        {
            TestDbAccess access;
            QCOMPARE(countWhere(m_tdb->db(), u"status = 'processing'"_s), 0);
            QVERIFY(countersMatch(m_tdb->db(), Clock::system(), c.id));
        }
        QVERIFY(shownRow(w, c.id)->pending > 500);
        const StatusBanner *banner = w.findChild<StatusBanner *>(u"statusBanner"_s);
        QVERIFY(waitUntil([&] { return banner->text().contains(u"Paused"_s); }, 5'000));
        QCOMPARE(banner->actionLabel(), u"Resume"_s);
        QVERIFY(action(w, "actionResume")->isEnabled());
        action(w, "actionResume")->trigger();
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Completed; }, 60'000));
        QCOMPARE(shownRow(w, c.id)->sent, 1500);
        verifyNobodyMessagedTwice(*m_sim);
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
    }

    void cancelAsksFirstAndThenCancels()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 40, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Cancellable"_s, 1500);
            AppSettings(m_tdb->db()).set(SettingKeys::RateCeiling, u"100"_s);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        action(w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->sent >= 50; }, 30'000));
        Prompt::setNextAnswer(false); // "Cancel campaign?" — no
        action(w, "actionCancel")->trigger();
        QTest::qWait(300);
        QVERIFY(w.sender().isSending(c.id));
        QVERIFY(Prompt::shown().last().contains(u"Cancellable"_s));
        Prompt::setNextAnswer(true);
        action(w, "actionCancel")->trigger();
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Cancelled; }, 30'000));
        QVERIFY(waitUntil([&] { return !w.sender().isSending(c.id); }, 30'000));
        TestDbAccess access;
        QCOMPARE(countWhere(m_tdb->db(), u"status = 'processing'"_s), 0);
        QVERIFY(countersMatch(m_tdb->db(), Clock::system(), c.id));
        QCOMPARE(m_sim->log().totals().accepted,
                 CampaignStore(m_tdb->db(), Clock::system()).byId(c.id).totalSent);
    }

    void failedMessagesAreResentByTheReasonsChosen()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 0, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Resend"_s, 0);
            // Two numbers Meta cannot deliver to (131026) and ten that go through.
            QList<Recipient> list = makeRecipients(10);
            list << Recipient{u"+15559991026"_s, {}, QJsonObject{{u"body.1"_s, u"X"_s}}, 0};
            list << Recipient{u"+16559991026"_s, {}, QJsonObject{{u"body.1"_s, u"Y"_s}}, 0};
            QueueEngine(m_tdb->db(), Clock::system()).enqueue(c.id, list);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        action(w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Completed; }, 30'000));
        QCOMPARE(shownRow(w, c.id)->failed, 2);
        QVERIFY(action(w, "actionResend")->isEnabled());
        action(w, "actionResend")->trigger();
        ResendDialog *dialog = nullptr;
        QVERIFY(waitUntil(
            [&] {
                return (dialog = w.findChild<ResendDialog *>(u"resendDialog"_s)) &&
                       dialog->list()->count() == 1;
            },
            10'000));
        QVERIFY(dialog->list()->item(0)->text().contains(u"131026"_s));
        QCOMPARE(dialog->chosenReasons(), QStringList{u"131026"_s});
        dialog->accept();
        // A completed campaign reopens paused with the two queued again.
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Paused; }, 10'000));
        QCOMPARE(shownRow(w, c.id)->pending, 2);
        QCOMPARE(shownRow(w, c.id)->failed, 0);
        TestDbAccess access;
        QVERIFY(countersMatch(m_tdb->db(), Clock::system(), c.id));
    }

    // Closing drains: requests in flight finish and are recorded, held rows go back, and
    // nothing is left processing or becomes interrupted; the campaign stays running for the
    // next sender.
    void closingWhileSendingLeavesNothingProcessing()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 150, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Closing"_s, 2000);
            AppSettings(m_tdb->db()).set(SettingKeys::RateCeiling, u"300"_s);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        auto w = std::make_unique<MainWindow>(contextFor(*m_tdb, *m_sim, &credentials));
        w->show();
        QVERIFY(waitUntil([&] { return shownRow(*w, c.id); }, 10'000));
        w->campaignsPage().selectCampaign(c.id);
        action(*w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return shownRow(*w, c.id)->sent >= 100; }, 30'000));
        Prompt::setNextAnswer(true); // "Close Herald?" — yes
        w->close();
        QVERIFY(waitUntil([&] { return !w->isVisible(); }, 30'000));
        QVERIFY(Prompt::shown().join(u"\n"_s).contains(u"Close Herald"_s));
        QTest::qWait(500); // snapshots still arriving must not start sending again
        QVERIFY(!w->sender().isSendingAnything());
        w.reset();
        TestDbAccess access;
        Database &db = m_tdb->db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.status, CampaignStatus::Running);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QCOMPARE(countWhere(db, u"error_reason = 'interrupted'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(m_sim->log().totals().accepted, after.totalSent);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM campaign_holds"_s).toInt(), 0);
    }

    // With nothing being sent, closing needs no question and closes at the first request.
    void closingWhileIdleClosesAtOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 5, &skip)) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Prompt::clearShown();
        w.close();
        QVERIFY(waitUntil([&] { return !w.isVisible(); }, 5'000));
        QVERIFY(Prompt::shown().isEmpty());
    }

    // A campaign left running with nobody sending it (a closed console, herald-cli resume) is
    // continued by the next window that opens the database, with a notice.
    void aRunningCampaignWithoutASenderIsContinuedWithANotice()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 0, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Orphaned"_s, 300);
            CampaignStore(m_tdb->db(), Clock::system()).transition(c.id, CampaignStatus::Running);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        QSignalSpy notices(&w.sender(), &SendController::notice);
        w.show();
        QVERIFY(waitUntil([&] { return shownStatus(w, c.id) == CampaignStatus::Completed; }, 60'000));
        QVERIFY(!notices.isEmpty());
        QVERIFY(notices.first().first().toString().contains(u"Orphaned"_s));
        QCOMPARE(m_sim->log().totals().accepted, 300);
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
    }

    // Counters a crash (or the seed's missing functions) left wrong are found at start-up and
    // repaired from the dialog in one transaction.
    void theRepairDialogFixesCountersThatWereCorrupted()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 0, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Drifted"_s, 50);
            m_tdb->db().run(u"UPDATE campaigns SET total_sent = 7, total_contacts = 0 WHERE id = ?"_s,
                            {c.id});
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        RepairDialog *dialog = nullptr;
        QVERIFY(waitUntil(
            [&] {
                return (dialog = w.findChild<RepairDialog *>(u"repairDialog"_s)) && !dialog->isBusy() &&
                       dialog->model().rowCount() == 1;
            },
            15'000));
        QCOMPARE(dialog->model().needingRepair(), 1);
        const QModelIndex stored = dialog->model().index(0, RepairModel::Stored);
        QVERIFY(stored.data(Qt::ForegroundRole).isValid()); // highlighted
        auto *apply = dialog->findChild<QPushButton *>(u"repairApply"_s);
        QVERIFY(apply && apply->isEnabled());
        apply->click();
        QVERIFY(waitUntil([&] { return !dialog->isBusy() && dialog->model().needingRepair() == 0; }, 15'000));
        QVERIFY(dialog->summary().contains(u"Repaired"_s));
        QVERIFY(waitUntil([&] { return shownRow(w, c.id) && shownRow(w, c.id)->total == 50; }, 10'000));
        TestDbAccess access;
        QVERIFY(countersMatch(m_tdb->db(), Clock::system(), c.id));
    }

    // The seed's incident: a function the counters need was missing and nothing said so. Here
    // the window names what is missing as it opens, and nothing can be sent.
    void aDatabaseMissingAPartIsReportedWithWhatIsMissing()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        if (!setUp(backend, 0, &skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        const QString dropped =
            m_tdb->isPostgres() ? u"increment_campaign_sent"_s : u"templates_category_change"_s;
        {
            TestDbAccess access;
            c = readyCampaign(m_tdb->db(), u"Incomplete"_s, 20);
            m_tdb->db().execDirect(m_tdb->isPostgres() ? u"DROP FUNCTION increment_campaign_sent(uuid)"_s
                                                       : u"DROP TRIGGER templates_category_change"_s);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        RepairDialog *dialog = nullptr;
        QVERIFY(waitUntil([&] { return (dialog = w.findChild<RepairDialog *>(u"repairDialog"_s)); }, 15'000));
        auto *problems = dialog->findChild<QListWidget *>(u"schemaProblems"_s);
        QVERIFY(waitUntil([&] { return problems->count() > 0; }, 5'000));
        bool named = false;
        for (int i = 0; i < problems->count(); ++i) {
            named = named || problems->item(i)->text().contains(dropped);
        }
        QVERIFY2(named, qPrintable(dropped));
        QVERIFY(
            !dialog->findChild<QPushButton *>(u"repairMigrate"_s)->isVisible()); // upgrading would not help
        // Starting is refused by the sender with the same list, and nothing is sent.
        w.campaignsPage().selectCampaign(c.id);
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        Prompt::clearShown();
        action(w, "actionStart")->trigger();
        QVERIFY(waitUntil([&] { return Prompt::shown().join(u"\n"_s).contains(dropped); }, 15'000));
        QCOMPARE(m_sim->log().totals().sendRequests, 0);
    }

    // With no account configured, the window offers the demo: the built-in simulator, a sample
    // campaign that visibly runs, and a pointer to Settings.
    void aFirstRunOffersTheDemoAndItsCampaignVisiblySends()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        {
            TestDbAccess access;
            m_tdb = TestDatabase::create(backend, &skip);
        }
        if (!m_tdb) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials({});
        AppContext context;
        context.database = m_tdb->config();
        context.credentials = &credentials;
        context.pollInterval = std::chrono::milliseconds(200);
        MainWindow w(context);
        w.show();
        StatusBanner *welcome = w.findChild<StatusBanner *>(u"welcomeBanner"_s);
        QVERIFY(welcome);
        QVERIFY(waitUntil([&] { return welcome->actionLabel() == u"Try the demo"_s; }, 10'000));
        QVERIFY(welcome->text().contains(u"Settings"_s));
        welcome->findChild<QPushButton *>(u"bannerAction"_s)->click();
        QVERIFY(waitUntil([&] { return w.demo().simulator() && w.campaigns().rowCount() == 1; }, 30'000));
        const QString id = w.campaigns().rowAt(0).id;
        QVERIFY(waitUntil([&] { return w.sender().isSending(id) && shownRow(w, id)->sent >= 30; }, 30'000));
        QCOMPARE(w.campaignsPage().currentCampaignId(), id);
        QVERIFY(welcome->text().contains(u"simulator"_s));
        action(w, "actionPause")->trigger();
        QVERIFY(waitUntil(
            [&] { return shownRow(w, id)->status == CampaignStatus::Paused && !w.sender().isSending(id); },
            30'000));
        // The simulator's delivery callbacks reach the demo's receiver: delivered moves, in the
        // table too. The counters are compared once the callbacks have all been written.
        QVERIFY(waitUntil(
            [&] {
                TestDbAccess a;
                return w.demo().simulator()->statusCallbacks().pending() == 0 &&
                       m_tdb->db()
                               .scalar(u"SELECT count(*) FROM webhook_events WHERE resolved_at IS NULL"_s)
                               .toLongLong() == 0 &&
                       CampaignStore(m_tdb->db(), Clock::system()).byId(id).totalDelivered > 0 &&
                       shownRow(w, id)->delivered > 0;
            },
            30'000));
        TestDbAccess access;
        QVERIFY(countersMatch(m_tdb->db(), Clock::system(), id));
        const Campaign stored = CampaignStore(m_tdb->db(), Clock::system()).byId(id);
        QCOMPARE(w.demo().simulator()->log().totals().accepted, stored.totalSent);
        QVERIFY(AppSettings(m_tdb->db()).value(SettingKeys::ApiBase, QString()).isEmpty()); // nothing stored
    }

    void theGuiThreadIsRefusedAnyDatabaseUse()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        std::unique_ptr<TestDatabase> tdb;
        {
            TestDbAccess access;
            tdb = TestDatabase::create(backend, &skip);
        }
        if (!tdb) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY_THROWS_EXCEPTION(DbError, Database(tdb->config(), u"gui"_s));
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore + 1);
        TestDbAccess access;
        tdb.reset();
    }
};

HERALD_UI_TEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
