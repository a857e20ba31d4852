// Delivery tracking in the real window, on SQLite and PostgreSQL, the GUI thread banned from SQL:
// once DeliveryWriter applies Meta's callbacks, the campaign table shows delivered and read (count
// and % of sent), the delivery funnel draws every stage, the Failures tab lists the late failures
// with their meaning from ErrorPolicy, and the status bar warns of a silent receiver only for a
// number whose delivery is tracked (the window's clock is injected, so ten minutes pass at once).
#include "DeliveryTestUtil.h"
#include "UiTestUtil.h"
#include "cloudapi/ErrorPolicy.h"
#include "models/FailuresModel.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/DeliveryFunnel.h"
#include "views/FailuresView.h"

#include <QChartView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

const QString kTracked = u"1065"_s;   // a number the receiver reports callbacks for
const QString kUntracked = u"2077"_s; // a number nobody set a receiver up for

// The campaign table's cell as the user sees it (through the view's sorting proxy).
QString cell(MainWindow &w, const QString &campaignId, int column)
{
    auto *table = w.findChild<QTableView *>(u"campaignTable"_s);
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(CampaignTableModel::IdRole).toString() == campaignId) {
            return model->index(row, column).data().toString();
        }
    }
    return {};
}

QLabel *deliveryStatus(MainWindow &w)
{
    return w.findChild<QLabel *>(u"deliveryStatus"_s);
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

class TestDeliveryTracking : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    ManualClock m_clock{QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC)};
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

    // The window on the test's clock; nobody takes the running campaigns over, so their
    // figures stay what the test made them.
    AppContext context(FixedCredentials &credentials) const
    {
        AppContext c = contextFor(*m_tdb, *m_sim, &credentials);
        c.clock = &m_clock;
        c.takeOverOrphans = false;
        return c;
    }

    void write(const QList<StatusUpdate> &callbacks)
    {
        TestDbAccess access;
        DeliveryWriter(m_tdb->db(), m_clock).write(callbacks);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_violationsBefore = Database::forbiddenThreadUses();
    }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
        m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC));
    }

    void callbacksShowAsDeliveredReadTheFunnelAndLateFailures()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = sentCampaign(m_tdb->db(), m_clock, u"Spring"_s, kTracked, 8, 2, 2);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(context(credentials));
        w.resize(1280, 860);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        QTRY_VERIFY_WITH_TIMEOUT(w.campaignsPage().detail()->campaignId() == c.id, patient(10'000));
        auto *funnel = w.findChild<DeliveryFunnel *>();
        QVERIFY(funnel);

        // No receiver has reported anything for the number yet: not tracked, no figures.
        QCOMPARE(cell(w, c.id, CampaignTableModel::Delivered), u"—"_s);
        QCOMPARE(funnel->trackingText(), u"Delivery not tracked"_s);
        QVERIFY(funnel->trackingTip().contains(u"herald-cli webhooks serve"_s));
        QCOMPARE(funnel->value(DeliveryFunnel::Sent), 8);
        QCOMPARE(funnel->value(DeliveryFunnel::Delivered), 0);

        m_clock.advanceMs(30'000);
        const QDateTime t = m_clock.now();
        QList<StatusUpdate> callbacks;
        for (int i = 0; i < 6; ++i) {
            callbacks << callback(wamidOf(c, i), DeliveryStatus::Delivered, t, kTracked);
        }
        for (int i = 0; i < 3; ++i) {
            callbacks << callback(wamidOf(c, i), DeliveryStatus::Read, t.addSecs(5), kTracked);
        }
        callbacks << callback(wamidOf(c, 6), DeliveryStatus::Failed, t, kTracked, 131049);
        callbacks << callback(wamidOf(c, 7), DeliveryStatus::Failed, t, kTracked, 131047);
        callbacks << callback(wamidOf(c, 0), DeliveryStatus::Delivered, t, kTracked); // a duplicate
        write(callbacks);

        QTRY_COMPARE_WITH_TIMEOUT(cell(w, c.id, CampaignTableModel::Delivered), u"6 (75.0 %)"_s,
                                  patient(10'000));
        QCOMPARE(cell(w, c.id, CampaignTableModel::Read), u"3 (37.5 %)"_s);
        QCOMPARE(cell(w, c.id, CampaignTableModel::Sent), u"8"_s); // a late failure stays sent
        QTRY_COMPARE_WITH_TIMEOUT(funnel->value(DeliveryFunnel::Delivered), 6, patient(10'000));
        QCOMPARE(funnel->value(DeliveryFunnel::Sent), 8);
        QCOMPARE(funnel->value(DeliveryFunnel::Read), 3);
        QCOMPARE(funnel->value(DeliveryFunnel::Failed), 2);
        QCOMPARE(funnel->value(DeliveryFunnel::FailedAfterSend), 2);
        QCOMPARE(funnel->stageText(DeliveryFunnel::Delivered), u"Delivered: 6 (75.0 %)"_s);
        QCOMPARE(funnel->stageText(DeliveryFunnel::FailedAfterSend), u"Failed later: 2 (25.0 %)"_s);
        QVERIFY2(funnel->trackingText().startsWith(u"Delivery tracked"_s),
                 qPrintable(funnel->trackingText()));
        QVERIFY(funnel->view()->isVisible());
        screenshot(w.findChild<QWidget *>(u"campaignDetail"_s), u"delivery-funnel"_s);

        // The Failures tab: the refused messages, then the late failures with their meaning.
        auto *failures = w.findChild<FailuresView *>(u"failuresTab"_s);
        QVERIFY(failures);
        w.campaignsPage().detail()->tabs()->setCurrentWidget(failures);
        const FailuresModel &model = failures->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.lateRows(), 2, patient(10'000));
        QCOMPARE(model.total(), 2);
        QCOMPARE(model.lateTotal(), 2);
        const int late = model.rowOf(u"131049"_s, true);
        QVERIFY(late >= 0);
        QVERIFY(model.rowOf(u"131049"_s) < 0); // no message was refused for it when sent
        QCOMPARE(model.index(late, FailuresModel::Reason).data().toString(), u"131049, after sending"_s);
        QCOMPARE(model.index(late, FailuresModel::Count).data().toString(), u"1"_s);
        QCOMPARE(model.index(late, FailuresModel::Meaning).data().toString(),
                 ErrorPolicy::entryForCode(131049)->meaningText());
        QCOMPARE(model.index(model.rowOf(u"131047"_s, true), FailuresModel::Meaning).data().toString(),
                 ErrorPolicy::entryForCode(131047)->meaningText());
        QCOMPARE(model.index(model.rowOf(u"131026"_s), FailuresModel::Count).data().toString(), u"2"_s);
        auto *summary = failures->findChild<QLabel *>(u"failuresSummary"_s);
        QVERIFY2(summary->text().contains(u"Failed after sending: 2"_s), qPrintable(summary->text()));
        // A late failure's row is sent: nothing to resend or to filter the recipients by.
        failures->table()->selectRow(late);
        QVERIFY(failures->selectedReasons().isEmpty());
        QVERIFY(!failures->findChild<QPushButton *>(u"failuresResend"_s)->isEnabled());
        failures->selectReason(u"131026"_s);
        QCOMPARE(failures->selectedReasons(), QStringList{u"131026"_s});
        QVERIFY(failures->findChild<QPushButton *>(u"failuresResend"_s)->isEnabled());
        screenshot(w.findChild<QWidget *>(u"campaignDetail"_s), u"delivery-failures"_s);
        w.closeWithoutAsking();
    }

    void theStatusBarWarnsOfASilentReceiverOnlyWhereTrackingIsConfigured()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign tracked;
        Campaign untracked;
        {
            TestDbAccess access;
            tracked = sentCampaign(m_tdb->db(), m_clock, u"Tracked"_s, kTracked, 5, 0, 5);
            untracked = sentCampaign(m_tdb->db(), m_clock, u"Untracked"_s, kUntracked, 5, 0, 5);
        }
        write({callback(wamidOf(tracked, 0), DeliveryStatus::Delivered, m_clock.now(), kTracked)});
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(context(credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, tracked.id) && shownRow(w, untracked.id); }, 10'000));
        QVERIFY(shownRow(w, tracked.id)->deliveryTracked);
        QVERIFY(!shownRow(w, untracked.id)->deliveryTracked);
        QLabel *status = deliveryStatus(w);
        QVERIFY(status);
        QVERIFY(status->isHidden());

        // Nine minutes without a callback: no warning yet.
        m_clock.advanceMs(9 * 60'000);
        QTest::qWait(1000); // several polls at the new time
        QVERIFY(!shownRow(w, tracked.id)->callbacksQuiet);
        QVERIFY(status->isHidden());

        // Eleven: the tracked campaign is named; the one without a receiver never is.
        m_clock.advanceMs(2 * 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(!status->isHidden(), patient(10'000));
        QCOMPARE(status->text(), u"No delivery callback for Tracked in 11 min"_s);
        QVERIFY(!status->toolTip().isEmpty());
        QVERIFY(!shownRow(w, untracked.id)->callbacksQuiet);
        w.campaignsPage().selectCampaign(tracked.id);
        auto *funnel = w.findChild<DeliveryFunnel *>();
        QTRY_VERIFY_WITH_TIMEOUT(funnel->trackingText().startsWith(u"No delivery callback"_s),
                                 patient(10'000));
        w.campaignsPage().selectCampaign(untracked.id);
        QTRY_COMPARE_WITH_TIMEOUT(funnel->trackingText(), u"Delivery not tracked"_s, patient(10'000));

        // A callback arrives: the warning goes.
        write({callback(wamidOf(tracked, 1), DeliveryStatus::Read, m_clock.now(), kTracked)});
        QTRY_VERIFY_WITH_TIMEOUT(status->isHidden(), patient(10'000));
        QCOMPARE(shownRow(w, tracked.id)->read, 1);
        w.closeWithoutAsking();
    }

    void withoutAReceiverThereIsNoWarningOnlyNotTracked()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        Campaign c;
        {
            TestDbAccess access;
            c = sentCampaign(m_tdb->db(), m_clock, u"Alone"_s, kUntracked, 5, 0, 5);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(context(credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, c.id); }, 10'000));
        w.campaignsPage().selectCampaign(c.id);
        auto *funnel = w.findChild<DeliveryFunnel *>();
        QTRY_COMPARE_WITH_TIMEOUT(funnel->trackingText(), u"Delivery not tracked"_s, patient(10'000));
        // An hour of silence, the campaign running all along: still no warning.
        m_clock.advanceMs(60 * 60'000);
        QTest::qWait(1000);
        QVERIFY(!shownRow(w, c.id)->callbacksQuiet);
        QVERIFY(deliveryStatus(w)->isHidden());
        QCOMPARE(cell(w, c.id, CampaignTableModel::Read), u"—"_s);
        w.closeWithoutAsking();
    }
};

HERALD_UI_TEST_MAIN(TestDeliveryTracking)
#include "test_deliverytracking.moc"
