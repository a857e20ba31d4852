// The campaign table model and its progress delegate, fed with snapshots as the data thread
// makes them: QAbstractItemModelTester watches every change; updates come as one block.
#include "DeliveryTestUtil.h"
#include "UiTestUtil.h"
#include "data/CampaignMonitor.h"
#include "delegates/ProgressDelegate.h"
#include "sending/CampaignActionRules.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
CampaignRow row(const QString &id, qint64 sent, qint64 total, CampaignStatus status = CampaignStatus::Running)
{
    CampaignRow r;
    r.id = id;
    r.name = u"Campaign "_s + id;
    r.templateName = u"order_update"_s;
    r.templateLanguage = u"en_US"_s;
    r.status = status;
    r.total = total;
    r.sent = sent;
    r.pending = total - sent;
    r.startTime = QDateTime(QDate(2026, 12, 1), QTime(10, 2), Qt::UTC);
    return r;
}
} // namespace

class TestCampaignTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotsInsertUpdateAndRemoveRowsUnderTheModelTester()
    {
        CampaignTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.apply({{row(u"a"_s, 0, 100), row(u"b"_s, 0, 50)}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 1);
        // Figures moved in both: one dataChanged for the block, not one per row or cell.
        model.apply({{row(u"a"_s, 10, 100), row(u"b"_s, 5, 50)}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
        // Nothing moved: nothing emitted.
        model.apply({{row(u"a"_s, 10, 100), row(u"b"_s, 5, 50)}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(changed.size(), 1);
        // One gone, one new.
        model.apply({{row(u"b"_s, 5, 50), row(u"c"_s, 0, 10)}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.campaign(u"c"_s));
        QVERIFY(!model.campaign(u"a"_s));
    }

    void cellsShowLocaleNumbersAndSortByRawValues()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        CampaignTableModel model;
        CampaignRow big = row(u"a"_s, 24363, 31265);
        big.failed = 84;
        big.pending = 31265 - 24363 - 84;
        big.rate = 18.2;
        big.etaSeconds = 380;
        model.apply({{big, row(u"b"_s, 9, 10)}, QDateTime::currentDateTimeUtc(), 0, {}});
        const QModelIndex sent = model.index(0, CampaignTableModel::Sent);
        QCOMPARE(sent.data().toString(), u"24,363"_s);
        QCOMPARE(sent.data(CampaignTableModel::RawRole).toLongLong(), 24363);
        QCOMPARE(model.index(0, CampaignTableModel::Rate).data().toString(), u"18/s"_s);
        QCOMPARE(model.index(0, CampaignTableModel::Eta).data().toString(), u"6 min"_s);
        QCOMPARE(model.index(0, CampaignTableModel::Progress).data().toString(), u"78.2 %"_s);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CampaignTableModel::RawRole);
        proxy.sort(CampaignTableModel::Progress, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(CampaignTableModel::IdRole).toString(), u"b"_s); // 90 % before 78 %
    }

    void deliveredAndReadShowCountAndShareOfSentUnderTheModelTester()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        CampaignTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        CampaignRow tracked = row(u"t"_s, 1200, 1500);
        tracked.deliveryTracked = true;
        tracked.delivered = 1100;
        tracked.read = 600;
        tracked.failedAfterSend = 12;
        const CampaignRow untracked = row(u"u"_s, 50, 100);
        model.apply({{tracked, untracked}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(model.headerData(CampaignTableModel::Delivered, Qt::Horizontal).toString(), u"Delivered"_s);
        QCOMPARE(model.headerData(CampaignTableModel::Read, Qt::Horizontal).toString(), u"Read"_s);
        const QModelIndex delivered = model.index(0, CampaignTableModel::Delivered);
        QCOMPARE(delivered.data().toString(), u"1,100 (91.7 %)"_s);
        QCOMPARE(delivered.data(CampaignTableModel::RawRole).toLongLong(), 1100);
        QCOMPARE(model.index(0, CampaignTableModel::Read).data().toString(), u"600 (50.0 %)"_s);
        QCOMPARE(delivered.data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
        QVERIFY(delivered.data(Qt::ToolTipRole).toString().contains(u"12 failed after sending"_s));
        // No receiver for its number: no figures that look like "nobody got it".
        const QModelIndex none = model.index(1, CampaignTableModel::Read);
        QCOMPARE(none.data().toString(), u"—"_s);
        QVERIFY(none.data(Qt::ToolTipRole).toString().startsWith(u"Delivery not tracked"_s));
        // Only the delivered figure moved: the row changes, in one signal.
        changed.clear();
        tracked.delivered = 1150;
        model.apply({{tracked, untracked}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 0);
        QCOMPARE(model.index(0, CampaignTableModel::Delivered).data().toString(), u"1,150 (95.8 %)"_s);
        // A late failure alone counts as a change too (the Failures tab follows it).
        changed.clear();
        tracked.failedAfterSend = 13;
        model.apply({{tracked, untracked}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(changed.size(), 1);
        // Nothing sent yet: no share at all, neither a division by zero nor "0.0 %".
        CampaignRow fresh = row(u"f"_s, 0, 10);
        fresh.deliveryTracked = true;
        model.apply({{tracked, untracked, fresh}, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(model.index(model.rowOf(u"f"_s), CampaignTableModel::Delivered).data().toString(), u"0"_s);
    }

    void theMonitorReadsDeliveryAndWhenCallbacksWentQuiet_data() { TestDatabase::addBackendRows(); }

    void theMonitorReadsDeliveryAndWhenCallbacksWentQuiet()
    {
        QFETCH(QString, backend);
        TestDbAccess access;
        QString skip;
        auto tdb = TestDatabase::create(backend, &skip);
        if (!tdb) {
            QSKIP(qPrintable(skip));
        }
        Database &db = tdb->db();
        ManualClock clock(QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC));
        const Campaign tracked = sentCampaign(db, clock, u"Tracked"_s, u"1065"_s, 6, 1, 3);
        const Campaign other = sentCampaign(db, clock, u"Other"_s, u"2077"_s, 4, 0, 2);
        clock.advanceMs(60'000);
        const QDateTime t = clock.now();
        const QList<StatusUpdate> callbacks{
            callback(wamidOf(tracked, 0), DeliveryStatus::Delivered, t, u"1065"_s),
            callback(wamidOf(tracked, 1), DeliveryStatus::Read, t, u"1065"_s),
            callback(wamidOf(tracked, 2), DeliveryStatus::Delivered, t, u"1065"_s),
            callback(wamidOf(tracked, 2), DeliveryStatus::Read, t, u"1065"_s),
            callback(wamidOf(tracked, 3), DeliveryStatus::Failed, t, u"1065"_s, 131047),
        };
        DeliveryWriter(db, clock).write(callbacks);
        CampaignMonitor monitor(clock);
        const auto find = [](const CampaignsSnapshot &s, const QString &id) {
            for (const CampaignRow &r : s.rows) {
                if (r.id == id) {
                    return r;
                }
            }
            return CampaignRow();
        };
        CampaignsSnapshot snap = monitor.poll(db);
        CampaignRow a = find(snap, tracked.id);
        QCOMPARE(a.sent, 6);
        QCOMPARE(a.delivered, 3); // read counts as delivered
        QCOMPARE(a.read, 2);
        QCOMPARE(a.failedAfterSend, 1);
        QVERIFY(a.deliveryTracked);
        QCOMPARE(a.lastCallbackAt, t);
        QVERIFY(!a.callbacksQuiet);
        CampaignRow b = find(snap, other.id);
        QVERIFY(!b.deliveryTracked);
        QCOMPARE(b.delivered, 0);
        // Nine minutes of silence: still fine; ten: the tracked campaign is quiet, the other
        // (no receiver for its number) never is.
        clock.advanceMs(9 * 60'000);
        QVERIFY(!find(monitor.poll(db), tracked.id).callbacksQuiet);
        clock.advanceMs(60'000);
        snap = monitor.poll(db);
        QVERIFY(find(snap, tracked.id).callbacksQuiet);
        QVERIFY(!find(snap, other.id).callbacksQuiet);
        // A callback arrives: quiet no more.
        DeliveryWriter(db, clock).write(
            {callback(wamidOf(tracked, 4), DeliveryStatus::Delivered, clock.now(), u"1065"_s)});
        a = find(monitor.poll(db), tracked.id);
        QVERIFY(!a.callbacksQuiet);
        QCOMPARE(a.delivered, 4);
        // Not running (paused): no warning however long the silence.
        CampaignStore(db, clock).transition(tracked.id, CampaignStatus::Paused, u"by hand"_s);
        clock.advanceMs(60 * 60'000);
        QVERIFY(!find(monitor.poll(db), tracked.id).callbacksQuiet);
    }

    void aPausedCampaignShowsItsReasonAndWhoSendsARunningOne()
    {
        CampaignTableModel model;
        model.setLocalSender(u"host/1/here"_s);
        CampaignRow paused = row(u"p"_s, 5, 10, CampaignStatus::Paused);
        paused.statusReason = u"The access token has expired or is not valid. (190): Enter a new one"_s;
        CampaignRow elsewhere = row(u"e"_s, 5, 10);
        elsewhere.sender = SenderInfo{
            u"other/2/x"_s, SenderKind::Run, u"other"_s, 2, {}, QDateTime::currentDateTimeUtc(), true, {}, 0};
        CampaignRow orphan = row(u"o"_s, 5, 10);
        model.apply({{paused, elsewhere, orphan}, QDateTime::currentDateTimeUtc(), 0, {}});
        QVERIFY(model.index(0, CampaignTableModel::Status).data().toString().contains(u"access token"_s));
        QVERIFY(model.index(1, CampaignTableModel::Status).data().toString().contains(u"elsewhere"_s));
        QVERIFY(model.index(1, CampaignTableModel::Status)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"herald-cli run"_s));
        QVERIFY(model.index(2, CampaignTableModel::Status).data().toString().contains(u"waiting"_s));
    }

    void theDelegatePaintsABarPerVisibleRowWithoutAWidgetPerCell()
    {
        CampaignTableModel model;
        QList<CampaignRow> rows;
        for (int i = 0; i < 20; ++i) {
            rows << row(QString::number(i), i * 5, 100);
        }
        model.apply({rows, QDateTime::currentDateTimeUtc(), 0, {}});
        QTableView view;
        ProgressDelegate delegate;
        view.setModel(&model);
        view.setItemDelegateForColumn(CampaignTableModel::Progress, &delegate);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(delegate.paintedBars() > 0);
        QVERIFY(delegate.paintedBars() <= 40); // the visible rows (a repaint or two), not all widgets
        QCOMPARE(view.findChildren<QProgressBar *>().size(), 0);
    }

    void actionsAreAllowedOnlyWhereTheStateMachineAndTheConsoleAgree()
    {
        using A = CampaignActionRules::Action;
        const CampaignActionRules::Situation idle{};
        const CampaignActionRules::Situation here{true, false};
        const CampaignRow draft = row(u"d"_s, 0, 10, CampaignStatus::Draft);
        QVERIFY(CampaignActionRules::check(A::Start, &draft, idle).allowed);
        QVERIFY(!CampaignActionRules::check(A::Pause, &draft, idle).allowed);
        QVERIFY(!CampaignActionRules::check(A::Resend, &draft, idle).why.isEmpty());
        const CampaignRow running = row(u"r"_s, 5, 10);
        QVERIFY(!CampaignActionRules::check(A::Start, &running, here).allowed);
        QVERIFY(CampaignActionRules::check(A::Start, &running, idle).allowed); // nobody sends it
        QVERIFY(CampaignActionRules::check(A::Pause, &running, here).allowed);
        QCOMPARE(CampaignActionRules::toggle(running, here), std::optional<A>(A::Pause));
        CampaignRow completed = row(u"c"_s, 10, 10, CampaignStatus::Completed);
        QVERIFY(!CampaignActionRules::check(A::Resume, &completed, idle).allowed);
        QVERIFY(!CampaignActionRules::check(A::Cancel, &completed, idle).allowed);
        QVERIFY(!CampaignActionRules::check(A::Resend, &completed, idle).allowed);
        completed.failed = 2;
        completed.sent = 8;
        QVERIFY(CampaignActionRules::check(A::Resend, &completed, idle).allowed);
        QVERIFY(!CampaignActionRules::check(A::Start, nullptr, idle).allowed);
    }

    void theMonitorWorksOutRateAndEtaFromTheCountersOfAnySender_data() { TestDatabase::addBackendRows(); }

    void theMonitorWorksOutRateAndEtaFromTheCountersOfAnySender()
    {
        QFETCH(QString, backend);
        TestDbAccess access;
        QString skip;
        auto tdb = TestDatabase::create(backend, &skip);
        if (!tdb) {
            QSKIP(qPrintable(skip));
        }
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, Clock::system(), u"Monitored"_s, 1000);
        CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        CampaignMonitor monitor(Clock::system());
        CampaignsSnapshot first = monitor.poll(db);
        QCOMPARE(first.rows.size(), 1);
        QCOMPARE(first.rows.first().pending, 1000);
        QueueEngine engine(db, Clock::system());
        QTest::qWait(600);
        QList<Outcome> outcomes;
        for (const ClaimedMessage &m : engine.claim(c.id, u"w"_s, 300)) {
            outcomes << Outcome::sent(m, u"wamid"_s);
        }
        engine.record(outcomes);
        const CampaignsSnapshot second = monitor.poll(db);
        const CampaignRow &r = second.rows.first();
        QCOMPARE(r.sent, 300);
        QCOMPARE(r.pending, 700);
        QVERIFY2(r.rate > 100 && r.rate < 600, qPrintable(QString::number(r.rate)));
        QVERIFY(r.etaSeconds > 0);
    }
};

HERALD_UI_TEST_MAIN(TestCampaignTableModel)
#include "test_campaigntablemodel.moc"
