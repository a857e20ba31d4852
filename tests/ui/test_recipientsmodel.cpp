// The recipients and failures models on a real database through the data thread, under
// QAbstractItemModelTester: the count is exact before any row is read, rows arrive a page at
// a time as they are asked for, the cache stays bounded, and answers for an older filter are
// dropped. The GUI thread is banned from SQL throughout (TestDbAccess lifts it for set-up).
#include "RecipientsTestUtil.h"
#include "UiTestUtil.h"
#include "cloudapi/ErrorPolicy.h"
#include "data/DataService.h"
#include "models/FailuresModel.h"
#include "models/RecipientsModel.h"
#include "widgets/Formats.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

using Status = RecipientFilter::Status;

RecipientFilter filterFor(const QString &campaignId, Status status = Status::Any, const QString &reason = {},
                          const QString &phone = {})
{
    return RecipientFilter{campaignId, status, reason, phone};
}

// Asks for a row the way a view does and waits until its page is there.
bool loadRow(RecipientsModel &model, int row)
{
    model.index(row, 0).data();
    return waitUntil([&] { return model.index(row, 0).data(RecipientsModel::LoadedRole).toBool(); }, 10'000);
}

} // namespace

class TestRecipientsModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<RecipientsFixture> m_rows;
    quint64 m_violationsBefore = 0;

    bool setUp(int rows, QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_rows = std::make_unique<RecipientsFixture>(m_tdb->db(), rows);
        return true;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        TestDbAccess access;
        m_rows.reset();
        m_tdb.reset();
    }

    void theCountComesFirstAndRowsArriveAsTheyAreAskedFor()
    {
        QString skip;
        if (!setUp(2500, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&model, &RecipientsModel::counted);
        model.setFilter(filterFor(m_rows->campaignId));
        QVERIFY(counted.wait(patient(10'000)));
        QCOMPARE(model.rowCount(), 2500);
        QCOMPARE(counted.first().first().toLongLong(), 2500);
        // The first page came with the count; nothing else was read.
        QVERIFY(model.index(0, 0).data(RecipientsModel::LoadedRole).toBool());
        QCOMPARE(model.index(0, RecipientsModel::Phone).data().toString(), u"+4915100001000"_s);
        QCOMPARE(model.index(0, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.first());
        QCOMPARE(model.cachedPages(), 1);
        // A row far away shows a placeholder, and its page is read because it was asked for.
        QSignalSpy arrived(&model, &RecipientsModel::pageArrived);
        QCOMPARE(model.index(2499, RecipientsModel::Phone).data().toString(), u"…"_s);
        QVERIFY(arrived.wait(patient(10'000)));
        QCOMPARE(arrived.first().at(0).toInt(), 2400);
        QCOMPARE(arrived.first().at(1).toInt(), 100);
        QCOMPARE(model.index(2499, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.last());
        QCOMPARE(model.index(2499, RecipientsModel::Phone).data().toString(), u"+4915100003499"_s);
        for (const int row : {1234, 777, 1999}) {
            QVERIFY(loadRow(model, row));
            QCOMPARE(model.index(row, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.at(row));
        }
        QCOMPARE(model.cachedPages(), 5);
    }

    // A list opens on the campaign's stored counters (one row read, not an index entry per
    // row) and then counts the rows: where the counters drifted, the rows win.
    void aListOpenedOnDriftedCountersEndsWithTheRowsThereAre()
    {
        QString skip;
        if (!setUp(2500, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        for (const qint64 stored : {4000, 1000}) {
            {
                TestDbAccess access;
                m_tdb->db().run(u"UPDATE campaigns SET total_contacts = ? WHERE id = ?"_s,
                                {stored, m_rows->campaignId});
            }
            RecipientsModel model(data);
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QSignalSpy counted(&model, &RecipientsModel::counted);
            model.setFilter(filterFor(m_rows->campaignId));
            QVERIFY(counted.wait(patient(10'000)));
            QCOMPARE(counted.first().first().toLongLong(), stored);
            QVERIFY(waitUntil([&] { return counted.size() == 2; }, 10'000));
            QCOMPARE(model.rowCount(), 2500);
            QVERIFY(loadRow(model, 2499));
            QCOMPARE(model.index(2499, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.last());
        }
    }

    void cellsShowStatusLocalTimesAndTheErrorWithPolicyAdvice()
    {
        QString skip;
        if (!setUp(200, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QSignalSpy counted(&model, &RecipientsModel::counted);
        model.setFilter(filterFor(m_rows->campaignId, Status::Failed, u"131026"_s));
        QVERIFY(counted.wait(patient(10'000)));
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.index(0, RecipientsModel::Status).data().toString(), u"Failed"_s);
        QCOMPARE(model.index(0, RecipientsModel::Status).data(RecipientsModel::RawRole).toString(),
                 u"failed"_s);
        const QDateTime failedAt =
            model.index(0, RecipientsModel::Time).data(RecipientsModel::RawRole).toDateTime();
        QVERIFY(failedAt.isValid());
        QCOMPARE(model.index(0, RecipientsModel::Time).data().toString(), Formats::time(failedAt));
        QCOMPARE(model.index(0, RecipientsModel::Error).data().toString(), u"131026"_s);
        QVERIFY(model.index(0, RecipientsModel::Error)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(ErrorPolicy::entryForCode(131026)->meaningText()));

        model.setFilter(filterFor(m_rows->campaignId, Status::Sent));
        QVERIFY(counted.wait(patient(10'000)));
        QCOMPARE(model.index(0, RecipientsModel::Status).data().toString(), u"Sent"_s);
        const qint64 id = model.index(0, 0).data(RecipientsModel::IdRole).toLongLong();
        QCOMPARE(model.index(0, RecipientsModel::Wamid).data().toString(), u"wamid.%1"_s.arg(id));
        QVERIFY(!model.index(0, RecipientsModel::Time).data().toString().isEmpty());
    }

    void filtersByStatusReasonAndPhoneCountExactly()
    {
        QString skip;
        if (!setUp(1500, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&model, &RecipientsModel::counted);
        const auto countOf = [&](const RecipientFilter &f) {
            counted.clear();
            model.setFilter(f);
            return counted.wait(patient(10'000)) ? model.rowCount() : -1;
        };
        const QString id = m_rows->campaignId;
        QCOMPARE(countOf(filterFor(id, Status::Failed)), m_rows->failedIds.size());
        QCOMPARE(countOf(filterFor(id, Status::Any, u"no response"_s)), m_rows->noResponse.size());
        QCOMPARE(model.index(0, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->noResponse.first());
        const int sent = countOf(filterFor(id, Status::Sent));
        const int pending = countOf(filterFor(id, Status::Pending));
        QCOMPARE(sent + pending + m_rows->failedIds.size(), 1500);
        QVERIFY(sent > 0 && pending > 0);
        // Numbers +4915100001000 … +4915100002499: 100 start with +49151000012.
        QCOMPARE(countOf(filterFor(id, Status::Any, {}, u"+49 151 000 012"_s)), 100);
        QCOMPARE(model.index(0, RecipientsModel::Phone).data().toString(), u"+4915100001200"_s);
        QCOMPARE(countOf(filterFor(id, Status::Any, {}, u"2499"_s)), 1);
        QCOMPARE(countOf(filterFor(id, Status::Any, {}, u"+44"_s)), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void jumpingToTheEndShowsTheLastRowsAndTheCacheStaysBounded()
    {
        QString skip;
        if (!setUp(9000, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.resize(800, 400);
        view.setModel(&model);
        view.show();
        QSignalSpy counted(&model, &RecipientsModel::counted);
        model.setFilter(filterFor(m_rows->campaignId));
        QVERIFY(counted.wait(patient(10'000)));
        view.scrollToBottom();
        QVERIFY(waitUntil([&] { return model.isLoaded(8999); }, 10'000));
        QCOMPARE(model.index(8999, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.last());
        const int firstShown = view.rowAt(0);
        QVERIFY(firstShown > 8900);
        QVERIFY(model.isLoaded(firstShown));
        // Read every page once: no more than the cache's bound stay.
        for (int row = 0; row < 9000; row += RecipientsModel::kPageSize) {
            QVERIFY(loadRow(model, row));
            QCOMPARE(model.index(row, 0).data(RecipientsModel::IdRole).toLongLong(), m_rows->ids.at(row));
        }
        QVERIFY(model.cachedPages() <= RecipientsModel::kCachedPages);
        QVERIFY(!model.isLoaded(0)); // the least recently used went first
    }

    void answersForAnEarlierFilterAreDropped()
    {
        QString skip;
        if (!setUp(3000, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&model, &RecipientsModel::counted);
        model.setFilter(filterFor(m_rows->campaignId));
        QVERIFY(counted.wait(patient(10'000)));
        // Ask for a far page, then change the filter before any answer can come back (the
        // answers are delivered by this thread's event loop, which has not run since).
        model.index(2000, 0).data();
        QCoreApplication::processEvents(); // the page job is submitted
        model.setFilter(filterFor(m_rows->otherId, Status::Failed, u"131026"_s));
        model.setFilter(filterFor(m_rows->campaignId, Status::Any, u"no response"_s));
        counted.clear();
        QVERIFY(counted.wait(patient(10'000)));
        QTest::qWait(300); // let any late answer arrive
        QCOMPARE(counted.size(), 1);
        QCOMPARE(model.rowCount(), m_rows->noResponse.size());
        for (int row = 0; row < model.rowCount(); row += 37) {
            QVERIFY(loadRow(model, row));
            QCOMPARE(model.index(row, 0).data(RecipientsModel::IdRole).toLongLong(),
                     m_rows->noResponse.at(row));
            QCOMPARE(model.index(row, RecipientsModel::Error).data(RecipientsModel::RawRole).toString(),
                     u"no response"_s);
        }
    }

    void aRefreshShowsTheOldRowsUntilTheNewOnesArrive()
    {
        QString skip;
        if (!setUp(500, &skip)) {
            QSKIP(qPrintable(skip));
        }
        DataService data(m_tdb->config());
        RecipientsModel model(data);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&model, &RecipientsModel::counted);
        model.setFilter(filterFor(m_rows->campaignId));
        QVERIFY(counted.wait(patient(10'000)));
        QCOMPARE(model.index(1, RecipientsModel::Status).data(RecipientsModel::RawRole).toString(),
                 u"ready"_s);
        {
            TestDbAccess access;
            m_tdb->db().run(u"UPDATE send_queue SET status = 'sent', sent_at = ? WHERE id = ?"_s,
                            {m_tdb->db().timeValue(QDateTime::currentDateTimeUtc()), m_rows->ids.at(1)});
        }
        model.refresh();
        QCOMPARE(model.index(1, RecipientsModel::Status).data(RecipientsModel::RawRole).toString(),
                 u"ready"_s);
        QVERIFY(counted.wait(patient(10'000)));
        QVERIFY(waitUntil([&] { return model.isLoaded(1); }, 10'000));
        QCOMPARE(model.index(1, RecipientsModel::Status).data(RecipientsModel::RawRole).toString(),
                 u"sent"_s);
        QCOMPARE(model.rowCount(), 500);
    }

    void theFailuresModelExplainsEveryReasonFromErrorPolicy()
    {
        FailuresModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ReasonCount> reasons;
        for (const QString &r : {u"131026"_s, u"no response"_s, u"interrupted"_s, u"retries exhausted"_s,
                                 u"opted out"_s, u"131050"_s, u"424242"_s}) {
            reasons << ReasonCount{r, {}, 1000};
        }
        model.setReasons(reasons);
        QCOMPARE(model.rowCount(), 7);
        const auto meaning = [&](int row) {
            return model.index(row, FailuresModel::Meaning).data().toString();
        };
        QCOMPARE(meaning(0), ErrorPolicy::entryForCode(131026)->meaningText());
        QCOMPARE(model.index(0, FailuresModel::WhatToDo).data().toString(),
                 ErrorPolicy::entryForCode(131026)->whatToDoText());
        QCOMPARE(meaning(1), ErrorPolicy::entryFor(ErrorSituation::NoResponse).meaningText());
        QCOMPARE(meaning(2), ErrorPolicy::entryFor(ErrorSituation::Interrupted).meaningText());
        QCOMPARE(meaning(3), ErrorPolicy::entryFor(ErrorSituation::RetriesExhausted).meaningText());
        QCOMPARE(meaning(4), ErrorPolicy::entryFor(ErrorSituation::OptedOut).meaningText());
        QCOMPARE(meaning(5), ErrorPolicy::entryForCode(131050)->meaningText());
        QCOMPARE(meaning(6), ErrorPolicy::entryFor(ErrorSituation::UnknownGraphCode).meaningText());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(model.index(0, FailuresModel::Count).data().toString(), u"1,000"_s);
        QCOMPARE(model.index(0, FailuresModel::Count).data(FailuresModel::RawRole).toLongLong(), 1000);
        QCOMPARE(model.total(), 7000);
        // New counts for the same reasons change in place.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        reasons[2].count = 5;
        model.setReasons(reasons);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        reasons.removeAt(0);
        model.setReasons(reasons);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowOf(u"131026"_s), -1);
    }

    void everyStoredReasonHasAnExplanation()
    {
        for (const QString &reason :
             {u"no response"_s, u"interrupted"_s, u"opted out"_s, u"retries exhausted"_s,
              u"invalid message"_s, u"unreadable response"_s, u"http 503"_s,
              u"network ConnectionRefusedError"_s, u"131026"_s, u"99999"_s}) {
            QVERIFY2(ErrorPolicy::entryForReason(reason), qPrintable(reason));
        }
        QCOMPARE(ErrorPolicy::entryForReason(u"http 503"_s)->situation, ErrorSituation::HttpTransient);
        QCOMPARE(ErrorPolicy::entryForReason(u"131026"_s)->code, 131026);
        QVERIFY(!ErrorPolicy::entryForReason(u"something else"_s));
    }
};

HERALD_UI_TEST_MAIN(TestRecipientsModel)
#include "test_recipientsmodel.moc"
