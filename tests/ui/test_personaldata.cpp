// Personal data in the console, driven through the real window on SQLite and PostgreSQL:
// Tools ▸ Erase a Person's Data… (the number read as the import reads it, the opt-out question,
// the last confirmation, the erasure on the data thread and what it did), and the retention
// setting applied shortly after start and again while the console runs. The database is
// checked afterwards; the GUI thread runs no SQL.
#include "ConsoleFixture.h"
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "models/RecipientsModel.h"
#include "optout/OptOutStore.h"
#include "privacy/ErasePersonAction.h"
#include "privacy/Erasure.h"
#include "privacy/RetentionSchedule.h"
#include "queue/Counters.h"
#include "views/CampaignsPage.h"
#include "views/RecipientsView.h"

#include <QMenu>
#include <QMenuBar>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

const QString Person = u"+4915123456789"_s;
const QString PersonName = u"Erika Mustermann"_s;
const QString PersonDigits = u"15123456789"_s;

// The person (unless left out) and three others, on the simulator's template.
Campaign campaign(Database &db, const Clock &clock, const QString &name, bool withPerson, int firstOther)
{
    QList<Recipient> list;
    if (withPerson) {
        list << Recipient{Person, PersonName,
                          QJsonObject{{u"body.1"_s, PersonName}, {u"body.2"_s, u"A-77"_s}}, 2};
    }
    for (int i = 0; i < 3; ++i) {
        const QString other = u"Other %1"_s.arg(firstOther + i);
        list << Recipient{u"+4915200000%1"_s.arg(100 + firstOther + i), other,
                          QJsonObject{{u"body.1"_s, other}}, 3 + i};
    }
    const QJsonObject settings{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                           {u"body.2"_s, u"A12345"_s},
                                                           {u"button.0"_s, u"A12345"_s}}}};
    CampaignStore store(db, clock);
    const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, settings});
    QueueEngine(db, clock).enqueue(c.id, list);
    return store.byId(c.id);
}

// Sends every row as the sender would, at the clock's time: the campaign completes then.
void finish(Database &db, const Clock &clock, const QString &id)
{
    CampaignStore(db, clock).transition(id, CampaignStatus::Running);
    QueueEngine engine(db, clock);
    QList<Outcome> outcomes;
    for (const ClaimedMessage &m : engine.claim(id, u"worker-earlier"_s, 100)) {
        outcomes << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
    }
    engine.record(outcomes);
}

struct Counts
{
    qint64 total, sent, failed;
    bool operator==(const Counts &) const = default;
};

// Every row that is not the person's, as text: they must come through untouched.
QStringList others(Database &db)
{
    QStringList rows;
    QSqlQuery q =
        db.run(u"SELECT id, phone, contact_name, CAST(params AS TEXT), status, wamid FROM send_queue "
               "WHERE phone <> ? AND phone NOT LIKE 'erased:%' ORDER BY id"_s,
               {Person});
    while (q.next()) {
        QStringList r;
        for (int i = 0; i < 6; ++i) {
            r << q.value(i).toString();
        }
        rows << r.join(u'|');
    }
    return rows;
}

} // namespace

class TestPersonalData : public QObject
{
    Q_OBJECT

    ConsoleFixture m_console;
    std::unique_ptr<MainWindow> m_window;
    quint64 m_violationsBefore = 0;

    // A console on a database the seed filled; the retention timings as given.
    bool setUp(QString *skip, const std::function<void(Database &)> &seed,
               std::chrono::milliseconds retentionDelay = std::chrono::hours(1),
               std::chrono::milliseconds retentionEvery = std::chrono::hours(24))
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleOptions options;
        options.importRegion = u"DE"_s; // "0151 23456789" is the person, as the import reads it
        options.seed = seed;
        if (!m_console.prepare(backend, skip, options)) {
            return false;
        }
        AppContext context = m_console.context();
        context.retentionDelay = retentionDelay;
        context.retentionEvery = retentionEvery;
        context.takeOverOrphans = false; // a test's own claims stay its own
        m_window = std::make_unique<MainWindow>(context);
        m_window->show();
        return true;
    }

    ErasePersonAction &eraser() const { return *m_window->findChild<ErasePersonAction *>(u"erasePerson"_s); }

    // Triggers Tools ▸ Erase a Person's Data… with the answers queued, and waits until the
    // questions are over and any erasure has answered.
    bool eraseThroughMenu(const QString &number, std::optional<bool> optOut, std::optional<bool> confirm)
    {
        QAction *action = m_window->findChild<QAction *>(u"erasePersonAction"_s);
        if (!action || !action->isEnabled()) {
            return false;
        }
        Prompt::setNextText(number);
        if (optOut) {
            Prompt::setNextAnswer(*optOut);
        }
        if (confirm) {
            Prompt::setNextAnswer(*confirm);
        }
        action->trigger();
        return waitUntil([&] { return !eraser().isBusy(); }, 20'000) && action->isEnabled();
    }

    Counts countsOf(const QString &id)
    {
        TestDbAccess access;
        const Campaign c = CampaignStore(m_console.db(), Clock::system()).byId(id);
        return {c.totalContacts, c.totalSent, c.totalFailed};
    }

    bool recountMatches(const QString &id)
    {
        TestDbAccess access;
        const Campaign c = CampaignStore(m_console.db(), Clock::system()).byId(id);
        const CounterValues r = Counters::recount(m_console.db(), id);
        return r.contacts == c.totalContacts && r.sent == c.totalSent && r.failed == c.totalFailed;
    }

    qint64 scalar(const QString &sql, const QVariantList &values = {})
    {
        TestDbAccess access;
        return m_console.db().scalar(sql, values).toLongLong();
    }

    // Rows that still carry anything of the person: number, name or parameters.
    qint64 traces()
    {
        return scalar(u"SELECT count(*) FROM send_queue WHERE phone = ? OR contact_name = ? OR "
                      "CAST(params AS TEXT) LIKE ?"_s,
                      {Person, PersonName, u"%Mustermann%"_s});
    }

    qint64 erasedIn(const QString &id)
    {
        return scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND phone LIKE 'erased:%' AND "
                      "contact_name IS NULL"_s,
                      {id});
    }

    bool optedOut()
    {
        TestDbAccess access;
        return OptOutStore(m_console.db(), Clock::system()).contains(Person);
    }

    QStringList othersNow()
    {
        TestDbAccess access;
        return others(m_console.db());
    }

    RecipientsView *recipients() const { return m_window->findChild<RecipientsView *>(u"recipientsTab"_s); }

    // Whether the recipients table shows the person (number or name) on a loaded row.
    bool recipientsShowPerson() const
    {
        const RecipientsModel &model = recipients()->model();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString phone = model.index(row, RecipientsModel::Phone).data().toString();
            const QString name = model.index(row, RecipientsModel::Name).data().toString();
            if (QString(phone).remove(u' ').contains(PersonDigits) || name == PersonName) {
                return true;
            }
        }
        return false;
    }

    bool recipientsLoaded(int rows) const
    {
        const RecipientsModel &model = recipients()->model();
        return model.rowCount() == rows && model.index(0, 0).data(RecipientsModel::LoadedRole).toBool() &&
               model.index(rows - 1, 0).data(RecipientsModel::LoadedRole).toBool();
    }

    QStringList told() const
    {
        QStringList lines;
        for (const QString &s : Prompt::shown()) {
            lines << s;
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init()
    {
        m_violationsBefore = Database::forbiddenThreadUses();
        Prompt::clearShown();
    }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        if (m_window) {
            m_window->closeWithoutAsking();
        }
        m_window.reset();
        m_console.close();
        Prompt::clearShown();
    }

    void erasingAPersonFromTheToolsMenuRemovesTheirDetailsEverywhereAndKeepsTheCounts()
    {
        QString sent, waiting, without;
        QString skip;
        if (!setUp(&skip, [&](Database &db) {
                sent = campaign(db, Clock::system(), u"Spring sale"_s, true, 0).id;
                finish(db, Clock::system(), sent);
                waiting = campaign(db, Clock::system(), u"Newsletter"_s, true, 10).id;
                without = campaign(db, Clock::system(), u"Others only"_s, false, 20).id;
            })) {
            QSKIP(qPrintable(skip));
        }
        // The action is in the Tools menu.
        QMenu *tools = nullptr;
        for (QAction *menu : m_window->menuBar()->actions()) {
            if (menu->menu() &&
                menu->menu()->actions().contains(m_window->findChild<QAction *>(u"erasePersonAction"_s))) {
                tools = menu->menu();
            }
        }
        QVERIFY(tools);
        QCOMPARE(tools->title(), u"&Tools"_s);

        // The sent campaign's recipients are on screen, the person among them.
        QVERIFY(waitUntil([&] { return shownRow(*m_window, sent) != nullptr; }, 10'000));
        m_window->campaignsPage().selectCampaign(sent);
        auto *tabs = m_window->findChild<QTabWidget *>(u"detailTabs"_s);
        tabs->setCurrentWidget(recipients());
        QVERIFY(waitUntil([&] { return recipientsLoaded(4); }, 10'000));
        QVERIFY(recipientsShowPerson());

        QCOMPARE(traces(), 2);
        const QStringList othersBefore = othersNow();
        QCOMPARE(othersBefore.size(), 9);
        const Counts sentBefore = countsOf(sent);
        const Counts waitingBefore = countsOf(waiting);
        const Counts withoutBefore = countsOf(without);
        QCOMPARE(sentBefore, (Counts{4, 4, 0}));
        QVERIFY(!optedOut());

        // Written nationally: read in the stored default region (DE), as herald-cli erase does.
        QVERIFY(eraseThroughMenu(u" 0151 23456789 "_s, true, true));
        QCOMPARE(traces(), 0);
        QCOMPARE(erasedIn(sent), 1);
        QCOMPARE(erasedIn(waiting), 1);
        QCOMPARE(erasedIn(without), 0);
        QCOMPARE(othersNow(), othersBefore);
        QCOMPARE(countsOf(sent), sentBefore);
        QCOMPARE(countsOf(without), withoutBefore);
        // The waiting message will never be sent: failed as "erased", total and sent unchanged.
        QCOMPARE(countsOf(waiting),
                 (Counts{waitingBefore.total, waitingBefore.sent, waitingBefore.failed + 1}));
        QCOMPARE(scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'failed' AND "
                        "error_reason = ?"_s,
                        {waiting, Erasure::Reason}),
                 1);
        for (const QString &id : {sent, waiting, without}) {
            QVERIFY2(recountMatches(id), qPrintable(id));
        }
        QVERIFY(optedOut());

        // The questions: the number, the opt-out list, the confirmation naming the number as
        // read; then what was done.
        const QStringList shown = told();
        QCOMPARE(shown.size(), 4);
        QVERIFY2(shown[0].contains(u"phone number"_s), qPrintable(shown[0]));
        QVERIFY2(shown[1].contains(u"opt-out list"_s) && shown[1].contains(Person), qPrintable(shown[1]));
        QVERIFY2(shown[2].startsWith(u"Erase %1?"_s.arg(Person)) &&
                     shown[2].contains(u"cannot be undone"_s) &&
                     shown[2].contains(u"will be added to the opt-out list"_s),
                 qPrintable(shown[2]));
        QVERIFY2(shown[3].startsWith(u"Personal Data Erased: "_s) && shown[3].contains(u"from 2 row"_s) &&
                     shown[3].contains(u"in 2 campaign"_s) && shown[3].contains(u"1 message"_s) &&
                     shown[3].contains(u"still waiting for this number will not be sent"_s) &&
                     shown[3].contains(u"now on the opt-out list"_s),
                 qPrintable(shown[3]));

        // The open recipients view reloaded: the person is gone from it, the rows are not.
        QVERIFY(waitUntil([&] { return !recipientsShowPerson() && recipientsLoaded(4); }, 10'000));

        // Again: nothing left to erase, and it says so.
        Prompt::clearShown();
        QVERIFY(eraseThroughMenu(Person, false, true));
        QVERIFY2(told().constLast().contains(u"is in no campaign"_s), qPrintable(told().constLast()));
        QVERIFY2(told().constLast().contains(u"stays on the opt-out list"_s), qPrintable(told().constLast()));
    }

    void notAddingToTheOptOutListLeavesItAlone()
    {
        QString id;
        QString skip;
        if (!setUp(&skip,
                   [&](Database &db) { id = campaign(db, Clock::system(), u"Spring sale"_s, true, 0).id; })) {
            QSKIP(qPrintable(skip));
        }
        const qint64 optOutsBefore = scalar(u"SELECT count(*) FROM opt_outs"_s);
        QVERIFY(eraseThroughMenu(Person, false, true));
        QCOMPARE(erasedIn(id), 1);
        QCOMPARE(traces(), 0);
        QVERIFY(!optedOut());
        QCOMPARE(scalar(u"SELECT count(*) FROM opt_outs"_s), optOutsBefore);
        QVERIFY2(told().at(2).contains(u"opt-out list will not be changed"_s), qPrintable(told().at(2)));
        QVERIFY(!told().constLast().contains(u"opt-out"_s));
    }

    void aBadNumberIsExplainedAndNothingIsErased()
    {
        QString id;
        QString skip;
        if (!setUp(&skip,
                   [&](Database &db) { id = campaign(db, Clock::system(), u"Spring sale"_s, true, 0).id; })) {
            QSKIP(qPrintable(skip));
        }
        const QStringList before = othersNow();
        for (const QString &bad : {u"12345"_s, u"not a number"_s, u"+49 151"_s}) {
            Prompt::clearShown();
            // No answers queued: a question that should not come would be recorded (and cancelled).
            QVERIFY(eraseThroughMenu(bad, std::nullopt, std::nullopt));
            const QStringList shown = told();
            QCOMPARE(shown.size(), 2); // the number, then why it is not one: no further question
            QVERIFY2(shown[1].startsWith(u"Not a Phone Number: "_s) &&
                         shown[1].contains(u"Nothing was erased."_s),
                     qPrintable(shown[1]));
            QVERIFY2(shown[1].contains(bad.trimmed()), qPrintable(shown[1])); // the reason quotes the input
        }
        QCOMPARE(traces(), 1);
        QCOMPARE(erasedIn(id), 0);
        QCOMPARE(othersNow(), before);
        QVERIFY(!optedOut());
    }

    void cancellingAnyQuestionErasesNothing()
    {
        QString id;
        QString skip;
        if (!setUp(&skip,
                   [&](Database &db) { id = campaign(db, Clock::system(), u"Spring sale"_s, true, 0).id; })) {
            QSKIP(qPrintable(skip));
        }
        // No number given (the text box cancelled).
        QVERIFY(eraseThroughMenu(QString(), std::nullopt, std::nullopt));
        QCOMPARE(told().size(), 1);
        // The last question cancelled, with the opt-out chosen before it.
        Prompt::clearShown();
        QVERIFY(eraseThroughMenu(Person, true, false));
        QCOMPARE(told().size(), 3);
        QVERIFY(told().at(2).startsWith(u"Erase %1?"_s.arg(Person)));
        QTest::qWait(200); // an erasure that should not have been posted would be answered by now
        QCOMPARE(traces(), 1);
        QCOMPARE(erasedIn(id), 0);
        QVERIFY(!optedOut());
        QCOMPARE(countsOf(id), (Counts{4, 0, 0}));
    }

    void aMessageInFlightMakesTheErasureRefuseAndSayWhy()
    {
        QString id;
        QString skip;
        if (!setUp(&skip,
                   [&](Database &db) { id = campaign(db, Clock::system(), u"Spring sale"_s, true, 0).id; })) {
            QSKIP(qPrintable(skip));
        }
        // The window's start check (which recovers what a dead sender held) is over: jobs run in
        // order, so a job posted now is answered after it.
        bool started = false;
        m_window->data().run(
            m_window.get(), [](Database &) {}, [&](const DataResult<Done> &) { started = true; });
        QVERIFY(waitUntil([&] { return started; }, 10'000));
        {
            // Another sender holds the person's message right now.
            TestDbAccess access;
            CampaignStore(m_console.db(), Clock::system()).transition(id, CampaignStatus::Running);
            QCOMPARE(
                QueueEngine(m_console.db(), Clock::system()).claim(id, u"worker-elsewhere"_s, 100).size(), 4);
        }
        QVERIFY(eraseThroughMenu(Person, true, true));
        const QString last = told().constLast();
        QVERIFY2(last.startsWith(u"Nothing Was Erased: "_s) && last.contains(u"being sent right now"_s),
                 qPrintable(last));
        QCOMPARE(traces(), 1);
        QVERIFY(!optedOut());
    }

    void retentionPurgesCampaignsFinishedLongerAgoShortlyAfterStart()
    {
        QString old, recent, open;
        QString skip;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!setUp(
                &skip,
                [&](Database &db) {
                    const ManualClock fortyDaysAgo(now.addDays(-40));
                    old = campaign(db, fortyDaysAgo, u"Forty days ago"_s, true, 0).id;
                    finish(db, fortyDaysAgo, old);
                    const ManualClock twoDaysAgo(now.addDays(-2));
                    recent = campaign(db, twoDaysAgo, u"Two days ago"_s, false, 10).id;
                    finish(db, twoDaysAgo, recent);
                    open = campaign(db, fortyDaysAgo, u"Never sent"_s, false, 20).id;
                    AppSettings(db).set(SettingKeys::RetentionDays, u"30"_s);
                },
                std::chrono::milliseconds(300))) {
            QSKIP(qPrintable(skip));
        }
        auto *schedule = m_window->findChild<RetentionSchedule *>(u"retentionSchedule"_s);
        QVERIFY(schedule);
        QSignalSpy applied(schedule, &RetentionSchedule::applied);
        const Counts before[] = {countsOf(old), countsOf(recent), countsOf(open)};
        QVERIFY(applied.wait(patient(15'000)));
        const auto result = applied.first().first().value<RetentionResult>();
        QCOMPARE(result.days, 30);
        QCOMPARE(result.campaigns, 1);
        QCOMPARE(result.rows, 4);
        QCOMPARE(erasedIn(old), 4);
        QCOMPARE(erasedIn(recent), 0);
        QCOMPARE(erasedIn(open), 0);
        QCOMPARE(countsOf(old), before[0]);
        QCOMPARE(countsOf(recent), before[1]);
        QCOMPARE(countsOf(open), before[2]);
        QVERIFY(recountMatches(old));
        const QString status = m_window->statusBar()->currentMessage();
        QVERIFY2(status.contains(u"Retention"_s) && status.contains(u"of 4 recipient"_s) &&
                     status.contains(u"in 1 campaign"_s) && status.contains(u"more than 30 day"_s),
                 qPrintable(status));
        QTest::qWait(300);
        QCOMPARE(applied.size(), 1); // once at start; the next in a day
    }

    void retentionZeroKeepsEverything()
    {
        QString old;
        QString skip;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!setUp(
                &skip,
                [&](Database &db) {
                    const ManualClock longAgo(now.addDays(-4000));
                    old = campaign(db, longAgo, u"Long ago"_s, true, 0).id;
                    finish(db, longAgo, old);
                    AppSettings(db).set(SettingKeys::RetentionDays, u"0"_s);
                },
                std::chrono::milliseconds(100))) {
            QSKIP(qPrintable(skip));
        }
        auto *schedule = m_window->findChild<RetentionSchedule *>(u"retentionSchedule"_s);
        QSignalSpy applied(schedule, &RetentionSchedule::applied);
        QVERIFY(applied.wait(patient(15'000)));
        QCOMPARE(applied.first().first().value<RetentionResult>().days, 0);
        QCOMPARE(erasedIn(old), 0);
        QCOMPARE(traces(), 1);
        QVERIFY(!m_window->statusBar()->currentMessage().contains(u"Retention"_s));
    }

    void retentionIsAppliedAgainWhileTheConsoleRuns()
    {
        QString old;
        QString skip;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!setUp(
                &skip,
                [&](Database &db) {
                    const ManualClock longAgo(now.addDays(-10));
                    old = campaign(db, longAgo, u"Ten days ago"_s, true, 0).id;
                    finish(db, longAgo, old);
                },
                std::chrono::milliseconds(100), std::chrono::milliseconds(400))) {
            QSKIP(qPrintable(skip));
        }
        auto *schedule = m_window->findChild<RetentionSchedule *>(u"retentionSchedule"_s);
        QSignalSpy applied(schedule, &RetentionSchedule::applied);
        QSignalSpy purged(schedule, &RetentionSchedule::purged);
        QVERIFY(applied.wait(patient(15'000))); // unset: kept
        QCOMPARE(applied.first().first().value<RetentionResult>().days, 0);
        QCOMPARE(erasedIn(old), 0);
        {
            TestDbAccess access;
            AppSettings(m_console.db()).set(SettingKeys::RetentionDays, u"7"_s);
        }
        QVERIFY(purged.wait(patient(15'000))); // the next round reads the new setting
        QCOMPARE(erasedIn(old), 4);
        QCOMPARE(traces(), 0);
    }
};

HERALD_UI_TEST_MAIN(TestPersonalData)
#include "test_personaldata.moc"
