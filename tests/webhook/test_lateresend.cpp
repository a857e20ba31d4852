// resend selects late failures (rows Meta accepted, then reported undelivered) by their code,
// and "all" takes them all; delivered and read rows never; the counters stay equal to a recount
// after every step, on SQLite and PostgreSQL.
#include "QueueTestUtil.h"
#include "WebhookTestUtil.h"
#include "webhook/DeliveryWriter.h"
#include "webhook/WebhookPayload.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

constexpr qint64 kBase = 1'750'000'000;

StatusUpdate update(const QString &wamid, DeliveryStatus status, int errorCode = 131049)
{
    const QJsonObject o = statusObject(wamid, status, kBase, {}, errorCode);
    auto u = WebhookPayload::parseStatus(QJsonDocument(o).toJson(QJsonDocument::Compact));
    Q_ASSERT(u);
    u->phoneNumberId = u"1065"_s;
    return *u;
}

QString statusOf(Database &db, const QString &wamidOrPhone)
{
    return db
        .scalar(u"SELECT status FROM send_queue WHERE wamid = ? OR phone = ?"_s, {wamidOrPhone, wamidOrPhone})
        .toString();
}

} // namespace

class TestLateResend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void resendTakesLateFailuresByCodeAndAll()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        const Campaign c = makeCampaign(db, clock, u"Late"_s, 7);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const QList<ClaimedMessage> rows = engine.claim(c.id, u"w1"_s, 7);
        QCOMPARE(rows.size(), 7);
        // Rows 0–4 sent; row 5 failed 131049 at send time; row 6 failed "no response".
        QList<Outcome> outcomes;
        for (int i = 0; i < 5; ++i) {
            outcomes << Outcome::sent(rows[i], u"wamid.L.%1"_s.arg(i));
        }
        outcomes << Outcome::failed(rows[5], u"131049"_s, u"limit"_s, 131049)
                 << Outcome::failed(rows[6], FailureReason::NoResponse);
        engine.record(outcomes);
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Completed);

        // 0 delivered, 1 read, 2 and 3 late 131049, 4 late 131047.
        DeliveryWriter(db, clock).write(
            {update(u"wamid.L.0"_s, DeliveryStatus::Delivered), update(u"wamid.L.1"_s, DeliveryStatus::Read),
             update(u"wamid.L.2"_s, DeliveryStatus::Failed), update(u"wamid.L.3"_s, DeliveryStatus::Failed),
             update(u"wamid.L.4"_s, DeliveryStatus::Failed, 131047)});
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        Campaign now = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(now.totalSent, 5);
        QCOMPARE(now.totalFailedAfterSend, 3);

        // 131049: the send-time failure and both late ones; the campaign reopens paused.
        QCOMPARE(engine.resend(c.id, u"131049"_s), 3);
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        now = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(now.status, CampaignStatus::Paused);
        QCOMPARE(now.totalSent, 3);
        QCOMPARE(now.totalFailed, 1);
        QCOMPARE(now.totalFailedAfterSend, 1);
        QCOMPARE(now.totalDelivered, 2);
        QCOMPARE(now.totalRead, 1);
        QCOMPARE(now.pending, 3);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM send_queue WHERE status = 'ready' AND wamid IS NULL AND "
                           "late_failed_at IS NULL AND late_error_code IS NULL AND sent_at IS NULL"_s)
                     .toLongLong(),
                 3);
        // A callback for a resent row's old wamid finds nothing and changes no counter.
        DeliveryWriter(db, clock).write({update(u"wamid.L.2"_s, DeliveryStatus::Delivered)});
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).totalDelivered, 2);

        // Nothing more with 131049; "all" takes the 131047 late failure and "no response".
        QCOMPARE(engine.resend(c.id, u"131049"_s), 0);
        QCOMPARE(engine.resend(c.id, u"all"_s), 2);
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        now = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(now.totalSent, 2);
        QCOMPARE(now.totalFailed, 0);
        QCOMPARE(now.totalFailedAfterSend, 0);
        QCOMPARE(now.pending, 5);
        // Delivered and read rows stay sent.
        QCOMPARE(statusOf(db, u"wamid.L.0"_s), u"sent"_s);
        QCOMPARE(statusOf(db, u"wamid.L.1"_s), u"sent"_s);
        QCOMPARE(engine.resend(c.id, u"all"_s), 0);
    }

    void anOptedOutLateFailureIsNotResent()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Clock &clock = Clock::system();
        const Campaign c = makeCampaign(db, clock, u"Opt"_s, 2);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const QList<ClaimedMessage> rows = engine.claim(c.id, u"w1"_s, 2);
        engine.record({Outcome::sent(rows[0], u"wamid.O.0"_s), Outcome::sent(rows[1], u"wamid.O.1"_s)});
        DeliveryWriter(db, clock).write(
            {update(u"wamid.O.0"_s, DeliveryStatus::Failed), update(u"wamid.O.1"_s, DeliveryStatus::Failed)});
        db.run(u"INSERT INTO opt_outs (phone, source, reason, created_at) VALUES (?, 'manual', 'test', ?)"_s,
               {rows[0].phone, db.timeValue(clock.now())});
        QCOMPARE(engine.resend(c.id, u"131049"_s), 1);
        QCOMPARE(statusOf(db, u"wamid.O.0"_s), u"sent"_s);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestLateResend)
#include "test_lateresend.moc"
