// Hostile strings (quotes, SQL, bidi controls, emoji, combining marks, markup, formulas) as
// campaign and contact names, read from a real database the way the console reads them: the
// campaign table (CampaignMonitor → CampaignTableModel) and the recipients list
// (RecipientsModel through the data thread) show each exactly as stored, under
// QAbstractItemModelTester, and a view paints them.
#include "HostileStrings.h"
#include "UiTestUtil.h"
#include "data/CampaignMonitor.h"
#include "data/DataService.h"
#include "dialogs/EditDraftDialog.h"
#include "models/RecipientsModel.h"
#include "queue/QueueEngine.h"
#include "wizard/NewCampaignWizard.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestHostileNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void hostileNamesAreShownExactlyAsStored()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        std::unique_ptr<TestDatabase> tdb;
        const auto strings = hostileStrings();
        QString campaignId;
        CampaignsSnapshot snapshot;
        {
            TestDbAccess access;
            tdb = TestDatabase::create(backend, &skip);
            if (!tdb) {
                QSKIP(qPrintable(skip));
            }
            CampaignStore store(tdb->db(), Clock::system());
            for (const auto &h : strings) {
                store.create({h.text, u"order_update"_s, u"en_US"_s, {}, {}});
            }
            campaignId = store.byName(strings.first().text).id;
            QList<Recipient> recipients;
            for (qsizetype i = 0; i < strings.size(); ++i) {
                recipients << Recipient{u"+49151234%1"_s.arg(56000 + i), strings.at(i).text,
                                        QJsonObject{{u"body.1"_s, strings.at(i).text}}, i + 2};
            }
            QueueEngine(tdb->db(), Clock::system()).enqueue(campaignId, recipients);
            snapshot = CampaignMonitor(Clock::system()).poll(tdb->db());
        }

        CampaignTableModel campaigns;
        QAbstractItemModelTester campaignsTester(&campaigns,
                                                 QAbstractItemModelTester::FailureReportingMode::QtTest);
        campaigns.apply(snapshot);
        QCOMPARE(campaigns.rowCount(), strings.size());
        QStringList shown;
        for (int r = 0; r < campaigns.rowCount(); ++r) {
            shown << campaigns.index(r, CampaignTableModel::Name).data().toString();
        }
        for (const auto &h : strings) {
            QVERIFY2(shown.contains(h.text), h.label);
        }

        DataService data(tdb->config());
        RecipientsModel recipients(data);
        QAbstractItemModelTester recipientsTester(&recipients,
                                                  QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&recipients, &RecipientsModel::counted);
        recipients.setFilter(RecipientFilter{campaignId, RecipientFilter::Status::Any, {}, {}});
        QVERIFY(counted.wait(patient(10'000)));
        QCOMPARE(recipients.rowCount(), strings.size());
        QVERIFY(waitUntil([&] { return recipients.index(0, 0).data(RecipientsModel::LoadedRole).toBool(); },
                          10'000));
        for (int r = 0; r < recipients.rowCount(); ++r) {
            QCOMPARE(recipients.index(r, RecipientsModel::Name).data().toString(), strings.at(r).text);
        }

        // Painted as plain text, without a crash: markup is not interpreted by item views.
        QTableView view;
        view.setModel(&campaigns);
        view.resize(900, 600);
        view.show();
        QVERIFY(!view.grab().isNull());
        QTableView list;
        list.setModel(&recipients);
        list.resize(900, 600);
        list.show();
        QVERIFY(!list.grab().isNull());
    }

    // The name fields stop where core's limit is: a pasted 250-character name keeps its first 200.
    void theNameFieldsStopAtTheNameLimit()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "sqlite"_L1) {
            QSKIP("the fields do not depend on the database");
        }
        QString skip;
        std::unique_ptr<TestDatabase> tdb;
        CampaignRow draft;
        {
            TestDbAccess access;
            tdb = TestDatabase::create(backend, &skip);
            QVERIFY(tdb);
            const Campaign c = CampaignStore(tdb->db(), Clock::system())
                                   .create({u"Draft"_s, u"order_update"_s, u"en_US"_s, {}, {}});
            draft.id = c.id;
            draft.name = c.name;
            draft.status = CampaignStatus::Draft;
        }
        DataService data(tdb->config());
        AppContext app;
        app.database = tdb->config();
        app.clock = &Clock::system();
        const QString pasted(250, u'n');
        NewCampaignWizard wizard(data, app);
        auto *name = wizard.findChild<QLineEdit *>(u"campaignName"_s);
        QVERIFY(name);
        QCOMPARE(name->maxLength(), int(CampaignStore::kMaxNameLength));
        name->setText(pasted);
        QCOMPARE(name->text().size(), 200);
        EditDraftDialog dialog(data, app, draft);
        auto *draftName = dialog.findChild<QLineEdit *>(u"draftName"_s);
        QVERIFY(draftName);
        draftName->setText(pasted);
        QCOMPARE(draftName->text().size(), 200);
    }
};

HERALD_UI_TEST_MAIN(TestHostileNames)
#include "test_hostilenames.moc"
