// The Senders page: every process sending from the database — this console, other consoles,
// herald-cli run and headless workers — with its name, kind, host, the campaigns it holds and its
// rate; one not heard for the staleness is marked silent. The model on its own (with
// QAbstractItemModelTester), then the real window reading what other processes announced, on
// SQLite and PostgreSQL.
#include "ConsoleFixture.h"
#include "models/SendersModel.h"
#include "pages/SendersPage.h"
#include "sender/SenderPresence.h"
#include "theme/StatusColors.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
SenderRow senderRow(const QString &id, SenderKind kind, const QString &name, bool live, double rate,
                    const QStringList &campaigns)
{
    SenderRow r;
    r.info.id = id;
    r.info.kind = kind;
    r.info.host = u"host-a"_s;
    r.info.pid = 4242;
    r.info.heartbeatAt = QDateTime(QDate(2026, 12, 2), QTime(14, 2, 11), Qt::UTC);
    r.info.live = live;
    r.info.rate = rate;
    r.info.label.name = name;
    r.campaigns = campaigns;
    return r;
}

QString cell(const QAbstractItemModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

int rowNamed(const QAbstractItemModel &m, const QString &name)
{
    for (int row = 0; row < m.rowCount(); ++row) {
        if (cell(m, row, SendersModel::Name) == name) {
            return row;
        }
    }
    return -1;
}
} // namespace

class TestSendersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theModelListsEachSenderAndMarksASilentOne()
    {
        SendersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLocalSender(u"host-a/1/0000aaaa"_s);
        model.setSenders(
            {senderRow(u"host-a/1/0000aaaa"_s, SenderKind::Console, {}, true, 0, {}),
             senderRow(u"host-b/2/0000bbbb"_s, SenderKind::Worker, u"sender-1"_s, true, 79.84,
                       {u"Spring sale"_s, u"Winter"_s}),
             senderRow(u"host-c/3/0000cccc"_s, SenderKind::Worker, u"sender-2"_s, false, 40, {})});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(SendersModel::ColumnCount));
        QCOMPARE(cell(model, 0, SendersModel::Name), u"host-a (this console)"_s);
        QCOMPARE(cell(model, 0, SendersModel::Kind), u"Console"_s);
        QCOMPARE(cell(model, 0, SendersModel::State), u"Idle"_s);
        QCOMPARE(cell(model, 0, SendersModel::Campaigns), u"none"_s);
        QCOMPARE(cell(model, 1, SendersModel::Name), u"sender-1"_s);
        QCOMPARE(cell(model, 1, SendersModel::Kind), u"Worker"_s);
        QCOMPARE(cell(model, 1, SendersModel::Host), u"host-a (process 4242)"_s);
        QCOMPARE(cell(model, 1, SendersModel::Campaigns), u"Spring sale, Winter"_s);
        QCOMPARE(cell(model, 1, SendersModel::Rate), u"79.8 msg/s"_s);
        QCOMPARE(cell(model, 1, SendersModel::State), u"Sending"_s);
        // Silent: marked in the failure colour, its rate no longer claimed, a tooltip saying what
        // happens to its campaigns.
        QVERIFY2(cell(model, 2, SendersModel::State).startsWith(u"Silent since "_s),
                 qPrintable(cell(model, 2, SendersModel::State)));
        QCOMPARE(cell(model, 2, SendersModel::Rate), u"—"_s);
        QCOMPARE(model.index(2, SendersModel::State).data(Qt::ForegroundRole).value<QColor>(),
                 StatusColors::color(StatusColors::Status::Failed));
        QVERIFY(
            model.index(2, SendersModel::State).data(Qt::ToolTipRole).toString().contains(u"next sender"_s));
        QVERIFY(!model.index(2, 0).data(SendersModel::LiveRole).toBool());
        QCOMPARE(model.silentCount(), 1);
        model.setSenders({});
        QCOMPARE(model.rowCount(), 0);
    }

    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void theWindowShowsWorkersOtherProcessesAnnounced()
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleFixture console;
        QString skip;
        const QString live = u"host-b/77/0000beef"_s;
        const QString gone = u"host-c/78/0000dead"_s;
        ConsoleOptions options;
        options.seed = [&](Database &db) {
            const Campaign c = makeCampaign(db, Clock::system(), u"Spring sale"_s, 5);
            SenderPresence presence(db, Clock::system());
            presence.announce(live, SenderKind::Worker, {u"sender-1"_s, u"Spring sale"_s});
            QCOMPARE(presence.acquire(c.id, live).id, live);
            ManualClock past(QDateTime::currentDateTimeUtc().addSecs(-60));
            SenderPresence(db, past).announce(gone, SenderKind::Worker, {u"sender-2"_s, {}});
        };
        if (!console.prepare(backend, &skip, options)) {
            QSKIP(qPrintable(skip));
        }
        MainWindow *window = console.open();
        auto *navigation = window->findChild<QListWidget *>(u"navigation"_s);
        QVERIFY(navigation);
        QCOMPARE(navigation->item(4)->text(), u"Senders"_s);
        navigation->setCurrentRow(4);
        auto *page = window->findChild<SendersPage *>(u"sendersPage"_s);
        QVERIFY(page && page->isVisible());
        auto *view = page->findChild<QTableView *>(u"sendersView"_s);
        QVERIFY(view);
        QVERIFY(waitUntil([&] { return view->model()->rowCount() == 2; }, 15'000));
        const QAbstractItemModel &m = *view->model();
        // Oldest first: the silent one started a minute earlier.
        QCOMPARE(rowNamed(m, u"sender-2"_s), 0);
        const int one = rowNamed(m, u"sender-1"_s);
        QCOMPARE(one, 1);
        QCOMPARE(cell(m, one, SendersModel::Campaigns), u"Spring sale"_s);
        QCOMPARE(cell(m, one, SendersModel::State), u"Sending"_s);
        QVERIFY(m.index(one, SendersModel::Campaigns)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Spring sale"_s));
        QVERIFY(cell(m, 0, SendersModel::State).startsWith(u"Silent since "_s));
        QCOMPARE(page->findChild<QLabel *>(u"sendersSummary"_s)->text(),
                 u"2 senders, of them 2 workers; 1 silent"_s);

        // The worker signs off: the page follows.
        {
            TestDbAccess access;
            SenderPresence(console.db(), Clock::system()).withdraw(live);
        }
        QVERIFY(waitUntil([&] { return view->model()->rowCount() == 1; }, 15'000));
        QCOMPARE(cell(m, 0, SendersModel::Name), u"sender-2"_s);
    }
};

HERALD_UI_TEST_MAIN(TestSendersPage)
#include "test_senderspage.moc"
