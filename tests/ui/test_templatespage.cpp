// The Templates page syncing against the in-process Cloud API simulator: progress over several
// pages, the stored list, a category change Meta made marked with the category before and its
// date, and every way a sync can fail said in words that point to Settings. The sync runs on a
// thread of its own: the GUI thread (banned from SQL) never touches the database.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "models/TemplateTableModel.h"
#include "pages/TemplatesPage.h"
#include "settings/SettingKeys.h"
#include "templates/TemplateStore.h"
#include "widgets/PageMessage.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestTemplatesPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    std::unique_ptr<DataService> m_data;
    quint64 m_violationsBefore = 0;

    bool setUp(const SimulatorConfig &config, QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_sim = std::make_unique<CloudApiSimulator>(config);
        m_data = std::make_unique<DataService>(m_tdb->config());
        return m_sim->start();
    }

    // Syncs and waits for the page to say how it went; the progress texts seen meanwhile.
    static QStringList syncAndWait(TemplatesPage &page)
    {
        QStringList progress;
        page.sync();
        waitUntil(
            [&] {
                const QString text = page.progressText();
                if (!text.isEmpty() && (progress.isEmpty() || progress.last() != text)) {
                    progress << text;
                }
                return !page.isSyncing();
            },
            20'000);
        return progress;
    }

    static bool rowsShown(TemplatesPage &page, int rows)
    {
        return waitUntil([&] { return page.model().rowCount() == rows; }, 10'000);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
        Prompt::clearShown();
    }

    void aSyncShowsProgressPageByPageThenListsTheTemplatesWithTheirVariables()
    {
        SimulatorConfig sc;
        sc.latencyMs = 40;
        QString skip;
        if (!setUp(sc, &skip)) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials(sc.accessToken);
        TemplatesPage page(*m_data, contextFor(*m_tdb, *m_sim, &credentials));
        page.resize(1100, 500);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setSyncPageSize(2); // 9 templates: 5 pages
        QSignalSpy synced(&page, &TemplatesPage::synced);

        const QStringList progress = syncAndWait(page);
        QCOMPARE(synced.size(), 1);
        QCOMPARE(synced.first().at(0).toInt(), 9);
        QVERIFY2(progress.join(u"|"_s).contains(u"so far (page 3)"_s), qPrintable(progress.join(u"|"_s)));
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Success);
        QVERIFY2(page.message()->text().contains(
                     u"Templates synced from Meta: 9 (9 new, 0 changed, 0 unchanged)."_s),
                 qPrintable(page.message()->text()));
        QVERIFY(rowsShown(page, 9));

        const TemplateTableModel &model = page.model();
        const int order = model.rowOf(u"order_update"_s, u"en_US"_s);
        QVERIFY(order >= 0);
        QCOMPARE(model.index(order, TemplateTableModel::Variables).data().toString(),
                 u"header.1, body.1, body.2, button.0"_s);
        QCOMPARE(model.index(order, TemplateTableModel::Status).data().toString(), u"Approved"_s);
        QCOMPARE(model.index(order, TemplateTableModel::Category).data().toString(), u"Utility"_s);
        QCOMPARE(
            model.index(order, TemplateTableModel::Category, {}).data(TemplateTableModel::RawRole).toString(),
            u"UTILITY"_s);
        const int named = model.rowOf(u"appointment_reminder"_s, u"en_US"_s);
        QCOMPARE(model.index(named, TemplateTableModel::Variables).data().toString(),
                 u"body.first_name, body.date"_s);
        QCOMPARE(model.categoryChanges(), 0);

        // The filter narrows the table by name.
        auto *filter = page.findChild<QLineEdit *>(u"templateFilter"_s);
        auto *table = page.findChild<QTableView *>(u"templateTable"_s);
        filter->setText(u"order"_s);
        QCOMPARE(table->model()->rowCount(), 2);
        filter->clear();
        QCOMPARE(table->model()->rowCount(), 9);
        saveScreenshot(page, u"templates"_s);
    }

    void aCategoryChangeIsMarkedWithTheCategoryBeforeAndWhenItChanged()
    {
        SimulatorConfig sc;
        CategoryChange change;
        change.afterListings = 1; // the second listing sees it
        change.templateName = u"order_update"_s;
        change.language = u"en_US"_s;
        change.newCategory = u"MARKETING"_s;
        sc.categoryChanges << change;
        QString skip;
        if (!setUp(sc, &skip)) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials(sc.accessToken);
        TemplatesPage page(*m_data, contextFor(*m_tdb, *m_sim, &credentials));
        page.resize(1100, 500);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        syncAndWait(page);
        QVERIFY(rowsShown(page, 9));
        QCOMPARE(page.model().categoryChanges(), 0);

        syncAndWait(page);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Warning);
        QVERIFY2(page.message()->text().contains(
                     u"Meta changed the category of order_update (en_US) from Utility to Marketing."_s),
                 qPrintable(page.message()->text()));
        QVERIFY(waitUntil([&] { return page.model().categoryChanges() == 1; }, 10'000));

        const TemplateTableModel &model = page.model();
        const int row = model.rowOf(u"order_update"_s, u"en_US"_s);
        const QModelIndex category = model.index(row, TemplateTableModel::Category);
        const QModelIndex before = model.index(row, TemplateTableModel::PreviousCategory);
        QCOMPARE(category.data().toString(), u"Marketing"_s);
        QVERIFY(category.data(TemplateTableModel::CategoryChangedRole).toBool());
        QVERIFY(!category.data(Qt::DecorationRole).value<QIcon>().isNull()); // the warning badge
        QVERIFY(category.data(Qt::BackgroundRole).isValid());
        QVERIFY(before.data().toString().startsWith(u"Utility until "_s));
        const QString tip = category.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"from Utility to Marketing"_s), qPrintable(tip));
        // The German one kept its category and is not marked.
        const int german = model.rowOf(u"order_update"_s, u"de"_s);
        QVERIFY(!model.index(german, TemplateTableModel::Category)
                     .data(TemplateTableModel::CategoryChangedRole)
                     .toBool());
        QVERIFY(!model.index(german, TemplateTableModel::Category).data(Qt::DecorationRole).isValid());
        {
            TestDbAccess access;
            const auto stored =
                TemplateStore(m_tdb->db(), Clock::system()).find(u"order_update"_s, u"en_US"_s);
            QCOMPARE(stored->previousCategory, u"UTILITY"_s);
            QVERIFY(stored->categoryChangedAt.isValid());
            QCOMPARE(before.data(TemplateTableModel::RawRole).toString(), stored->previousCategory);
        }
        page.findChild<QTableView *>(u"templateTable"_s)
            ->selectRow(page.findChild<QTableView *>(u"templateTable"_s)->model()->index(0, 0).row());
        saveScreenshot(page, u"templates-category-change"_s);
    }

    void missingSettingsAndARefusedTokenAreSaidInWordsThatPointToSettings()
    {
        SimulatorConfig sc;
        QString skip;
        if (!setUp(sc, &skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            // The stored settings, without the account id yet.
            TestDbAccess access;
            AppSettings settings(m_tdb->db());
            settings.set(SettingKeys::ApiBase, m_sim->baseUrl().toString());
            settings.set(SettingKeys::ApiVersion, sc.apiVersion);
            settings.set(SettingKeys::PhoneNumberId, sc.phoneNumberId);
        }
        AppContext context = contextFor(*m_tdb, *m_sim, nullptr);
        context.apiOverride.reset(); // what a real console does: stored settings and a token

        Credentials noToken;
        context.credentials = &noToken;
        {
            TemplatesPage page(*m_data, context);
            syncAndWait(page);
            QCOMPARE(page.message()->kind(), PageMessage::Kind::Error);
            QVERIFY2(page.message()->text().contains(u"No access token"_s),
                     qPrintable(page.message()->text()));
            QVERIFY(page.message()->text().contains(u"Settings"_s));
            QCOMPARE(page.message()->actionLabel(), u"Open Settings…"_s);
        }

        FixedCredentials wrongToken(u"EAAG-not-the-right-token"_s);
        context.credentials = &wrongToken;
        TemplatesPage page(*m_data, context);
        syncAndWait(page);
        QVERIFY2(page.message()->text().contains(u"No WhatsApp Business Account ID is set"_s),
                 qPrintable(page.message()->text()));
        QVERIFY(page.message()->text().contains(u"File ▸ Settings…"_s));
        {
            TestDbAccess access;
            AppSettings(m_tdb->db()).set(SettingKeys::WabaId, sc.wabaId);
        }
        syncAndWait(page);
        QVERIFY2(page.message()->text().contains(u"Meta refused the access token"_s),
                 qPrintable(page.message()->text()));
        QVERIFY(!page.message()->text().contains(u"HERALD_ACCESS_TOKEN"_s)); // the command line's words
        QVERIFY(!page.message()->text().contains(u"EAAG-not-the-right-token"_s));
        QCOMPARE(page.message()->actionLabel(), u"Open Settings…"_s);
        page.refresh();
        QTest::qWait(200);
        QCOMPARE(page.model().rowCount(), 0); // nothing was stored

        // With the right token the stored settings, read on the sync's thread, are enough.
        FixedCredentials rightToken(sc.accessToken);
        context.credentials = &rightToken;
        TemplatesPage fixed(*m_data, context);
        syncAndWait(fixed);
        QCOMPARE(fixed.message()->kind(), PageMessage::Kind::Success);
        QVERIFY(rowsShown(fixed, 9));
    }

    void aCancelledSyncStoresNothingAndClosingThePageDuringASyncIsSafe()
    {
        SimulatorConfig sc;
        sc.latencyMs = 300;
        QString skip;
        if (!setUp(sc, &skip)) {
            QSKIP(qPrintable(skip));
        }
        FixedCredentials credentials(sc.accessToken);
        const AppContext context = contextFor(*m_tdb, *m_sim, &credentials);
        {
            TemplatesPage page(*m_data, context);
            page.setSyncPageSize(2);
            page.sync();
            QVERIFY(page.isSyncing());
            QVERIFY(waitUntil([&] { return page.progressText().contains(u"so far"_s); }, 10'000));
            page.cancelSync();
            QVERIFY(waitUntil([&] { return !page.isSyncing(); }, 10'000));
            QCOMPARE(page.message()->kind(), PageMessage::Kind::Information);
            QVERIFY2(page.message()->text().contains(u"cancelled"_s), qPrintable(page.message()->text()));
            page.refresh();
            QTest::qWait(200);
            QCOMPARE(page.model().rowCount(), 0);
        }
        {
            auto page = std::make_unique<TemplatesPage>(*m_data, context);
            page->sync();
            QTest::qWait(50);
            page.reset(); // joins the sync's thread; nothing is left running
        }
        QTest::qWait(100);
        TestDbAccess access;
        QCOMPARE(m_tdb->db().scalar(u"SELECT count(*) FROM templates"_s).toInt(), 0);
    }

private:
    static void saveScreenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(100); // charts lay out their axes and titles in a posted event
            w.grab().save(dir + u'/' + name + u".png"_s);
        }
    }
};

HERALD_UI_TEST_MAIN(TestTemplatesPage)
#include "test_templatespage.moc"
