// The wizard's import on its own thread and connection: the console's data thread keeps
// answering while it runs, cancelling or destroying it mid-import leaves nothing behind, and
// contacts added to an existing campaign can be taken away again exactly. On SQLite and
// PostgreSQL, with generated files big enough that the import is still running when asked.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "wizard/WizardImport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

// `count` German mobile numbers from +49 151 20000000 + first, with a name and an order column.
QString writeContacts(const QTemporaryDir &dir, const QString &name, int first, int count)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    QByteArray text = "name,phone,order\n";
    text.reserve(qsizetype(count) * 40);
    for (int i = first; i < first + count; ++i) {
        text += "Person " + QByteArray::number(i) + ",+49 151 " + QByteArray::number(20000000 + i) + ",O" +
                QByteArray::number(i) + '\n';
    }
    f.write(text);
    return path;
}

// What the wizard's pages would have decided for such a file.
WizardState stateFor(const QString &path, const QString &campaignName)
{
    WizardState s;
    s.file.path = path;
    s.file.detection.encoding = TextEncoding::Utf8;
    s.file.detection.delimiter = u',';
    s.file.detection.hasHeader = true;
    s.file.header = {u"name"_s, u"phone"_s, u"order"_s};
    s.file.columnCount = 3;
    s.phoneColumn = 1;
    s.region = u"DE"_s;
    s.campaignName = campaignName;
    TemplateRecord t;
    t.name = u"order_update"_s;
    t.language = u"en_US"_s;
    t.status = u"APPROVED"_s;
    t.category = u"UTILITY"_s;
    s.templ = t;
    s.mapping.insert(u"body.1"_s, VariableSource{0, {}});
    s.mapping.insert(u"body.2"_s, VariableSource{2, {}});
    return s;
}

} // namespace

class TestWizardImport : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    QTemporaryDir m_dir;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        return true;
    }

    qint64 count(const QString &sql)
    {
        TestDbAccess access;
        return m_tdb->db().scalar(sql).toLongLong();
    }

    // phone → id of the campaign's rows.
    QMap<QString, qint64> rowsOf(const QString &campaignId)
    {
        TestDbAccess access;
        QMap<QString, qint64> out;
        QSqlQuery q =
            m_tdb->db().run(u"SELECT phone, id FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
        while (q.next()) {
            out.insert(q.value(0).toString(), q.value(1).toLongLong());
        }
        return out;
    }

    void expectExactCounters(const QString &campaignId)
    {
        TestDbAccess access;
        Database &db = m_tdb->db();
        const Campaign c = CampaignStore(db, Clock::system()).byId(campaignId);
        const CounterValues counted = Counters::recount(db, campaignId);
        QCOMPARE(c.totalContacts, counted.contacts);
        QCOMPARE(c.totalSent, counted.sent);
        QCOMPARE(c.totalFailed, counted.failed);
    }

    static bool finishedImport(const QSignalSpy &finished, const QSignalSpy &failed)
    {
        return !finished.isEmpty() || !failed.isEmpty();
    }

    // Imports a small file into a new draft and returns its result.
    WizardImportResult importNew(const QString &path, const QString &name)
    {
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(path, name), m_dir.filePath(u"rejects"_s));
        if (!waitUntil([&] { return finishedImport(finished, failed); }, 60'000) || finished.isEmpty()) {
            qWarning() << "import failed:" << (failed.isEmpty() ? QVariant() : failed.first().first());
            return {};
        }
        return finished.first().first().value<WizardImportResult>();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        m_data.reset();
        TestDbAccess access;
        m_tdb.reset();
    }

    void theConsolesDataThreadAnswersWhileTheWizardImports()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        // Instrumented at -O0 the import is ten times slower; a third of the rows still keeps it
        // busy for far longer than the console's read and write take.
        const int rows = 100'000;
#else
        const int rows = 300'000;
#endif
        const QString path = writeContacts(m_dir, u"big.csv"_s, 0, rows);
        WizardImport import(*m_data, Clock::system());
        QSignalSpy progressed(&import, &WizardImport::progressed);
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        QElapsedTimer importClock;
        importClock.start();
        import.start(stateFor(path, u"Big"_s), m_dir.filePath(u"rejects"_s));
        QVERIFY(import.isRunning());
        QVERIFY(waitUntil([&] { return !progressed.isEmpty() || finishedImport(finished, failed); }, 60'000));
        QVERIFY2(import.isRunning(), "the import ended before the console could ask anything");

        // A read, as polling the campaigns does: answered while the import goes on.
        QElapsedTimer readClock;
        readClock.start();
        qint64 readMs = -1;
        bool runningWhenAnswered = false;
        m_data->submit<qint64>(
            this, [](Database &db) { return db.scalar(u"SELECT count(*) FROM campaigns"_s).toLongLong(); },
            [&](const DataResult<qint64> &r) {
                QVERIFY(r.ok());
                readMs = readClock.elapsed();
                runningWhenAnswered = import.isRunning();
            });
        QVERIFY(waitUntil([&] { return readMs >= 0; }, 60'000));
        QVERIFY2(runningWhenAnswered, "the console's read waited for the import");

        // A write (a pause, a setting): on SQLite it waits for the import's commit within its
        // busy timeout, on PostgreSQL it does not wait at all. Either way it succeeds.
        QElapsedTimer writeClock;
        writeClock.start();
        qint64 writeMs = -1;
        QString writeError;
        m_data->run(
            this, [](Database &db) { db.run(u"UPDATE campaigns SET name = name WHERE name = ''"_s); },
            [&](const DataResult<Done> &r) {
                writeError = r.error;
                writeMs = writeClock.elapsed();
            });
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 600'000));
        QVERIFY(waitUntil([&] { return writeMs >= 0; }, 60'000));
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        // Instrumented, the import's one transaction can outlast the console's 10-s busy
        // timeout (100,000 rows took 45 s under ASan at -O0): then the write must have waited
        // all of it for the lock, never failed at once.
        if (!writeError.isEmpty()) {
            QVERIFY2(writeError.contains(u"locked"_s) && writeMs >= 9'000,
                     qPrintable(u"after %1 ms: %2"_s.arg(writeMs).arg(writeError)));
        }
#else
        QVERIFY2(writeError.isEmpty(), qPrintable(writeError));
#endif
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const qint64 importMs = importClock.elapsed();
        const auto result = finished.first().first().value<WizardImportResult>();
        QCOMPARE(result.summary.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(result.summary.imported, rows);
        QVERIFY(!result.addedToExisting);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE region = 'DE'"_s), rows);
        expectExactCounters(result.campaignId);
        // At most about 20 reports a second reach the GUI thread.
        QVERIFY2(progressed.size() <= importMs / 50 + 2,
                 qPrintable(u"%1 reports in %2 ms"_s.arg(progressed.size()).arg(importMs)));
        qInfo("import of %d rows: %lld ms, %lld progress reports; console read answered in %lld ms, "
              "console write in %lld ms",
              rows, importMs, qint64(progressed.size()), readMs, writeMs);
    }

    void cancellingMidImportLeavesNothingBehind()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString path = writeContacts(m_dir, u"big.csv"_s, 0, 300'000);
        WizardImport import(*m_data, Clock::system());
        QSignalSpy progressed(&import, &WizardImport::progressed);
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(path, u"Cancelled"_s), m_dir.filePath(u"rejects"_s));
        QVERIFY(waitUntil([&] { return !progressed.isEmpty() || finishedImport(finished, failed); }, 60'000));
        QVERIFY2(import.isRunning(), "the import ended before it could be cancelled");
        import.cancel();
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QVERIFY(!import.isRunning());
        QCOMPARE(finished.size(), 1);
        const auto result = finished.first().first().value<WizardImportResult>();
        QCOMPARE(result.summary.outcome, ImportSummary::Outcome::Cancelled);
        QVERIFY(result.campaignId.isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
    }

    void destroyingItMidImportReturnsQuicklyAndLeavesNothingBehind()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString path = writeContacts(m_dir, u"big.csv"_s, 0, 300'000);
        auto import = std::make_unique<WizardImport>(*m_data, Clock::system());
        QSignalSpy progressed(import.get(), &WizardImport::progressed);
        import->start(stateFor(path, u"Closed"_s), m_dir.filePath(u"rejects"_s));
        QVERIFY(waitUntil([&] { return !progressed.isEmpty() || !import->isRunning(); }, 60'000));
        QVERIFY2(import->isRunning(), "the import ended before the wizard closed");
        QElapsedTimer destroyClock;
        destroyClock.start();
        import.reset();
        const qint64 destroyMs = destroyClock.elapsed();
        qInfo("destroying the import mid-way took %lld ms", destroyMs);
        QVERIFY2(destroyMs < 1500, qPrintable(u"%1 ms"_s.arg(destroyMs)));
        // The import rolls back on its own thread (if it was not done by then) and drops the draft.
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 60'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
        // The console is unaffected: its data thread still answers.
        bool answered = false;
        m_data->run(
            this, [](Database &db) { db.scalar(u"SELECT 1"_s); },
            [&](const DataResult<Done> &r) { answered = r.ok(); });
        QVERIFY(waitUntil([&] { return answered; }, 10'000));
    }

    // Back, then Next, mid-import: the first import rolls back and deletes its draft before the
    // second creates one of the same name; only the second answers.
    void startingAgainMidImportImportsOnceIntoOneDraft()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        WizardImport import(*m_data, Clock::system());
        QSignalSpy progressed(&import, &WizardImport::progressed);
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"big.csv"_s, 0, 300'000), u"Same name"_s),
                     m_dir.filePath(u"rejects"_s));
        QVERIFY(waitUntil([&] { return !progressed.isEmpty() || finishedImport(finished, failed); }, 60'000));
        QVERIFY2(import.isRunning(), "the first import ended before the second started");
        import.start(stateFor(writeContacts(m_dir, u"small.csv"_s, 0, 40), u"Same name"_s),
                     m_dir.filePath(u"rejects"_s));
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QTest::qWait(200); // an answer of the first import would have arrived by now
        QCOMPARE(finished.size(), 1);
        const auto result = finished.first().first().value<WizardImportResult>();
        QCOMPARE(result.summary.outcome, ImportSummary::Outcome::Imported);
        QCOMPARE(result.summary.imported, 40);
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 40);
        expectExactCounters(result.campaignId);
    }

    void anImportThatCommittedJustBeforeItWasSupersededLeavesNothingBehind()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"first.csv"_s, 0, 30), u"Same name"_s),
                     m_dir.filePath(u"rejects"_s));
        // Without processing events: the first import commits and posts its answer, which the
        // GUI thread has not taken yet when the user starts another (Back, then Next) with the
        // same campaign name.
        QElapsedTimer waited;
        waited.start();
        while (!WizardImport::idle() && waited.elapsed() < 30'000) {
            QThread::msleep(10);
        }
        QVERIFY(WizardImport::idle());
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 30);
        import.start(stateFor(writeContacts(m_dir, u"second.csv"_s, 100, 20), u"Same name"_s),
                     m_dir.filePath(u"rejects"_s));
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(waitUntil([&] { return WizardImport::idle(); }, 30'000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<WizardImportResult>().summary.imported, 20);
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 20);
    }

    void leavingThePageJustAsTheImportCommitsUndoesIt()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        import.start(stateFor(writeContacts(m_dir, u"left.csv"_s, 0, 30), u"Left"_s),
                     m_dir.filePath(u"rejects"_s));
        QElapsedTimer waited;
        waited.start();
        while (!WizardImport::idle() && waited.elapsed() < 30'000) {
            QThread::msleep(10);
        }
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 30); // committed, answer not taken yet
        import.abandon();                                          // Back
        QVERIFY(!import.isRunning());
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 30'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
        QVERIFY(finished.isEmpty());
    }

    void undoingAnAdditionWaitsForTheImportAfterIt()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        // A campaign with 10 numbers; the user adds 0..39, goes Back, and adds 0..59:
        // the second import finds 0..9 already there and adds 10..59; undoing the first must
        // not take any of those away.
        QString campaignId;
        {
            TestDbAccess access;
            CampaignStore store(m_tdb->db(), Clock::system());
            campaignId = store.create(NewCampaign{u"Existing"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        }
        {
            WizardImport seed(*m_data, Clock::system());
            QSignalSpy done(&seed, &WizardImport::finished);
            seed.start(stateFor(writeContacts(m_dir, u"seed.csv"_s, 0, 10), u"Existing"_s),
                       m_dir.filePath(u"rejects"_s), campaignId);
            QVERIFY(waitUntil([&] { return !done.isEmpty(); }, 30'000));
        }
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"a.csv"_s, 0, 40), u"Existing"_s),
                     m_dir.filePath(u"rejects"_s), campaignId);
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 30'000));
        const auto first = finished.first().first().value<WizardImportResult>();
        QCOMPARE(first.summary.imported, 30);
        // Back: the page undoes what it kept, and Next starts the next import at once.
        WizardImport::undo(*m_data, first);
        finished.clear();
        import.start(stateFor(writeContacts(m_dir, u"b.csv"_s, 0, 60), u"Existing"_s),
                     m_dir.filePath(u"rejects"_s), campaignId);
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 30'000));
        QVERIFY(waitUntil([&] { return WizardImport::idle(); }, 30'000));
        const auto second = finished.first().first().value<WizardImportResult>();
        QCOMPARE(second.summary.duplicatesInCampaign, 10);
        QCOMPARE(second.summary.imported, 50);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(campaignId)), 60);
        expectExactCounters(campaignId);
    }

    void contactsAddedToAnExistingCampaignCountAgainstItAndCanBeTakenAwayAgain()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const WizardImportResult first = importNew(writeContacts(m_dir, u"a.csv"_s, 0, 100), u"Existing"_s);
        QCOMPARE(first.summary.imported, 100);
        const QString c = first.campaignId;
        QVERIFY(!c.isEmpty());
        const auto before = rowsOf(c);

        // 50 numbers it has and 120 new ones.
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"b.csv"_s, 50, 170), u"ignored in this mode"_s),
                     m_dir.filePath(u"rejects"_s), c);
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const auto added = finished.first().first().value<WizardImportResult>();
        QCOMPARE(added.campaignId, c);
        QVERIFY(added.addedToExisting);
        QCOMPARE(added.summary.imported, 120);
        QCOMPARE(added.summary.duplicatesInCampaign, 50);
        QVERIFY(!added.added.isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        QCOMPARE(rowsOf(c).size(), 220);
        expectExactCounters(c);

        // The user leaves the wizard without finishing: exactly the 120 go.
        WizardImport::removeAdded(*m_data, c, added.added);
        QVERIFY(waitUntil([&] { return rowsOf(c).size() == 100; }, 30'000));
        QCOMPARE(rowsOf(c), before);
        expectExactCounters(c);
        QCOMPARE(count(u"SELECT total_contacts FROM campaigns"_s), 100);
    }

    void cancellingAnAdditionLeavesTheCampaignAsItWas()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const WizardImportResult first = importNew(writeContacts(m_dir, u"a.csv"_s, 0, 100), u"Existing"_s);
        const QString c = first.campaignId;
        QVERIFY(!c.isEmpty());
        const auto before = rowsOf(c);
        WizardImport import(*m_data, Clock::system());
        QSignalSpy progressed(&import, &WizardImport::progressed);
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"big.csv"_s, 0, 300'000), QString()),
                     m_dir.filePath(u"rejects"_s), c);
        QVERIFY(waitUntil([&] { return !progressed.isEmpty() || finishedImport(finished, failed); }, 60'000));
        QVERIFY2(import.isRunning(), "the import ended before it could be cancelled");
        import.cancel();
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QCOMPARE(finished.first().first().value<WizardImportResult>().summary.outcome,
                 ImportSummary::Outcome::Cancelled);
        QCOMPARE(rowsOf(c), before); // the campaign stays, with its rows and nothing more
        expectExactCounters(c);
    }

    void onlyADraftOrPausedCampaignTakesMoreContacts()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const WizardImportResult first = importNew(writeContacts(m_dir, u"a.csv"_s, 0, 10), u"Done"_s);
        QVERIFY(!first.campaignId.isEmpty());
        {
            TestDbAccess access;
            CampaignStore(m_tdb->db(), Clock::system())
                .transition(first.campaignId, CampaignStatus::Cancelled);
        }
        WizardImport import(*m_data, Clock::system());
        QSignalSpy finished(&import, &WizardImport::finished);
        QSignalSpy failed(&import, &WizardImport::failed);
        import.start(stateFor(writeContacts(m_dir, u"b.csv"_s, 10, 10), QString()),
                     m_dir.filePath(u"rejects"_s), first.campaignId);
        QVERIFY(waitUntil([&] { return finishedImport(finished, failed); }, 60'000));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(u"draft or paused"_s),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(rowsOf(first.campaignId).size(), 10);
    }
};

HERALD_UI_TEST_MAIN(TestWizardImport)
#include "test_wizardimport.moc"
