#include "QueueTestUtil.h"
#include "WebhookTestUtil.h"
#include "queue/Repair.h"
#include "webhook/CallbackData.h"
#include "webhook/DeliveryWriter.h"
#include "webhook/WebhookPayload.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

constexpr qint64 kBase = 1'750'000'000; // Unix seconds of the first callback

StatusUpdate update(const QString &wamid, DeliveryStatus status, qint64 secs,
                    const QString &callbackData = {}, int errorCode = 131049)
{
    const QJsonObject o = statusObject(wamid, status, secs, callbackData, errorCode);
    auto u = WebhookPayload::parseStatus(QJsonDocument(o).toJson(QJsonDocument::Compact));
    Q_ASSERT(u);
    u->phoneNumberId = u"1065"_s;
    return *u;
}

// What a row holds about its delivery.
struct Facts
{
    QString status;
    QString wamid;
    QDateTime delivered;
    QDateTime read;
    QDateTime lateFailed;
    int lateCode = 0;
    QString lateReason;
    QString errorReason;

    bool operator==(const Facts &) const = default;
    QString text() const
    {
        return u"%1 %2 delivered %3 read %4 late %5 (%6 %7) error %8"_s.arg(
            status, wamid, delivered.toString(Qt::ISODate), read.toString(Qt::ISODate),
            lateFailed.toString(Qt::ISODate), QString::number(lateCode), lateReason, errorReason);
    }
};

Facts facts(Database &db, qint64 id)
{
    QSqlQuery q = db.run(u"SELECT status, wamid, delivered_at, read_at, late_failed_at, late_error_code, "
                         "late_error_reason, error_reason FROM send_queue WHERE id = ?"_s,
                         {id});
    Facts f;
    if (q.next()) {
        f = {q.value(0).toString(),          q.value(1).toString(),          Database::readTime(q.value(2)),
             Database::readTime(q.value(3)), Database::readTime(q.value(4)), q.value(5).toInt(),
             q.value(6).toString(),          q.value(7).toString()};
    }
    return f;
}

// A running campaign whose rows are all claimed by "w1" (claim 1 each).
QList<ClaimedMessage> claimAll(Database &db, const Clock &clock, const Campaign &c)
{
    CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
    return QueueEngine(db, clock).claim(c.id, u"w1"_s, int(c.totalContacts));
}

QDateTime at(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

// The true history of one message, and the state any order of its callbacks must end in.
struct History
{
    QList<StatusUpdate> callbacks;
    Facts expected;
};

History history(int kind, const QString &wamid, qint64 t0)
{
    const qint64 t1 = t0 + 3;
    const qint64 t2 = t0 + 7;
    History h;
    h.expected.status = u"sent"_s;
    h.expected.wamid = wamid;
    const auto add = [&](DeliveryStatus s, qint64 t) {
        h.callbacks << update(wamid, s, t);
    };
    switch (kind) {
    case 0: // accepted, nothing more heard
        add(DeliveryStatus::Sent, t0);
        break;
    case 1:
        add(DeliveryStatus::Sent, t0);
        add(DeliveryStatus::Delivered, t1);
        h.expected.delivered = at(t1);
        break;
    case 2:
        add(DeliveryStatus::Sent, t0);
        add(DeliveryStatus::Delivered, t1);
        add(DeliveryStatus::Read, t2);
        h.expected.delivered = at(t1);
        h.expected.read = at(t2);
        break;
    case 3: // the delivered callback never came: read implies it
        add(DeliveryStatus::Sent, t0);
        add(DeliveryStatus::Read, t2);
        h.expected.delivered = at(t2);
        h.expected.read = at(t2);
        break;
    case 4: // a late failure
        add(DeliveryStatus::Sent, t0);
        add(DeliveryStatus::Failed, t1);
        h.expected.lateFailed = at(t1);
        h.expected.lateCode = 131049;
        h.expected.lateReason = u"131049"_s;
        break;
    case 5: // only the failure
        add(DeliveryStatus::Failed, t1);
        h.expected.lateFailed = at(t1);
        h.expected.lateCode = 131049;
        h.expected.lateReason = u"131049"_s;
        break;
    case 6: // no callback at all
        break;
    default: // delivered and read, the sent callback lost
        add(DeliveryStatus::Delivered, t1);
        add(DeliveryStatus::Read, t2);
        h.expected.delivered = at(t1);
        h.expected.read = at(t2);
        break;
    }
    return h;
}
constexpr int kHistoryKinds = 8;

// Sends every row of a campaign, with wamids "<prefix>.<i>".
QList<ClaimedMessage> sendAll(Database &db, const Clock &clock, const Campaign &c, const QString &prefix)
{
    const QList<ClaimedMessage> claims = claimAll(db, clock, c);
    QList<Outcome> outcomes;
    for (int i = 0; i < claims.size(); ++i) {
        outcomes << Outcome::sent(claims[i], u"%1.%2"_s.arg(prefix).arg(i));
    }
    QueueEngine(db, clock).record(outcomes);
    return claims;
}

qint64 unresolved(Database &db)
{
    return db.scalar(u"SELECT count(*) FROM webhook_events WHERE resolved_at IS NULL"_s).toLongLong();
}

} // namespace

class TestDeliveryWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void permutationsAndDuplicatesEndInTheTrueFinalState_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {1u, 7u, 42u, 2026u, 424242u}) {
            QTest::newRow(qPrintable(u"seed %1"_s.arg(seed))) << seed;
        }
    }
    void permutationsAndDuplicatesEndInTheTrueFinalState()
    {
        QFETCH(quint32, seed);
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        QRandomGenerator rng(seed);
        constexpr int messages = 32;
        // Campaign A gets its callbacks shuffled in small batches, B all in one batch.
        const Campaign a = makeCampaign(db, clock, u"A"_s, messages);
        const Campaign b = makeCampaign(db, clock, u"B"_s, messages);
        const QList<ClaimedMessage> rowsA = sendAll(db, clock, a, u"wamid.A"_s);
        const QList<ClaimedMessage> rowsB = sendAll(db, clock, b, u"wamid.B"_s);

        QHash<qint64, Facts> expected;
        QList<StatusUpdate> callbacksA;
        QList<StatusUpdate> callbacksB;
        CounterValues want;
        for (int i = 0; i < messages; ++i) {
            const int kind = int(rng.bounded(kHistoryKinds));
            const History ha = history(kind, u"wamid.A.%1"_s.arg(i), kBase + i * 10);
            const History hb = history(kind, u"wamid.B.%1"_s.arg(i), kBase + i * 10);
            expected.insert(rowsA[i].id, ha.expected);
            expected.insert(rowsB[i].id, hb.expected);
            for (const StatusUpdate &u : ha.callbacks) {
                // Meta retries: some callbacks arrive twice or three times.
                for (int copies = 1 + (rng.bounded(10) < 3 ? 1 + int(rng.bounded(2)) : 0); copies > 0;
                     --copies) {
                    callbacksA << u;
                }
            }
            callbacksB << hb.callbacks << hb.callbacks;
            want.delivered += ha.expected.delivered.isValid() ? 1 : 0;
            want.read += ha.expected.read.isValid() ? 1 : 0;
            want.failedAfterSend += ha.expected.lateFailed.isValid() ? 1 : 0;
        }
        std::shuffle(callbacksA.begin(), callbacksA.end(), rng);
        std::shuffle(callbacksB.begin(), callbacksB.end(), rng);

        DeliveryWriter writer(db, clock);
        QString why;
        for (qsizetype i = 0; i < callbacksA.size();) {
            const qsizetype n = std::min<qsizetype>(1 + rng.bounded(8), callbacksA.size() - i);
            const DeliveryResult r = writer.write(callbacksA.mid(i, n));
            QCOMPARE(r.received, n);
            QCOMPARE(r.parked, 0);
            QCOMPARE(r.changed + r.unchanged, n);
            i += n;
            clock.advanceMs(1000);
            QVERIFY2(countersMatch(db, clock, a.id, &why), qPrintable(why));
        }
        writer.write(callbacksB);
        QVERIFY2(countersMatch(db, clock, b.id, &why), qPrintable(why));

        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const Facts got = facts(db, it.key());
            QVERIFY2(got == it.value(), qPrintable(u"row %1: got %2, want %3"_s.arg(it.key()).arg(
                                            got.text(), it.value().text())));
        }
        for (const Campaign &c : {a, b}) {
            const Campaign stored = CampaignStore(db, clock).byId(c.id);
            QCOMPARE(stored.totalDelivered, want.delivered);
            QCOMPARE(stored.totalRead, want.read);
            QCOMPARE(stored.totalFailedAfterSend, want.failedAfterSend);
            QCOMPARE(stored.totalSent, messages); // a late failure stays sent
            QCOMPARE(stored.totalFailed, 0);
        }
        QCOMPARE(unresolved(db), 0);
    }

    void statusNeverMovesBackwardsAndFailureIsFinal()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 3);
        const QList<ClaimedMessage> rows = sendAll(db, clock, c, u"wamid.M"_s);
        DeliveryWriter writer(db, clock);

        // Read first, then the older delivered: read stays, delivered takes the earlier time.
        writer.write({update(u"wamid.M.0"_s, DeliveryStatus::Read, kBase + 20)});
        Facts f = facts(db, rows[0].id);
        QCOMPARE(f.read, at(kBase + 20));
        QCOMPARE(f.delivered, at(kBase + 20));
        DeliveryResult r = writer.write({update(u"wamid.M.0"_s, DeliveryStatus::Delivered, kBase + 10)});
        QCOMPARE(r.changed, 1);
        f = facts(db, rows[0].id);
        QCOMPARE(f.read, at(kBase + 20));
        QCOMPARE(f.delivered, at(kBase + 10));
        // A failure after delivery is ignored: a real message never has both.
        r = writer.write({update(u"wamid.M.0"_s, DeliveryStatus::Failed, kBase + 30)});
        QCOMPARE(r.unchanged, 1);
        QVERIFY(!facts(db, rows[0].id).lateFailed.isValid());

        // A late failure: counted once, the row stays sent, later delivered/read ignored.
        r = writer.write({update(u"wamid.M.1"_s, DeliveryStatus::Failed, kBase + 10, {}, 131047),
                          update(u"wamid.M.1"_s, DeliveryStatus::Failed, kBase + 10, {}, 131047)});
        QCOMPARE(r.changed, 1);
        QCOMPARE(r.unchanged, 1);
        r = writer.write({update(u"wamid.M.1"_s, DeliveryStatus::Delivered, kBase + 5),
                          update(u"wamid.M.1"_s, DeliveryStatus::Read, kBase + 40)});
        QCOMPARE(r.unchanged, 2);
        f = facts(db, rows[1].id);
        QCOMPARE(f.status, u"sent"_s);
        QCOMPARE(f.lateCode, 131047);
        QCOMPARE(f.lateReason, u"131047"_s);
        QVERIFY(!f.delivered.isValid() && !f.read.isValid());

        const Campaign stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.totalDelivered, 1);
        QCOMPARE(stored.totalRead, 1);
        QCOMPARE(stored.totalFailedAfterSend, 1);
        QCOMPARE(stored.totalSent, 3);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }

    // A "no response" or "interrupted" row whose callback names it becomes sent, once, and a
    // resend of that reason no longer picks it.
    void lostAnswersAreReconciledExactlyOnce()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 7);
        const QList<ClaimedMessage> rows = claimAll(db, clock, c);
        QCOMPARE(rows.size(), 7);
        QueueEngine engine(db, clock);
        engine.record({Outcome::sent(rows[0], u"wamid.R.0"_s),
                       Outcome::failed(rows[1], FailureReason::NoResponse),
                       Outcome::failed(rows[2], FailureReason::NoResponse),
                       Outcome::failed(rows[5], u"131026"_s, u"undeliverable"_s, 131026),
                       Outcome::failed(rows[6], FailureReason::NoResponse)});
        QCOMPARE(engine.recoverWorker(u"w1"_s), 2); // rows 3 and 4: interrupted
        const auto data = [&](int i, qint64 claim = 1) {
            return CallbackData::format(c.id, rows[i].id, claim);
        };
        QString why;

        // Row 1 (no response): its sent callback, twice in one batch, then again later.
        DeliveryWriter writer(db, clock);
        DeliveryResult r = writer.write({update(u"wamid.R.1"_s, DeliveryStatus::Sent, kBase, data(1)),
                                         update(u"wamid.R.1"_s, DeliveryStatus::Sent, kBase, data(1))});
        QCOMPARE(r.reconciled, 1);
        QCOMPARE(r.parked, 0);
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        Facts f = facts(db, rows[1].id);
        QCOMPARE(f.status, u"sent"_s);
        QCOMPARE(f.wamid, u"wamid.R.1"_s);
        QVERIFY(f.errorReason.isEmpty());
        r = writer.write({update(u"wamid.R.1"_s, DeliveryStatus::Read, kBase + 9, data(1))});
        QCOMPARE(r.reconciled, 0);
        QCOMPARE(r.changed, 1);
        QCOMPARE(facts(db, rows[1].id).read, at(kBase + 9));

        // Row 3 (interrupted): its first callback is "delivered": reconciled and delivered at once.
        r = writer.write({update(u"wamid.R.3"_s, DeliveryStatus::Delivered, kBase + 4, data(3))});
        QCOMPARE(r.reconciled, 1);
        f = facts(db, rows[3].id);
        QCOMPARE(f.status, u"sent"_s);
        QCOMPARE(f.delivered, at(kBase + 4));
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));

        // Not reconciled, parked: another claim's data (row 4), a failure that is not a lost
        // answer (row 5), and a failure callback (row 6: a failure never makes a row sent).
        r = writer.write({update(u"wamid.R.4"_s, DeliveryStatus::Sent, kBase, data(4, 2)),
                          update(u"wamid.R.5"_s, DeliveryStatus::Sent, kBase, data(5)),
                          update(u"wamid.R.6"_s, DeliveryStatus::Failed, kBase + 2, data(6))});
        QCOMPARE(r.reconciled, 0);
        QCOMPARE(r.parked, 3);
        QCOMPARE(facts(db, rows[4].id).status, u"failed"_s);
        QCOMPARE(facts(db, rows[5].id).status, u"failed"_s);
        QCOMPARE(facts(db, rows[6].id).status, u"failed"_s);
        QCOMPARE(unresolved(db), 3);

        Campaign stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.totalSent, 3);   // rows 0, 1, 3
        QCOMPARE(stored.totalFailed, 4); // rows 2, 4, 5, 6
        QCOMPARE(stored.totalDelivered, 2);
        QCOMPARE(stored.totalRead, 1);

        // Resend "no response": rows 2 and 6, not row 1. Resend "interrupted": row 4, not row 3.
        QCOMPARE(engine.resend(c.id, FailureReason::NoResponse), 2);
        QCOMPARE(engine.resend(c.id, FailureReason::Interrupted), 1);
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));

        // Row 2, resent to ready and not claimed since: its callback still reconciles it. Row 6's
        // sent callback reconciles it and lets its parked failure apply as a late failure.
        r = writer.write({update(u"wamid.R.2"_s, DeliveryStatus::Delivered, kBase + 3, data(2)),
                          update(u"wamid.R.6"_s, DeliveryStatus::Sent, kBase, data(6))});
        QCOMPARE(r.reconciled, 2);
        QCOMPARE(r.resolved, 1);
        QCOMPARE(facts(db, rows[2].id).status, u"sent"_s);
        QCOMPARE(facts(db, rows[2].id).delivered, at(kBase + 3));
        f = facts(db, rows[6].id);
        QCOMPARE(f.status, u"sent"_s);
        QCOMPARE(f.lateFailed, at(kBase + 2));
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        QCOMPARE(unresolved(db), 2); // rows 4 and 5 wait for nothing that will come

        // Row 4 is ready again (claim 1); the callback of a claim it never had (2) changes nothing,
        // even tried again.
        QCOMPARE(writer.retryParked().resolved, 0);
        QCOMPARE(facts(db, rows[4].id).status, u"ready"_s);
        stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.totalSent, 5);
        QCOMPARE(stored.totalFailed, 1); // row 5
        QCOMPARE(stored.pending, 1);     // row 4
        QCOMPARE(stored.totalFailedAfterSend, 1);
        QCOMPARE(engine.resend(c.id, FailureReason::NoResponse), 0);
    }

    void aReconciledLastRowCompletesTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        const QList<ClaimedMessage> rows = claimAll(db, clock, c);
        QueueEngine engine(db, clock);
        engine.record(
            {Outcome::sent(rows[0], u"wamid.C.0"_s), Outcome::failed(rows[1], FailureReason::NoResponse)});
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Completed);
        QCOMPARE(engine.resend(c.id, FailureReason::NoResponse), 1);
        QCOMPARE(CampaignStore(db, clock).byId(c.id).status, CampaignStatus::Paused);
        DeliveryWriter(db, clock).write(
            {update(u"wamid.C.1"_s, DeliveryStatus::Sent, kBase, CallbackData::format(c.id, rows[1].id, 1))});
        const Campaign stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.status, CampaignStatus::Completed);
        QCOMPARE(stored.totalSent, 2);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }

    // A callback can come before the sender recorded the send's answer: it waits, then applies.
    void parkedCallbacksApplyOnceTheirRowIsThere()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        const QList<ClaimedMessage> rows = claimAll(db, clock, c);
        DeliveryWriter writer(db, clock);
        const QString data0 = CallbackData::format(c.id, rows[0].id, 1);
        DeliveryResult r = writer.write({update(u"wamid.P.0"_s, DeliveryStatus::Delivered, kBase + 2, data0),
                                         update(u"wamid.P.0"_s, DeliveryStatus::Read, kBase + 5, data0),
                                         update(u"wamid.nobody"_s, DeliveryStatus::Delivered, kBase)});
        QCOMPARE(r.parked, 3);
        QCOMPARE(unresolved(db), 3);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM webhook_events WHERE reason LIKE '%processing%'"_s).toInt(),
                 2);
        QCOMPARE(writer.retryParked().resolved, 0); // the row is still in flight

        QueueEngine(db, clock).record({Outcome::sent(rows[0], u"wamid.P.0"_s)});
        r = writer.retryParked();
        QCOMPARE(r.resolved, 2);
        QCOMPARE(r.changed, 2);
        const Facts f = facts(db, rows[0].id);
        QCOMPARE(f.delivered, at(kBase + 2));
        QCOMPARE(f.read, at(kBase + 5));
        QCOMPARE(unresolved(db), 1);
        QCOMPARE(db.scalar(u"SELECT wamid FROM webhook_events WHERE resolved_at IS NULL"_s).toString(),
                 u"wamid.nobody"_s);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        QCOMPARE(CampaignStore(db, clock).byId(c.id).totalRead, 1);
    }

    // From the body Meta sends to the rows, with the bookkeeping of who calls back.
    void aParsedBodyIsWrittenAndItsSourceCounted()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        sendAll(db, clock, c, u"wamid.W"_s);
        const QByteArray body = statusBody({statusObject(u"wamid.W.0"_s, DeliveryStatus::Delivered, kBase),
                                            statusObject(u"wamid.W.1"_s, DeliveryStatus::Failed, kBase),
                                            statusObject(u"wamid.other"_s, DeliveryStatus::Read, kBase)},
                                           u"106540352242922"_s);
        const WebhookPayload p = WebhookPayload::parse(body);
        QVERIFY(p.ok());
        const DeliveryResult r = DeliveryWriter(db, clock).write(p.statuses);
        QCOMPARE(r.changed, 2);
        QCOMPARE(r.parked, 1);
        QSqlQuery q =
            db.run(u"SELECT waba_id, statuses, applied, parked, last_callback_at FROM webhook_sources "
                   "WHERE phone_number_id = ?"_s,
                   {u"106540352242922"_s});
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"1022"_s);
        QCOMPARE(q.value(1).toInt(), 3);
        QCOMPARE(q.value(2).toInt(), 2);
        QCOMPARE(q.value(3).toInt(), 1);
        QCOMPARE(Database::readTime(q.value(4)), clock.now());
        q.finish();
        // The parked callback kept Meta's object whole.
        const QString payload = db.scalar(u"SELECT payload FROM webhook_events"_s).toString();
        QCOMPARE(QJsonDocument::fromJson(payload.toUtf8()).object().value("id"_L1).toString(),
                 u"wamid.other"_s);
        const Campaign stored = CampaignStore(db, clock).byId(c.id);
        QCOMPARE(stored.totalDelivered, 1);
        QCOMPARE(stored.totalFailedAfterSend, 1);
    }

    // What the hostile fixture's readable statuses do to a database: nothing but parking.
    void aHostileBodysStatusesAreParkedHarmlessly()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        sendAll(db, clock, c, u"wamid.H"_s);
        const WebhookPayload p = WebhookPayload::parse(readWebhookData(u"hostile.json"_s));
        QVERIFY2(p.ok(), qPrintable(p.refusal));
        QVERIFY(!p.statuses.isEmpty());
        const DeliveryResult r = DeliveryWriter(db, clock).write(p.statuses);
        QCOMPARE(r.parked, p.statuses.size());
        QCOMPARE(unresolved(db), p.statuses.size());
        QCOMPARE(db.scalar(u"SELECT count(*) FROM send_queue WHERE status = 'sent'"_s).toInt(), 2);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }

    // A callback without the business number it is for is still counted, under "(none)".
    void callbacksWithoutTheirNumberAreCountedToo()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        StatusUpdate u = update(u"wamid.none"_s, DeliveryStatus::Read, kBase);
        u.phoneNumberId.clear();
        u.wabaId.clear();
        DeliveryWriter writer(db, clock);
        writer.write({u});
        writer.write({u});
        QCOMPARE(
            db.scalar(u"SELECT statuses FROM webhook_sources WHERE phone_number_id = '(none)'"_s).toInt(), 2);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM webhook_sources"_s).toInt(), 1);
    }

    // Callback data that is not Herald's, or names what does not exist, is parked and breaks
    // nothing (on PostgreSQL a bad uuid must not reach the query).
    void foreignCallbackDataIsParked()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        sendAll(db, clock, c, u"wamid.F"_s);
        const DeliveryResult r = DeliveryWriter(db, clock).write(
            {update(u"wamid.x1"_s, DeliveryStatus::Sent, kBase, u"h1:not-a-uuid:1:1"_s),
             update(u"wamid.x2"_s, DeliveryStatus::Sent, kBase,
                    CallbackData::format(u"0b7c3a52-4a8e-4d4c-9f0e-2f5c1d7e9a10"_s, 1, 1)),
             update(u"wamid.x3"_s, DeliveryStatus::Sent, kBase, CallbackData::format(c.id, 999999, 1)),
             update(u"wamid.F.0"_s, DeliveryStatus::Delivered, kBase)});
        QCOMPARE(r.parked, 3);
        QCOMPARE(r.changed, 1);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
    }

    // Repair knows the delivery counters: a drift is found and fixed from the rows.
    void repairFixesDeliveryCounters()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign c = makeCampaign(db, clock, u"A"_s, 2);
        sendAll(db, clock, c, u"wamid.D"_s);
        DeliveryWriter(db, clock).write({update(u"wamid.D.0"_s, DeliveryStatus::Read, kBase)});
        QVERIFY(countersMatch(db, clock, c.id));
        db.run(u"UPDATE campaigns SET total_delivered = 7, total_failed_after_send = 3 WHERE id = ?"_s,
               {c.id});
        QVERIFY(!countersMatch(db, clock, c.id));
        Repair repair(db, clock);
        const QList<RepairItem> found = repair.analyze(c.id);
        QCOMPARE(found.size(), 1);
        QVERIFY(found[0].countersDiffer());
        QCOMPARE(found[0].recounted.delivered, 1);
        QCOMPARE(found[0].recounted.read, 1);
        QCOMPARE(found[0].recounted.failedAfterSend, 0);
        repair.apply(c.id);
        QString why;
        QVERIFY2(countersMatch(db, clock, c.id, &why), qPrintable(why));
        QVERIFY(!repair.analyze(c.id).at(0).countersDiffer());
    }
};

QTEST_GUILESS_MAIN(TestDeliveryWriter)
#include "test_deliverywriter.moc"
