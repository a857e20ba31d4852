// A campaign sent from a pool of phone numbers, as the user meets it in the real main window, on
// SQLite and PostgreSQL: its Numbers tab (only for such a campaign) shows each number's share,
// which number left the pool and why; "Move recipients…" asks first, moves nothing when
// declined, and once confirmed moves the recipients waiting for that number to the one left and
// records it; started, the campaign then completes from that number alone, nobody messaged
// twice. The GUI thread runs no SQL. Set HERALD_SCREENSHOT_DIR for a picture.
#include "UiTestUtil.h"
#include "models/PoolNumbersModel.h"
#include "queue/NumberPool.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/PoolNumbersView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QPushButton>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
const QString kOut = u"200000000000002"_s;
}

class TestPoolNumbersView : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    quint64 m_violationsBefore = 0;

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init()
    {
        m_violationsBefore = Database::forbiddenThreadUses();
        Prompt::clearShown();
    }

    void cleanup()
    {
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
    }

    void theNumbersTabShowsEachNumberAndMovesRecipientsOnlyWhenConfirmed()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        Campaign pooled;
        Campaign single;
        {
            TestDbAccess access;
            m_tdb = TestDatabase::create(backend, &skip);
            if (!m_tdb) {
                QSKIP(qPrintable(skip));
            }
            SimulatorConfig sc;
            sc.latencyMs = 5;
            sc.extraPhoneNumberIds = {kOut};
            m_sim = std::make_unique<CloudApiSimulator>(sc);
            QVERIFY(m_sim->start());
            QVERIFY(syncTemplates(m_tdb->db(), *m_sim));
            Database &db = m_tdb->db();
            pooled = readyCampaign(db, u"Pooled"_s, 40);
            single = readyCampaign(db, u"Single"_s, 5, 1000);
            NumberPool pool(db, Clock::system());
            pool.set(pooled.id, {m_sim->config().phoneNumberId, kOut});
            // As a 368 from Meta would have left it: out, with its 20 recipients waiting.
            QVERIFY(pool.takeOut(pooled.id, kOut,
                                 u"The account is temporarily blocked for policy violations. (368)"_s));
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, pooled.id) && shownRow(w, single.id); }, 10'000));
        CampaignDetail *detail = w.campaignsPage().detail();
        PoolNumbersView *view = detail->poolNumbers();
        QAbstractItemModelTester tester(&view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int tab = detail->tabs()->indexOf(view);

        // A campaign with one number has no Numbers tab.
        w.campaignsPage().selectCampaign(single.id);
        QVERIFY(waitUntil([&] { return detail->campaignId() == single.id && !view->isPool(); }, 10'000));
        QTest::qWait(200);
        QVERIFY(!detail->tabs()->isTabVisible(tab));

        w.campaignsPage().selectCampaign(pooled.id);
        QVERIFY(waitUntil([&] { return view->model().rowCount() == 2; }, 10'000));
        QVERIFY(detail->tabs()->isTabVisible(tab));
        detail->tabs()->setCurrentIndex(tab);
        const QModelIndex outRow = view->model().index(1, PoolNumbersModel::Number);
        QCOMPARE(outRow.data().toString(), kOut);
        QCOMPARE(view->model().index(1, PoolNumbersModel::State).data().toString(), u"Out of the pool"_s);
        QCOMPARE(
            view->model().index(1, PoolNumbersModel::Waiting).data(PoolNumbersModel::RawRole).toLongLong(),
            20);
        QVERIFY(view->model().index(1, PoolNumbersModel::Reason).data().toString().contains(u"(368)"_s));
        QCOMPARE(view->model().index(0, PoolNumbersModel::State).data().toString(), u"Sending"_s);
        QVERIFY2(view->summary().contains(u"20 recipients wait for numbers taken out of the pool"_s),
                 qPrintable(view->summary()));
        if (const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(150);
            w.grab().save(u"%1/campaign-numbers-%2.png"_s.arg(dir, backend));
        }

        auto *move = view->findChild<QPushButton *>(u"poolReassign"_s);
        QVERIFY(move->isEnabled());
        Prompt::setNextAnswer(false);
        move->click();
        QTest::qWait(300);
        QVERIFY2(Prompt::shown().constLast().startsWith(
                     u"Move recipients: Move the 20 recipients waiting for %1"_s.arg(kOut)),
                 qPrintable(Prompt::shown().constLast()));
        {
            TestDbAccess access;
            QVERIFY(NumberPool(m_tdb->db(), Clock::system()).reassignments(pooled.id).isEmpty()); // declined
        }
        Prompt::setNextAnswer(true);
        move->click();
        QVERIFY(waitUntil([&] { return view->summary().contains(u"Moved 20 recipients"_s); }, 10'000));
        QVERIFY(waitUntil([&] { return !move->isEnabled(); }, 10'000));
        {
            TestDbAccess access;
            const QList<Reassignment> moved =
                NumberPool(m_tdb->db(), Clock::system()).reassignments(pooled.id);
            QCOMPARE(moved.size(), 1);
            QCOMPARE(moved.first().moved, 20);
            QVERIFY(moved.first().by.startsWith(u"the console on "_s));
        }

        // Started, it warns that a number is out, then sends everything from the one left.
        Prompt::setNextAnswer(true);
        w.findChild<QAction *>(u"actionStart"_s)->trigger();
        QVERIFY(
            waitUntil([&] { return shownRow(w, pooled.id)->status == CampaignStatus::Completed; }, 60'000));
        QVERIFY2(Prompt::shown().constLast().contains(u"Taken out of the campaign's pool: %1"_s.arg(kOut)),
                 qPrintable(Prompt::shown().constLast()));
        QCOMPARE(m_sim->log().acceptedFrom(m_sim->config().phoneNumberId), 40);
        QCOMPARE(m_sim->log().acceptedFrom(kOut), 0);
        QCOMPARE(m_sim->log().totals().accepted, 40);
        QVERIFY(waitUntil(
            [&] {
                return view->model()
                           .index(0, PoolNumbersModel::Sent)
                           .data(PoolNumbersModel::RawRole)
                           .toLongLong() == 40;
            },
            10'000));
        // Each number's rate over the last minute: all 40 went within it, from the first number.
        const QModelIndex rate = view->model().index(0, PoolNumbersModel::Rate);
        QCOMPARE(rate.data(PoolNumbersModel::RawRole).toDouble(), 40.0 / 60);
        QCOMPARE(rate.data().toString(), u"0.7 msg/s"_s);
        QCOMPARE(view->model().index(1, PoolNumbersModel::Rate).data(PoolNumbersModel::RawRole).toDouble(),
                 0.0);
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
    }
};

HERALD_UI_TEST_MAIN(TestPoolNumbersView)
#include "test_poolnumbersview.moc"
