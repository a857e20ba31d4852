// The Failures and Recipients tabs as a user drives them: selecting a failure reason lists its
// recipients, the status filter and the phone search narrow the list, and Resend… from the
// failures opens the resend dialog with the reasons chosen — on SQLite and PostgreSQL, the GUI
// thread banned from SQL throughout.
#include "RecipientsTestUtil.h"
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "dialogs/ResendDialog.h"
#include "models/FailuresModel.h"
#include "models/RecipientsModel.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/FailuresView.h"
#include "views/RecipientsView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

bool waitCounted(RecipientsView &view)
{
    return waitUntil([&] { return view.model().hasFilter() && !view.model().isCounting(); }, 10'000);
}

// Every row the model has read carries this reason.
bool everyLoadedRowHasReason(const RecipientsModel &model, const QString &reason)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.isLoaded(row) &&
            model.index(row, RecipientsModel::Error).data(RecipientsModel::RawRole).toString() != reason) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestRecipientsView : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<RecipientsFixture> m_rows;
    std::unique_ptr<CloudApiSimulator> m_sim;
    quint64 m_violationsBefore = 0;

    bool setUp(int rows, QString *skip, bool withSimulator = false)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_rows = std::make_unique<RecipientsFixture>(m_tdb->db(), rows);
        if (withSimulator) {
            m_sim = std::make_unique<CloudApiSimulator>(SimulatorConfig{});
            return m_sim->start();
        }
        return true;
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
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        TestDbAccess access;
        m_sim.reset();
        m_rows.reset();
        m_tdb.reset();
        Prompt::clearShown();
    }

    void selectingAFailureReasonListsItsRecipients()
    {
        QString skip;
        if (!setUp(1800, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        CampaignDetail detail(data);
        detail.resize(1100, 600);
        detail.show();
        auto *failures = detail.findChild<FailuresView *>(u"failuresTab"_s);
        auto *recipients = detail.findChild<RecipientsView *>(u"recipientsTab"_s);
        QVERIFY(failures && recipients);
        detail.tabs()->setCurrentWidget(failures);
        QSignalSpy loaded(failures, &FailuresView::loaded);
        detail.showCampaign(m_rows->row(), false);
        QVERIFY(loaded.wait(patient(10'000)));
        QCOMPARE(failures->model().rowCount(), 2);
        QCOMPARE(failures->model().total(), m_rows->failedIds.size());
        const QString summary = failures->findChild<QLabel *>(u"failuresSummary"_s)->text();
        QVERIFY2(summary.contains(u"Failed messages: %1,"_s.arg(m_rows->failedIds.size())),
                 qPrintable(summary));

        // A click on the row, as the user does it.
        QTableView *table = failures->table();
        const int row = failures->model().rowOf(u"no response"_s);
        QVERIFY(row >= 0);
        const QRect cell = table->visualRect(failures->model().index(row, FailuresModel::Reason));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(failures->selectedReasons(), QStringList{u"no response"_s});
        detail.tabs()->setCurrentWidget(recipients);
        QVERIFY(waitCounted(*recipients));
        QCOMPARE(recipients->model().filter().reason, u"no response"_s);
        QCOMPARE(recipients->model().rowCount(), m_rows->noResponse.size());
        QVERIFY(waitUntil([&] { return recipients->model().isLoaded(0); }, 10'000));
        QVERIFY(everyLoadedRowHasReason(recipients->model(), u"no response"_s));
        QCOMPARE(recipients->findChild<QComboBox *>(u"recipientsStatus"_s)->currentText(), u"Failed"_s);
        QVERIFY(recipients->findChild<QComboBox *>(u"recipientsReason"_s)
                    ->currentText()
                    .startsWith(u"no response"_s));
        QVERIFY2(recipients->countText().startsWith(u"%1 recipients"_s.arg(m_rows->noResponse.size())),
                 qPrintable(recipients->countText()));

        // Another reason, then none: the list follows.
        detail.tabs()->setCurrentWidget(failures);
        failures->selectReason(u"131026"_s);
        detail.tabs()->setCurrentWidget(recipients);
        QVERIFY(waitUntil([&] { return recipients->model().filter().reason == u"131026"_s; }, 10'000));
        QVERIFY(waitCounted(*recipients));
        QCOMPARE(recipients->model().rowCount(), m_rows->failedIds.size() - m_rows->noResponse.size());
        detail.tabs()->setCurrentWidget(failures);
        failures->table()->clearSelection();
        detail.tabs()->setCurrentWidget(recipients);
        QVERIFY(waitUntil([&] { return recipients->model().filter().reason.isEmpty(); }, 10'000));
        QVERIFY(waitCounted(*recipients));
        QCOMPARE(recipients->model().rowCount(), m_rows->failedIds.size()); // still the Failed status
    }

    void theStatusFilterAndThePhoneSearchNarrowTheList()
    {
        QString skip;
        if (!setUp(1500, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsView view(data);
        view.resize(1000, 500);
        view.show();
        view.showCampaign(m_rows->row());
        QVERIFY(waitCounted(view));
        QCOMPARE(view.model().rowCount(), 1500);
        QVERIFY2(view.countText().startsWith(u"1,500 recipients, showing 1–"_s),
                 qPrintable(view.countText()));

        auto *status = view.findChild<QComboBox *>(u"recipientsStatus"_s);
        status->setCurrentIndex(status->findText(u"Sent"_s));
        QVERIFY(
            waitUntil([&] { return view.model().filter().status == RecipientFilter::Status::Sent; }, 5'000));
        QVERIFY(waitCounted(view));
        QCOMPARE(view.model().rowCount(), m_rows->sent);

        // Typed into the search box: the list waits for a pause in typing, then narrows.
        auto *search = view.findChild<QLineEdit *>(u"recipientsSearch"_s);
        status->setCurrentIndex(status->findText(u"Any status"_s));
        QTest::keyClicks(search, u"+49 151 000 012"_s);
        QVERIFY(waitUntil([&] { return view.model().filter().phone == u"+49 151 000 012"_s; }, 5'000));
        QVERIFY(waitCounted(view));
        QCOMPARE(view.model().rowCount(), 100);
        QVERIFY(waitUntil([&] { return view.model().isLoaded(0); }, 10'000));
        QCOMPARE(view.model().index(0, RecipientsModel::Phone).data().toString(), u"+4915100001200"_s);
        view.setPhoneSearch(u"no such"_s); // no digits: no search
        QVERIFY(waitCounted(view));
        QCOMPARE(view.model().rowCount(), 1500);

        // A reason from the list chooses the failed rows of that reason.
        auto *reason = view.findChild<QComboBox *>(u"recipientsReason"_s);
        QVERIFY(waitUntil([&] { return reason->count() == 3; }, 10'000));
        const int noResponse = reason->findData(u"no response"_s);
        QVERIFY(noResponse > 0);
        QVERIFY(reason->itemText(noResponse).contains(QString::number(m_rows->noResponse.size())));
        reason->setCurrentIndex(noResponse);
        Q_EMIT reason->activated(noResponse);
        QVERIFY(waitCounted(view));
        QCOMPARE(view.model().rowCount(), m_rows->noResponse.size());
        QCOMPARE(status->currentText(), u"Failed"_s);
        status->setCurrentIndex(status->findText(u"Pending"_s)); // another status drops the reason
        QVERIFY(waitCounted(view));
        QVERIFY(view.model().filter().reason.isEmpty());
        QCOMPARE(reason->currentIndex(), 0);
    }

    void aHiddenTabReadsNothingUntilItIsShown()
    {
        QString skip;
        if (!setUp(300, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        QTabWidget tabs;
        auto *other = new QWidget;
        auto *view = new RecipientsView(data);
        tabs.addTab(other, u"Other"_s);
        tabs.addTab(view, u"Recipients"_s);
        tabs.show();
        view->showCampaign(m_rows->row());
        view->setReasonFilter(u"131026"_s);
        QTest::qWait(200);
        QVERIFY(!view->model().hasFilter());
        tabs.setCurrentWidget(view);
        QVERIFY(waitCounted(*view));
        QCOMPARE(view->model().filter().reason, u"131026"_s);
        QCOMPARE(view->model().rowCount(), m_rows->failedIds.size() - m_rows->noResponse.size());
    }

    void resendFromTheFailuresTabOffersTheReasonsSelected()
    {
        QString skip;
        if (!setUp(900, &skip, true)) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, m_rows->campaignId); }, 10'000));
        w.campaignsPage().selectCampaign(m_rows->campaignId);
        CampaignDetail *detail = w.campaignsPage().detail();
        auto *failures = detail->findChild<FailuresView *>(u"failuresTab"_s);
        detail->tabs()->setCurrentWidget(failures);
        QVERIFY(waitUntil([&] { return failures->model().rowCount() == 2; }, 10'000));
        auto *resend = failures->findChild<QPushButton *>(u"failuresResend"_s);
        QVERIFY(!resend->isEnabled());
        failures->selectReason(u"131026"_s);
        QVERIFY(resend->isEnabled());
        QSignalSpy requested(failures, &FailuresView::resendRequested);
        resend->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toStringList(), QStringList{u"131026"_s});
        ResendDialog *dialog = nullptr;
        QVERIFY(waitUntil(
            [&] {
                return (dialog = w.findChild<ResendDialog *>(u"resendDialog"_s)) &&
                       dialog->list()->count() == 2;
            },
            10'000));
        QCOMPARE(dialog->chosenReasons(), QStringList{u"131026"_s});
        dialog->reject();
        w.closeWithoutAsking();
    }
};

HERALD_UI_TEST_MAIN(TestRecipientsView)
#include "test_recipientsview.moc"
