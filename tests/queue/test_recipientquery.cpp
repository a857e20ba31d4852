// RecipientQuery: exact counts and pages in id order for every filter, read by keyset from
// the nearest anchor — checked row by row against a plain ordered SELECT of the same rows.
#include "QueueTestUtil.h"
#include "queue/RecipientQuery.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

struct Row
{
    qint64 id;
    QString phone;
    QString status;
    QString reason;
};

using Filter = RecipientFilter;
using Status = RecipientFilter::Status;

// Two campaigns whose rows interleave (B is queued between two imports into A), so that a
// campaign's ids are not one run and its first id is not the table's first. B: 4,321 rows,
// every 3rd sent, every 7th failed (three reasons), the rest waiting; one processing.
struct Fixture
{
    QString a;
    QString b;
    QList<Row> rowsOfB;

    explicit Fixture(Database &db)
    {
        ManualClock clock;
        CampaignStore store(db, clock);
        QueueEngine engine(db, clock);
        a = store.create({u"A"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        b = store.create({u"B"_s, u"order_update"_s, u"en_US"_s, {}, {}}).id;
        engine.enqueue(a, makeRecipients(700));
        engine.enqueue(b, makeRecipients(4321, 5000));
        engine.enqueue(a, makeRecipients(700, 700));
        const QVariant now = db.timeValue(clock.now());
        db.run(u"UPDATE send_queue SET status = 'sent', wamid = 'wamid.' || id, sent_at = ? "
               "WHERE campaign_id = ? AND id % 3 = 0"_s,
               {now, b});
        db.run(u"UPDATE send_queue SET status = 'failed', failed_at = ?, wamid = NULL, sent_at = NULL, "
               "error_code = 131026, "
               "error_reason = CASE WHEN id % 2 = 0 THEN '131026' WHEN id % 5 = 0 THEN 'no response' "
               "ELSE 'interrupted' END WHERE campaign_id = ? AND id % 7 = 0"_s,
               {now, b});
        db.run(u"UPDATE send_queue SET status = 'processing' WHERE id = "
               "(SELECT min(id) FROM send_queue WHERE campaign_id = ? AND status = 'ready')"_s,
               {b});
        // Campaign A's rows are all failed for one reason, so that a reason filter that forgot
        // the campaign would show them.
        db.run(u"UPDATE send_queue SET status = 'failed', error_reason = '131026' WHERE campaign_id = ?"_s,
               {a});
        QSqlQuery q = db.run(u"SELECT id, phone, status, COALESCE(error_reason, '') FROM send_queue "
                             "WHERE campaign_id = ? ORDER BY id"_s,
                             {b});
        while (q.next()) {
            rowsOfB << Row{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toString()};
        }
    }

    // What the filter must select, worked out here without SQL.
    QList<qint64> expected(const Filter &f) const
    {
        bool prefix = false;
        const QString phone = f.phoneSearch(&prefix);
        QList<qint64> ids;
        for (const Row &r : rowsOfB) {
            bool ok = true;
            switch (f.effectiveStatus()) {
            case Status::Any:
                break;
            case Status::Pending:
                ok = r.status == u"ready"_s || r.status == u"processing"_s;
                break;
            case Status::Sent:
                ok = r.status == u"sent"_s;
                break;
            case Status::Failed:
                ok = r.status == u"failed"_s && (f.reason.isEmpty() || r.reason == f.reason);
                break;
            }
            if (!phone.isEmpty()) {
                ok = ok && (prefix ? r.phone.startsWith(phone) : r.phone.contains(phone));
            }
            if (ok) {
                ids << r.id;
            }
        }
        return ids;
    }

    Filter filter(Status status = Status::Any, const QString &reason = {}, const QString &phone = {}) const
    {
        return Filter{b, status, reason, phone};
    }
};

QList<qint64> idsOf(const QList<RecipientRecord> &rows)
{
    QList<qint64> ids;
    for (const RecipientRecord &r : rows) {
        ids << r.id;
    }
    return ids;
}

} // namespace

class TestRecipientQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void countsAreExactForEveryFilter()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Fixture fx(db);
        const QList<Filter> filters = {
            fx.filter(),
            fx.filter(Status::Pending),
            fx.filter(Status::Sent),
            fx.filter(Status::Failed),
            fx.filter(Status::Any, u"no response"_s),
            fx.filter(Status::Failed, u"131026"_s),
            fx.filter(Status::Any, {}, u"+49151000052"_s),
            fx.filter(Status::Sent, {}, u"+49151000052"_s),
            fx.filter(Status::Any, {}, u"0049 151-000-052"_s),
            fx.filter(Status::Any, {}, u"77"_s),
            fx.filter(Status::Failed, {}, u"(77)"_s),
            fx.filter(Status::Any, u"131049"_s), // no such failure: none
        };
        for (const Filter &f : filters) {
            RecipientQuery q(f);
            const QList<qint64> expected = fx.expected(f);
            QCOMPARE(q.count(db), qint64(expected.size()));
        }
        QCOMPARE(RecipientQuery(fx.filter()).count(db), 4321);
        QCOMPARE(RecipientQuery(Filter{fx.a, Status::Failed, u"131026"_s, {}}).count(db), 1400);
    }

    void pagesEqualAnOrderedSelectAtTheStartTheEndAndAnywhereBetween()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Fixture fx(db);
        for (const Filter &f :
             {fx.filter(), fx.filter(Status::Pending), fx.filter(Status::Sent), fx.filter(Status::Failed),
              fx.filter(Status::Failed, u"interrupted"_s), fx.filter(Status::Any, {}, u"+4915100005"_s),
              fx.filter(Status::Any, {}, u"9"_s)}) {
            const QList<qint64> all = fx.expected(f);
            const qint64 n = all.size();
            QVERIFY(n > 0);
            RecipientQuery q(f);
            QCOMPARE(q.count(db), n);
            // The first page, then straight to the end (the scroll bar's End): read backwards
            // from the last row, not by skipping every row before it.
            QCOMPARE(idsOf(q.page(db, 0, 100)), all.mid(0, 100));
            QCOMPARE(q.lastSkip(), 0);
            const qint64 lastPage = std::max<qint64>(0, n - 100);
            QCOMPARE(idsOf(q.page(db, lastPage, 100)), all.mid(lastPage, 100));
            QCOMPARE(q.lastSkip(), 0);
            QCOMPARE(idsOf(q.page(db, n - 1, 100)), all.mid(n - 1)); // a window past the end is cut
            QVERIFY(q.page(db, n, 100).isEmpty());
            for (const qint64 offset : {n / 2, n / 3 + 7, qint64(1), n - 150}) {
                if (offset >= 0 && offset < n) {
                    QCOMPARE(idsOf(q.page(db, offset, 77)), all.mid(offset, 77));
                }
            }
        }
    }

    void theSparseIndexBoundsTheRowsSkippedAnywhere()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Fixture fx(db);
        const Filter f = fx.filter();
        const QList<qint64> all = fx.expected(f);
        RecipientQuery q(f);
        q.count(db);
        QCOMPARE(q.page(db, 2200, 10).size(), 10);
        QVERIFY(q.lastSkip() > 2000); // nothing known between the start and the end yet
        // Built a few anchors at a time, as the console does between pages.
        int slices = 0;
        while (!q.buildIndex(db, 2)) {
            ++slices;
            QVERIFY(slices < 10);
        }
        QVERIFY(slices >= 1);
        for (const qint64 offset : {qint64(1500), qint64(2999), qint64(3501), qint64(4000), qint64(17)}) {
            QCOMPARE(idsOf(q.page(db, offset, 50)), all.mid(offset, 50));
            QVERIFY2(q.lastSkip() <= RecipientQuery::kStride / 2,
                     qPrintable(u"skipped %1 rows for offset %2"_s.arg(q.lastSkip()).arg(offset)));
        }
    }

    void rowsCarryWhatTheListShows()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Fixture fx(db);
        RecipientQuery sent(fx.filter(Status::Sent));
        const RecipientRecord s = sent.page(db, 0, 1).value(0);
        QCOMPARE(s.status, u"sent"_s);
        QCOMPARE(s.wamid, u"wamid.%1"_s.arg(s.id));
        QVERIFY(s.sentAt.isValid());
        QCOMPARE(s.sentAt.timeSpec(), Qt::UTC);
        QVERIFY(s.phone.startsWith(u"+4915"_s));
        RecipientQuery failed(fx.filter(Status::Failed, u"131026"_s));
        const RecipientRecord f = failed.page(db, 0, 1).value(0);
        QCOMPARE(f.status, u"failed"_s);
        QCOMPARE(f.errorCode, std::optional<int>(131026));
        QCOMPARE(f.errorReason, u"131026"_s);
        QVERIFY(f.failedAt.isValid());
        QVERIFY(f.wamid.isEmpty());
    }

    void phoneSearchKeepsDigitsAndReadsALeadingPlusOr00AsAPrefix()
    {
        bool prefix = false;
        const auto search = [&prefix](const QString &typed) {
            Filter f;
            f.phone = typed;
            return f.phoneSearch(&prefix);
        };
        QCOMPARE(search(u" +49 (151) 234-5"_s), u"+491512345"_s);
        QVERIFY(prefix);
        QCOMPARE(search(u"0049151"_s), u"+49151"_s);
        QVERIFY(prefix);
        QCOMPARE(search(u"151 23"_s), u"15123"_s);
        QVERIFY(!prefix);
        QCOMPARE(search(u"+"_s), QString());
        QCOMPARE(search(u"anna"_s), QString());
    }

    void anEmptyCampaignHasNoRowsAndACompleteIndex()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"Empty"_s, 0);
        RecipientQuery q(Filter{c.id, Status::Any, {}, {}});
        QCOMPARE(q.count(db), 0);
        QVERIFY(q.page(db, 0, 100).isEmpty());
        QVERIFY(q.buildIndex(db, 10));
    }
};

QTEST_GUILESS_MAIN(TestRecipientQuery)
#include "test_recipientquery.moc"
