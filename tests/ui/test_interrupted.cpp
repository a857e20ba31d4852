// After a crash or a killed sender the console says which campaigns had messages in flight and
// how many became "interrupted", warns that Meta may have delivered some, and resends nothing
// unless the user chooses to. Real processes: herald-cli run is SIGKILLed mid-campaign, then a
// console starts on its database; SQLite and PostgreSQL.
#include "ConsoleFixture.h"
#include "db/AppSettings.h"
#include "dialogs/ResendDialog.h"
#include "queue/QueueTypes.h"
#include "sending/SendController.h"
#include "sending/SessionMarker.h"
#include "settings/SettingKeys.h"
#include "views/CampaignsPage.h"
#include "views/InterruptedNotice.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
void storeSimulatorSettings(Database &db, const CloudApiSimulator &sim, int ceiling)
{
    AppSettings s(db);
    s.set(SettingKeys::ApiBase, sim.baseUrl().toString());
    s.set(SettingKeys::ApiVersion, sim.config().apiVersion);
    s.set(SettingKeys::PhoneNumberId, sim.config().phoneNumberId);
    s.set(SettingKeys::WabaId, sim.config().wabaId);
    s.set(SettingKeys::RateCeiling, QString::number(ceiling));
}

std::unique_ptr<QProcess> startRun(const TestDatabase &tdb, const Campaign &c, const CloudApiSimulator &sim,
                                   const QString &home)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.remove(u"HERALD_DB"_s);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(QStringLiteral(HERALD_CLI_PATH), {u"--db"_s, tdb.url(), u"run"_s, u"--campaign"_s, c.name});
    return p;
}

qint64 interruptedRows(Database &db, const QString &campaignId)
{
    return countWhere(db, u"status = 'failed' AND error_reason = 'interrupted' AND campaign_id = '"_s +
                              campaignId + u"'"_s);
}

InterruptedNotice *noticeOf(MainWindow &w)
{
    return w.findChild<InterruptedNotice *>(u"interruptedNotice"_s);
}

void verifyNobodyMessagedTwice(const CloudApiSimulator &sim)
{
    const auto recipients = sim.log().recipients();
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        QVERIFY2(it->accepted <= 1,
                 qPrintable(u"%1 was accepted %2 times"_s.arg(it.key()).arg(it->accepted)));
    }
}
} // namespace

class TestInterrupted : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { Prompt::clearShown(); }

    void aKilledHeraldCliRunIsNamedWithItsInterruptedCountAndNothingIsResentUnasked()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        ConsoleFixture console;
        ConsoleOptions options;
        options.simulator.latencyMs = 300; // many requests in flight at the kill
        Campaign c;
        options.seed = [&](Database &db) {
            storeSimulatorSettings(db, console.sim(), 200);
            c = readyCampaign(db, u"Killed mid-campaign"_s, 800);
        };
        if (!console.prepare(backend, &skip, options)) {
            QVERIFY2(!console.hasDatabase(), qPrintable(skip)); // only a missing backend skips
            QSKIP(qPrintable(skip));
        }
        TestDatabase &tdb = console.tdb();
        CloudApiSimulator &sim = console.sim();
        std::unique_ptr<QProcess> run = startRun(tdb, c, sim, m_home.path());
        QVERIFY(run->waitForStarted());
        QVERIFY2(waitUntil([&] { return sim.log().totals().accepted >= 60; }, 30'000),
                 run->readAll().constData());
        run->kill(); // SIGKILL: its hold and its rows in flight stay behind
        QVERIFY(run->waitForFinished(10'000));
        qint64 inFlight = 0;
        {
            TestDbAccess access;
            inFlight = countWhere(tdb.db(), u"status = 'processing'"_s);
            QCOMPARE(interruptedRows(tdb.db(), c.id), 0);
        }
        QVERIFY2(inFlight > 0, "the kill found nothing in flight");

        // The console starts on that database: it takes the campaign over (as before) and says
        // what was interrupted.
        MainWindow w(console.context());
        w.show();
        InterruptedNotice *notice = noticeOf(w);
        QVERIFY(notice);
        QVERIFY(waitUntil([&] { return notice->hasChecked(); }, 10'000));
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->report().campaigns.size(), 1);
        QCOMPARE(notice->report().campaigns.first().id, c.id);
        QCOMPARE(notice->report().campaigns.first().count, inFlight);
        QVERIFY(notice->text().contains(c.name));
        QVERIFY2(notice->text().contains(QString::number(inFlight)), qPrintable(notice->text()));
        QVERIFY(notice->text().contains(u"Meta may have delivered"_s));
        w.grab().save(u"/tmp/interrupted-window.png"_s);

        // The rest of the campaign is sent; the interrupted ones are not, and nobody got one twice.
        QVERIFY(waitUntil(
            [&] { return shownRow(w, c.id) && shownRow(w, c.id)->status == CampaignStatus::Completed; },
            60'000));
        {
            TestDbAccess access;
            QCOMPARE(interruptedRows(tdb.db(), c.id), inFlight); // the recount
            QCOMPARE(countWhere(tdb.db(), u"status = 'processing'"_s), 0);
            QVERIFY(countersMatch(tdb.db(), Clock::system(), c.id));
        }
        verifyNobodyMessagedTwice(sim);

        // Review: the Resend dialog with the interrupted ones ticked and the warning; declining
        // the confirmation resends nothing, accepting queues exactly those again.
        notice->reviewButton()->click();
        ResendDialog *dialog = nullptr;
        QVERIFY(waitUntil(
            [&] {
                return (dialog = w.findChild<ResendDialog *>(u"resendDialog"_s)) &&
                       dialog->list()->count() >= 1;
            },
            10'000));
        QCOMPARE(dialog->chosenReasons(), QStringList{FailureReason::Interrupted});
        QVERIFY(!dialog->warning()->isHidden());
        Prompt::setNextAnswer(false);
        dialog->accept();
        QVERIFY(Prompt::shown().join(u"\n"_s).contains(u"may have arrived"_s));
        QTest::qWait(300);
        QVERIFY(dialog->isVisible());
        {
            TestDbAccess access;
            QCOMPARE(interruptedRows(tdb.db(), c.id), inFlight);
        }
        QSignalSpy resent(dialog, &ResendDialog::resent);
        Prompt::setNextAnswer(true);
        dialog->accept();
        QVERIFY(waitUntil([&] { return resent.size() == 1; }, 10'000));
        QCOMPARE(resent.first().first().toLongLong(), inFlight);
        // Queued again, not sent: the campaign reopens paused and waits for the user.
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->status == CampaignStatus::Paused; }, 10'000));
        QCOMPARE(shownRow(w, c.id)->pending, inFlight);
        w.closeWithoutAsking();
        QVERIFY(waitUntil([&] { return !w.isVisible(); }, 10'000));
        console.close();
    }

    // A clean close leaves nothing to report; a window that dies while sending (its sender's
    // thread ends without draining, as in a crash) is reported by the next one, including rows
    // another sender recovered in between.
    void aCleanExitShowsNoNoticeAndADeadConsoleIsReportedByTheNext()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        ConsoleFixture console;
        ConsoleOptions options;
        options.simulator.latencyMs = 300;
        Campaign c;
        options.seed = [&](Database &db) {
            c = readyCampaign(db, u"Closed and crashed"_s, 3000);
            AppSettings(db).set(SettingKeys::RateCeiling, u"200"_s);
        };
        if (!console.prepare(backend, &skip, options)) {
            QVERIFY2(!console.hasDatabase(), qPrintable(skip)); // only a missing backend skips
            QSKIP(qPrintable(skip));
        }
        TestDatabase &tdb = console.tdb();
        AppContext context = console.context();
        context.takeOverOrphans = false; // the next windows only look

        // Sent from a window that is closed cleanly mid-campaign.
        {
            MainWindow w(context);
            w.show();
            QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
            w.sender().start(c.id);
            QVERIFY(waitUntil([&] { return shownRow(w, c.id)->sent >= 50; }, 30'000));
            w.closeWithoutAsking();
            QVERIFY(waitUntil([&] { return !w.isVisible(); }, 30'000));
        }
        const QString marker = SessionMarker::pathFor(tdb.config().key());
        {
            QFile f(marker);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(QJsonDocument::fromJson(f.readAll()).object().contains(u"cleanExitAt"_s));
        }
        {
            MainWindow w(context);
            w.show();
            QVERIFY(waitUntil([&] { return noticeOf(w)->hasChecked(); }, 10'000));
            QVERIFY(noticeOf(w)->isHidden());
            QVERIFY(noticeOf(w)->report().isEmpty());
            QVERIFY(noticeOf(w)->text().isEmpty());
            // This window sends and then dies without closing: the rows in flight stay behind.
            QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
            const qint64 before = shownRow(w, c.id)->sent;
            w.sender().start(c.id);
            QVERIFY(waitUntil([&] { return shownRow(w, c.id)->sent >= before + 50; }, 30'000));
        }
        qint64 inFlight = 0;
        qint64 recoveredByAnother = 0;
        {
            TestDbAccess access;
            inFlight = countWhere(tdb.db(), u"status = 'processing'"_s);
            QVERIFY2(inFlight > 0, "the window left nothing in flight");
            QCOMPARE(interruptedRows(tdb.db(), c.id), 0);
            // Another sender (herald-cli run, say) recovers them before the next console starts.
            recoveredByAnother =
                QueueEngine(tdb.db(), Clock::system()).recoverExpiredLeases(std::chrono::seconds(0));
            QCOMPARE(recoveredByAnother, inFlight);
        }
        {
            MainWindow w(context);
            w.show();
            QVERIFY(waitUntil([&] { return noticeOf(w)->hasChecked(); }, 10'000));
            QVERIFY(noticeOf(w)->isVisible());
            QCOMPARE(noticeOf(w)->report().total(), inFlight);
            QCOMPARE(noticeOf(w)->report().recoveredNow, 0);
            QVERIFY(noticeOf(w)->text().contains(c.name));
            // Dismissed, it goes; closing cleanly, the next start is quiet again.
            noticeOf(w)->findChild<QPushButton *>(u"interruptedDismiss"_s)->click();
            QVERIFY(noticeOf(w)->isHidden());
            w.closeWithoutAsking();
            QVERIFY(waitUntil([&] { return !w.isVisible(); }, 10'000));
        }
        {
            MainWindow w(context);
            w.show();
            QVERIFY(waitUntil([&] { return noticeOf(w)->hasChecked(); }, 10'000));
            QVERIFY(noticeOf(w)->isHidden());
            w.closeWithoutAsking();
            QVERIFY(waitUntil([&] { return !w.isVisible(); }, 10'000));
        }
        TestDbAccess access;
        QCOMPARE(interruptedRows(tdb.db(), c.id), inFlight); // nothing was resent by itself
    }

    // The notice seen as the user sees it (for the record: /tmp/interrupted-notice.png).
    void theNoticeNamesEachCampaignWithItsCount()
    {
        InterruptedNotice notice;
        InterruptedSummary s;
        s.campaigns = {{u"a"_s, u"Spring sale"_s, 37}, {u"b"_s, u"Order updates"_s, 1}};
        notice.resize(900, 80);
        notice.showReport(s);
        QVERIFY(!notice.isHidden());
        // The plural forms come from herald_en.qm once the lead refreshes it: the figures only.
        QVERIFY(notice.text().contains(u"“Spring sale”: 37"_s));
        QVERIFY(notice.text().contains(u"“Order updates”: 1"_s));
        QVERIFY(notice.text().contains(u" 38 "_s));
        QVERIFY(notice.reviewButton()->menu());
        QCOMPARE(notice.reviewButton()->menu()->actions().size(), 2);
        QSignalSpy review(&notice, &InterruptedNotice::reviewRequested);
        notice.reviewButton()->menu()->actions().at(1)->trigger();
        QCOMPARE(review.size(), 1);
        QCOMPARE(review.first().first().toString(), u"b"_s);
        notice.resize(notice.width(), notice.heightForWidth(notice.width()) > 0
                                          ? notice.heightForWidth(notice.width())
                                          : notice.sizeHint().height());
        notice.grab().save(u"/tmp/interrupted-notice.png"_s);
        // One campaign: named once, and the button opens it directly.
        InterruptedSummary one;
        one.campaigns = {{u"c"_s, u"Launch"_s, 12}};
        notice.showReport(one);
        QVERIFY(notice.text().contains(u"“Launch”"_s));
        QVERIFY(notice.text().contains(u" 12 "_s));
        QVERIFY(!notice.reviewButton()->menu());
        notice.reviewButton()->click();
        QCOMPARE(review.size(), 2);
        QCOMPARE(review.last().first().toString(), u"c"_s);
        notice.grab().save(u"/tmp/interrupted-notice-one.png"_s);
        notice.showReport({});
        QVERIFY(notice.isHidden());
    }
};

HERALD_UI_TEST_MAIN(TestInterrupted)
#include "test_interrupted.moc"
