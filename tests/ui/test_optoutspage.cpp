// The Opt-outs page: numbers added by hand normalized in the default region (or refused with the
// normalizer's reason), searched by digits or reason, paged as the view scrolls, removed after a
// question, and imported from a CSV file with a summary of what was added, already listed and
// rejected. On SQLite and PostgreSQL; the GUI thread runs no SQL.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "models/OptOutTableModel.h"
#include "optout/OptOutStore.h"
#include "pages/OptOutsPage.h"
#include "settings/SettingKeys.h"
#include "widgets/PageMessage.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestOptOutsPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip, const QString &region = u"DE"_s)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        if (!region.isEmpty()) {
            AppSettings(m_tdb->db()).set(SettingKeys::ImportRegion, region);
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        return true;
    }

    AppContext context() const
    {
        AppContext c;
        c.database = m_tdb->config();
        return c;
    }

    qint64 stored()
    {
        TestDbAccess access;
        return OptOutStore(m_tdb->db(), Clock::system()).count();
    }

    static bool shown(OptOutsPage &page, const std::function<void()> &action)
    {
        QSignalSpy spy(&page, &OptOutsPage::shown);
        action();
        return spy.wait(patient(10'000));
    }

    // Does what the Add button does with these fields, and waits for the page's answer.
    static void add(OptOutsPage &page, const QString &phone, const QString &reason = {})
    {
        page.findChild<QLineEdit *>(u"optOutPhone"_s)->setText(phone);
        page.findChild<QLineEdit *>(u"optOutReason"_s)->setText(reason);
        page.addNumber();
        QVERIFY(waitUntil([&] { return !page.isBusy(); }, 10'000));
        QTest::qWait(50); // the list's refresh
    }

    static QString countText(OptOutsPage &page) { return page.findChild<QLabel *>(u"optOutCount"_s)->text(); }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init()
    {
        m_violationsBefore = Database::forbiddenThreadUses();
        Prompt::clearShown();
    }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        TestDbAccess access;
        m_tdb.reset();
    }

    void aNumberTypedByHandIsNormalizedInTheDefaultRegionOrRefusedWithTheReason()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        OptOutsPage page(*m_data, context());
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(shown(page, [&] { page.refresh(); }));
        QCOMPARE(page.model().rowCount(), 0);

        add(page, u"0151 23456789"_s, u"asked by phone"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Success);
        QVERIFY2(page.message()->text().startsWith(u"+4915123456789 is now on the opt-out list"_s),
                 qPrintable(page.message()->text()));
        QVERIFY(waitUntil([&] { return page.model().rowCount() == 1; }, 5'000));
        QCOMPARE(page.model().index(0, OptOutTableModel::Phone).data().toString(), u"+4915123456789"_s);
        QCOMPARE(page.model().index(0, OptOutTableModel::Source).data().toString(), u"Added by hand"_s);
        QCOMPARE(page.model().index(0, OptOutTableModel::Source).data(OptOutTableModel::RawRole).toString(),
                 u"manual"_s);
        QCOMPARE(page.model().index(0, OptOutTableModel::Reason).data().toString(), u"asked by phone"_s);
        QCOMPARE(countText(page), u"On the list: 1"_s);

        // The same number written another way is the same number.
        add(page, u"+49 (0)151 234-567-89"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Information);
        QVERIFY2(page.message()->text().contains(u"was on the opt-out list already"_s),
                 qPrintable(page.message()->text()));

        add(page, u"12345"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Error);
        QVERIFY2(page.message()->text().startsWith(u"Not added: "_s) &&
                     page.message()->text().contains(u"12345"_s),
                 qPrintable(page.message()->text()));
        add(page, u"+49 151 2345 ext. 12"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Error);
        QCOMPARE(stored(), 1);
        saveScreenshot(page, u"optouts-add"_s);
    }

    void withoutADefaultRegionANationalNumberIsRefusedPointingToTheSetting()
    {
        QString skip;
        if (!setUp(&skip, {})) {
            QSKIP(qPrintable(skip));
        }
        OptOutsPage page(*m_data, context());
        add(page, u"030 1234567"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Error);
        QVERIFY2(page.message()->text().contains(u"no country code"_s), qPrintable(page.message()->text()));
        QVERIFY(page.message()->text().contains(u"import.region"_s));
        add(page, u"+49 30 1234567"_s);
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Success);
        QCOMPARE(stored(), 1);
    }

    void searchFindsByDigitsOrReasonAndTheListLoadsAsItScrolls()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            TestDbAccess access;
            OptOutStore store(m_tdb->db(), Clock::system());
            for (int i = 0; i < 450; ++i) {
                store.add(u"+4915110%1"_s.arg(i, 6, 10, QChar(u'0')), OptOutStore::Source::Import,
                          i % 50 == 0 ? u"Complaint 50%_off"_s : u"imported from list.csv"_s);
            }
        }
        OptOutsPage page(*m_data, context());
        page.resize(900, 500);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(shown(page, [&] { page.refresh(); }));
        QCOMPARE(page.model().rowCount(), OptOutsPage::PageSize);
        QCOMPARE(page.model().matching(), 450);
        QCOMPARE(countText(page), u"On the list: 450"_s);
        // The view scrolls to the end: a page at a time until the rest is there (the view itself
        // may already have asked for the next page while laying out).
        QVERIFY(page.model().canFetchMore({}));
        for (int pages = 0; page.model().canFetchMore({}) && pages < 3; ++pages) {
            const int before = page.model().rowCount();
            page.model().fetchMore({});
            QVERIFY(waitUntil([&] { return page.model().rowCount() > before; }, 5'000));
        }
        QCOMPARE(page.model().rowCount(), 450);
        QVERIFY(!page.model().canFetchMore({}));
        QStringList phones;
        for (int r = 0; r < page.model().rowCount(); ++r) {
            phones << page.model().rowAt(r).phone;
        }
        phones.removeDuplicates();
        QCOMPARE(phones.size(), 450);

        // By reason, ignoring case; "%" and "_" are letters here, not wildcards.
        QVERIFY(shown(page, [&] { page.setSearch(u"COMPLAINT 50%_"_s); }));
        QCOMPARE(page.model().rowCount(), 9);
        QCOMPARE(countText(page), u"Matching: 9 of 450"_s);
        QVERIFY(shown(page, [&] { page.setSearch(u"50%x"_s); }));
        QCOMPARE(page.model().rowCount(), 0);
        // By digits, however they are written.
        QVERIFY(shown(page, [&] { page.setSearch(u"151 10 000 12"_s); }));
        QStringList found;
        for (int r = 0; r < page.model().rowCount(); ++r) {
            found << page.model().rowAt(r).phone;
        }
        found.sort();
        QCOMPARE(found, (QStringList{u"+4915110000120"_s, u"+4915110000121"_s, u"+4915110000122"_s,
                                     u"+4915110000123"_s, u"+4915110000124"_s, u"+4915110000125"_s,
                                     u"+4915110000126"_s, u"+4915110000127"_s, u"+4915110000128"_s,
                                     u"+4915110000129"_s}));
        QVERIFY(shown(page, [&] { page.setSearch({}); }));
        QCOMPARE(page.model().matching(), 450);
    }

    void removingAsksFirstAndRemovesOnlyTheSelectedNumbers()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        OptOutsPage page(*m_data, context());
        page.show();
        for (const QString &n : {u"+4915111111111"_s, u"+4915122222222"_s, u"+4915133333333"_s}) {
            add(page, n);
        }
        QVERIFY(waitUntil([&] { return page.model().rowCount() == 3; }, 5'000));
        page.table()->selectionModel()->select(page.model().index(0, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
        page.table()->selectionModel()->select(page.model().index(2, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString keep = page.model().rowAt(1).phone;

        Prompt::setNextAnswer(false);
        page.removeSelected();
        QTest::qWait(100);
        QCOMPARE(stored(), 3);
        QVERIFY2(
            Prompt::shown().join(u"\n"_s).contains(u"Remove the 2 selected numbers from the opt-out list?"_s),
            qPrintable(Prompt::shown().join(u"\n"_s)));

        QSignalSpy changed(&page, &OptOutsPage::changed);
        Prompt::setNextAnswer(true);
        page.removeSelected();
        QVERIFY(changed.wait(patient(5'000)));
        QCOMPARE(stored(), 1);
        QVERIFY(page.message()->text().contains(u"Removed from the opt-out list: 2."_s));
        QVERIFY(waitUntil([&] { return page.model().rowCount() == 1; }, 5'000));
        QCOMPARE(page.model().rowAt(0).phone, keep);
    }

    void aCsvImportSaysWhatWasAddedAlreadyListedAndRejectedWithReasons()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            TestDbAccess access;
            OptOutStore(m_tdb->db(), Clock::system()).add(u"+4915100000003"_s, OptOutStore::Source::Manual);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(u"unsubscribed.csv"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name,Mobile\n"
                    "Anna,0151 00000001\n"
                    "Ben,+49 151 00000002\n"
                    "Cem,0151/00000003\n" // on the list already
                    "Dora,12\n"           // too short
                    "Emil,+49 151 0000 ext. 5\n"
                    "Fay,0049 151 00000006\n");
        }
        OptOutsPage page(*m_data, context());
        page.resize(1000, 500);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&page, &OptOutsPage::changed);
        Prompt::setNextFileName(path);
        page.importFile();
        // The file name is answered on the next turn of the event loop; the import then runs on
        // the data thread.
        QVERIFY(waitUntil([&] { return changed.count() == 1; }, 10'000));
        QVERIFY(!page.isBusy());
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Warning);
        const QString text = page.message()->text();
        QVERIFY2(
            text.contains(u"Rows read from unsubscribed.csv: 6. Added to the opt-out list: 3. Already on it: "
                          "1. Rejected: 2."_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"line 5: "_s) && text.contains(u"line 6: "_s), qPrintable(text));
        QVERIFY(text.contains(u"“Mobile”"_s));
        QVERIFY(text.contains(u"unsubscribed.rejects.csv"_s));
        QVERIFY(QFile::exists(dir.filePath(u"unsubscribed.rejects.csv"_s)));
        QCOMPARE(stored(), 4);
        QVERIFY(waitUntil([&] { return page.model().rowCount() == 4; }, 5'000));
        saveScreenshot(page, u"optouts-import"_s);

        // A file without phone numbers adds nothing and says why.
        const QString bad = dir.filePath(u"names.csv"_s);
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name,City\nAnna,Berlin\nBen,Hamburg\n");
        }
        Prompt::setNextFileName(bad);
        page.importFile();
        QVERIFY(changed.wait(patient(10'000)));
        QCOMPARE(page.message()->kind(), PageMessage::Kind::Error);
        QVERIFY2(page.message()->text().startsWith(u"Nothing was added: "_s),
                 qPrintable(page.message()->text()));
        QCOMPARE(stored(), 4);
    }

private:
    static void saveScreenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(100);
            w.grab().save(dir + u'/' + name + u".png"_s);
        }
    }
};

HERALD_UI_TEST_MAIN(TestOptOutsPage)
#include "test_optoutspage.moc"
