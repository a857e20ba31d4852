// Several processes on one database, as a team has them: another console or `herald-cli run`
// sending a campaign moves this window's table live; this window never sends a campaign another
// live process holds, and takes it over once that process is killed. Real processes, real
// sockets, SQLite and PostgreSQL.
#include "ConsoleFixture.h"
#include "db/AppSettings.h"
#include "sending/SendController.h"
#include "settings/SettingKeys.h"
#include "views/CampaignsPage.h"

#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
// The API settings a child process reads from the database: the in-process simulator.
void storeSimulatorSettings(Database &db, const CloudApiSimulator &sim, int ceiling)
{
    AppSettings s(db);
    s.set(SettingKeys::ApiBase, sim.baseUrl().toString());
    s.set(SettingKeys::ApiVersion, sim.config().apiVersion);
    s.set(SettingKeys::PhoneNumberId, sim.config().phoneNumberId);
    s.set(SettingKeys::WabaId, sim.config().wabaId);
    s.set(SettingKeys::RateCeiling, QString::number(ceiling));
}

std::unique_ptr<QProcess> startChild(const QString &program, const QStringList &args,
                                     const CloudApiSimulator &sim, const QString &home)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"HERALD_ACCESS_TOKEN"_s, sim.config().accessToken);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.remove(u"HERALD_DB"_s);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(program, args);
    return p;
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

class TestSharedConsoles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aSecondConsoleLeavesAHeldCampaignAloneAndTakesItOverWhenTheFirstIsKilled()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        ConsoleFixture console;
        ConsoleOptions options;
        options.simulator.latencyMs = 30;
        Campaign c;
        options.seed = [&](Database &db) {
            storeSimulatorSettings(db, console.sim(), 100);
            c = readyCampaign(db, u"Team campaign"_s, 3000);
            CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        };
        if (!console.prepare(backend, &skip, options)) {
            QVERIFY2(!console.hasDatabase(), qPrintable(skip)); // only a missing backend skips
            QSKIP(qPrintable(skip));
        }
        TestDatabase &tdb = console.tdb();
        CloudApiSimulator &sim = console.sim();
        // The first console, in a process of its own, continues the running campaign.
        std::unique_ptr<QProcess> first =
            startChild(QStringLiteral(HERALD_GUI_PATH), {u"--db"_s, tdb.url()}, sim, m_home.path());
        QVERIFY(first->waitForStarted());
        QVERIFY(waitUntil([&] { return sim.log().totals().accepted >= 50; }, 30'000));

        // The second console, here: it shows the campaign moving and does not send it.
        AppContext context = console.context();
        context.apiOverride.reset(); // the stored settings, as a real console
        MainWindow w(context);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id) && shownRow(w, c.id)->sender; }, 10'000));
        const qint64 seen = shownRow(w, c.id)->sent;
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->sent > seen + 100; }, 20'000));
        QVERIFY(!w.sender().isSendingAnything());
        QVERIFY(shownRow(w, c.id)->sender->live);
        QVERIFY(shownRow(w, c.id)->sender->id != w.sender().senderId());
        QVERIFY(w.campaigns()
                    .index(w.campaigns().rowOf(c.id), CampaignTableModel::Status)
                    .data()
                    .toString()
                    .contains(u"elsewhere"_s));
        QVERIFY(shownRow(w, c.id)->rate > 20); // worked out from the counters another process moves

        first->kill(); // SIGKILL: it leaves its hold and its rows in flight
        QVERIFY(first->waitForFinished(10'000));
        QVERIFY(waitUntil([&] { return w.sender().isSending(c.id); }, 20'000));
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->status == CampaignStatus::Completed; }, 90'000));

        TestDbAccess access;
        Database &db = tdb.db();
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        QCOMPARE(after.totalSent + after.totalFailed, 3000);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        // Only what was in flight at the kill is "interrupted"; nobody got anything twice.
        QCOMPARE(after.totalFailed, countWhere(db, u"error_reason = 'interrupted'"_s));
        verifyNobodyMessagedTwice(sim);
    }

    void aCampaignSentByHeraldCliRunMovesTheTableLive()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        ConsoleFixture console;
        ConsoleOptions options;
        options.simulator.latencyMs = 20;
        Campaign c;
        options.seed = [&](Database &db) {
            storeSimulatorSettings(db, console.sim(), 150);
            c = readyCampaign(db, u"From the command line"_s, 1500);
        };
        if (!console.prepare(backend, &skip, options)) {
            QVERIFY2(!console.hasDatabase(), qPrintable(skip)); // only a missing backend skips
            QSKIP(qPrintable(skip));
        }
        TestDatabase &tdb = console.tdb();
        CloudApiSimulator &sim = console.sim();
        MainWindow w(console.context());
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        std::unique_ptr<QProcess> run =
            startChild(QStringLiteral(HERALD_CLI_PATH),
                       {u"--db"_s, tdb.url(), u"run"_s, u"--campaign"_s, c.name}, sim, m_home.path());
        QVERIFY(run->waitForStarted());
        // Several distinct figures on the way: the table follows the other process live.
        QSet<qint64> figures;
        QVERIFY(waitUntil(
            [&] {
                figures.insert(shownRow(w, c.id)->sent);
                return figures.size() >= 5;
            },
            30'000));
        QVERIFY(run->waitForFinished(60'000));
        QCOMPARE(run->exitCode(), 0);
        QVERIFY(waitUntil([&] { return shownRow(w, c.id)->status == CampaignStatus::Completed; }, 10'000));
        QCOMPARE(shownRow(w, c.id)->sent, 1500);
        QVERIFY(!w.sender().isSendingAnything()); // it never joined in
        console.close();
    }
};

HERALD_UI_TEST_MAIN(TestSharedConsoles)
#include "test_sharedconsoles.moc"
