// Erasing one person and the retention purge (core/privacy), on SQLite and PostgreSQL: the
// personal fields go, every count stays and still equals a recount.
#include "TestDatabase.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "optout/OptOutStore.h"
#include "privacy/Erasure.h"
#include "privacy/Retention.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "settings/SettingKeys.h"
#include "webhook/DeliveryWriter.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QString Person = u"+4915123456789"_s;
const QString PersonName = u"Erika Mustermann"_s;

QList<Recipient> people(int count, bool withPerson)
{
    QList<Recipient> list;
    if (withPerson) {
        list << Recipient{Person, PersonName,
                          QJsonObject{{u"body.1"_s, PersonName}, {u"body.2"_s, u"A-77"_s}}, 2};
    }
    for (int i = 0; i < count; ++i) {
        const QString name = u"Other %1"_s.arg(i);
        list << Recipient{u"+4915200000%1"_s.arg(100 + i), name, QJsonObject{{u"body.1"_s, name}}, 3 + i};
    }
    return list;
}

Campaign campaign(Database &db, const Clock &clock, const QString &name, bool withPerson)
{
    const Campaign c = CampaignStore(db, clock).create({name, u"order_update"_s, u"en_US"_s, {}, {}});
    QueueEngine(db, clock).enqueue(c.id, people(4, withPerson));
    return c;
}

// Claims every row and records: the person's row as `personOutcome` ("sent", "failed" or
// "keep" to leave it ready), the others sent.
void send(Database &db, const Clock &clock, const QString &campaignId, const QString &personOutcome)
{
    CampaignStore(db, clock).transition(campaignId, CampaignStatus::Running);
    QueueEngine engine(db, clock);
    const QList<ClaimedMessage> claimed = engine.claim(campaignId, u"worker-1"_s, 100);
    QList<Outcome> outcomes;
    QList<ClaimedMessage> release;
    for (const ClaimedMessage &m : claimed) {
        if (m.phone != Person) {
            outcomes << Outcome::sent(m, u"wamid.other.%1"_s.arg(m.id));
        } else if (personOutcome == "sent"_L1) {
            outcomes << Outcome::sent(m, u"wamid.person"_s);
        } else if (personOutcome == "failed"_L1) {
            outcomes << Outcome::failed(m, u"131026"_s, u"Message undeliverable to %1"_s.arg(Person), 131026,
                                        u"trace-person"_s);
        } else {
            release << m;
        }
    }
    engine.record(outcomes);
    if (!release.isEmpty()) {
        engine.release(release);
    }
}

// Anything of the person left anywhere in send_queue, in any column.
qint64 traces(Database &db)
{
    const QString digits = Person.mid(1);
    return db
        .scalar(
            u"SELECT count(*) FROM send_queue WHERE phone = ? OR contact_name = ? OR "
            "CAST(params AS TEXT) LIKE ? OR COALESCE(error_details, '') LIKE ? OR COALESCE(wamid, '') = ? "
            "OR COALESCE(fbtrace_id, '') = ?"_s,
            {Person, PersonName, u"%Mustermann%"_s, QString(u'%' + digits + u'%'), u"wamid.person"_s,
             u"trace-person"_s})
        .toLongLong();
}

struct Counts
{
    qint64 total, sent, failed;
    bool operator==(const Counts &) const = default;
};

Counts countsOf(Database &db, const Clock &clock, const QString &id)
{
    const Campaign c = CampaignStore(db, clock).byId(id);
    return {c.totalContacts, c.totalSent, c.totalFailed};
}

void verifyRecount(Database &db, const Clock &clock, const QString &id)
{
    const Campaign c = CampaignStore(db, clock).byId(id);
    const CounterValues r = Counters::recount(db, id);
    QCOMPARE(r.contacts, c.totalContacts);
    QCOMPARE(r.sent, c.totalSent);
    QCOMPARE(r.failed, c.totalFailed);
    const CounterValues h = Counters::historyTotals(db, id);
    QCOMPARE(h.sent, c.totalSent);
    QCOMPARE(h.failed, c.totalFailed);
}

// Every row of other people, as text, to prove they are untouched.
QStringList others(Database &db)
{
    QStringList rows;
    QSqlQuery q =
        db.run(u"SELECT id, phone, contact_name, CAST(params AS TEXT), status, wamid FROM send_queue "
               "WHERE phone <> ? AND phone NOT LIKE 'erased:%' ORDER BY id"_s,
               {Person});
    while (q.next()) {
        QStringList r;
        for (int i = 0; i < 6; ++i) {
            r << q.value(i).toString();
        }
        rows << r.join(u'|');
    }
    return rows;
}

} // namespace

class TestErasure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    // Delivery callbacks kept because they matched no row name the person by their WhatsApp id,
    // in a column and in Meta's object: both go, other people's stay.
    void parkedCallbacksLoseThePersonsIdAndPayload()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const auto callback = [](const QString &wamid, const QString &waId) {
            StatusUpdate u;
            u.wamid = wamid;
            u.status = DeliveryStatus::Delivered;
            u.timestamp = QDateTime::fromSecsSinceEpoch(1750263775, Qt::UTC);
            u.recipientId = waId;
            u.raw = QJsonDocument(QJsonObject{{u"id"_s, wamid},
                                              {u"status"_s, u"delivered"_s},
                                              {u"timestamp"_s, u"1750263775"_s},
                                              {u"recipient_id"_s, waId}})
                        .toJson(QJsonDocument::Compact);
            return u;
        };
        const QString digits = Person.mid(1);
        const DeliveryResult r = DeliveryWriter(db, clock).write(
            {callback(u"wamid.unknown.1"_s, digits), callback(u"wamid.unknown.2"_s, u"4915200000100"_s)});
        QCOMPARE(r.parked, 2);
        const ErasureResult e = Erasure(db, clock).erasePhone(Person, false);
        QCOMPARE(e.webhookEvents, 1);
        const QString like = u'%' + digits + u'%';
        QCOMPARE(
            db.scalar(
                  u"SELECT count(*) FROM webhook_events WHERE recipient = ? OR CAST(payload AS TEXT) LIKE ?"_s,
                  {digits, like})
                .toInt(),
            0);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM webhook_events WHERE recipient = '4915200000100' "
                           "AND payload IS NOT NULL"_s)
                     .toInt(),
                 1);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM webhook_events"_s).toInt(),
                 2); // the callbacks are still known
    }

    void erasingAPersonRemovesTheirDetailsFromEveryCampaignAndKeepsTheCounts()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC));
        const Campaign sent = campaign(db, clock, u"Spring sale"_s, true);
        send(db, clock, sent.id, u"sent"_s);
        const Campaign failed = campaign(db, clock, u"Reminder"_s, true);
        send(db, clock, failed.id, u"failed"_s);
        const Campaign waiting = campaign(db, clock, u"Newsletter"_s, true);
        const Campaign without = campaign(db, clock, u"Others only"_s, false);
        QCOMPARE(traces(db), 3);
        const QStringList othersBefore = others(db);
        const Counts sentBefore = countsOf(db, clock, sent.id);
        const Counts failedBefore = countsOf(db, clock, failed.id);
        const Counts waitingBefore = countsOf(db, clock, waiting.id);
        const Counts withoutBefore = countsOf(db, clock, without.id);
        QCOMPARE(sentBefore, (Counts{5, 5, 0}));
        QCOMPARE(failedBefore, (Counts{5, 4, 1}));

        clock.advanceMs(60000);
        const ErasureResult r = Erasure(db, clock).erasePhone(Person, false);
        QCOMPARE(r.rows, 3);
        QCOMPARE(r.campaigns, 3);
        QCOMPARE(r.withdrawn, 1);
        QVERIFY(!r.optOutAdded);
        QVERIFY(!r.onOptOutList);

        QCOMPARE(traces(db), 0);
        QCOMPARE(others(db), othersBefore);
        QCOMPARE(countsOf(db, clock, sent.id), sentBefore);
        QCOMPARE(countsOf(db, clock, failed.id), failedBefore);
        QCOMPARE(countsOf(db, clock, without.id), withoutBefore);
        // The waiting row will never be sent: it failed as "erased", total and sent unchanged.
        QCOMPARE(countsOf(db, clock, waiting.id),
                 (Counts{waitingBefore.total, waitingBefore.sent, waitingBefore.failed + 1}));
        for (const QString &id : {sent.id, failed.id, waiting.id, without.id}) {
            verifyRecount(db, clock, id);
        }
        // What stays of the rows: status, reason, time and country; the phone is a placeholder.
        QSqlQuery q = db.run(u"SELECT phone, status, error_reason, region, sent_at FROM send_queue "
                             "WHERE phone LIKE 'erased:%' ORDER BY id"_s);
        QStringList kept;
        while (q.next()) {
            QVERIFY(q.value(0).toString().startsWith(Erasure::PhonePrefix));
            QCOMPARE(q.value(3).toString(), u"DE"_s);
            kept << q.value(1).toString() + u'/' + q.value(2).toString() + u'/' +
                        (q.value(4).isNull() ? u"-"_s : u"t"_s);
        }
        QCOMPARE(kept, (QStringList{u"sent//t"_s, u"failed/131026/-"_s, u"failed/erased/-"_s}));

        // Nothing left to erase; the failed rows are never resent to the placeholder.
        QCOMPARE(Erasure(db, clock).erasePhone(Person, false).rows, 0);
        CampaignStore(db, clock).transition(waiting.id, CampaignStatus::Running);
        QueueEngine engine(db, clock);
        const qint64 resent = engine.resend(failed.id, u"all"_s);
        QCOMPARE(resent, 0);
        QCOMPARE(engine.claim(waiting.id, u"worker-1"_s, 100).size(), 4);
    }

    void optOutIsAddedOnlyWhenAskedAndAnExistingOneIsKept()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        campaign(db, clock, u"A"_s, true);
        const ErasureResult r = Erasure(db, clock).erasePhone(Person, true);
        QCOMPARE(r.rows, 1);
        QVERIFY(r.optOutAdded);
        QVERIFY(r.onOptOutList);
        OptOutStore optOuts(db, clock);
        QVERIFY(optOuts.contains(Person));
        // A later import of the person is refused by the opt-out.
        const Campaign later =
            CampaignStore(db, clock).create({u"B"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        const EnqueueResult e = QueueEngine(db, clock).enqueue(later.id, people(0, true));
        QCOMPARE(e.optedOut, 1);
        // Erasing again without --opt-out leaves the list as it is.
        const ErasureResult again = Erasure(db, clock).erasePhone(Person, false);
        QVERIFY(!again.optOutAdded);
        QVERIFY(again.onOptOutList);
    }

    void aMessageInFlightMakesTheErasureRefuseAndChangeNothing()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock;
        const Campaign first = campaign(db, clock, u"Done"_s, true);
        send(db, clock, first.id, u"sent"_s);
        const Campaign c = campaign(db, clock, u"Busy"_s, true);
        CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
        QCOMPARE(QueueEngine(db, clock).claim(c.id, u"worker-1"_s, 100).size(), 5);
        try {
            Erasure(db, clock).erasePhone(Person, true);
            QFAIL("the erasure did not refuse");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
            QVERIFY2(e.message().contains(u"Busy"_s), qPrintable(e.message()));
        }
        // The transaction rolled back: the first campaign's row and the opt-out list are untouched.
        QCOMPARE(traces(db), 2);
        QVERIFY(!OptOutStore(db, clock).contains(Person));
    }

    void retentionPurgesOnlyCampaignsFinishedLongerAgoThanTheSetting()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        ManualClock clock(QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC));
        const Campaign old = campaign(db, clock, u"January"_s, true);
        send(db, clock, old.id, u"failed"_s); // completes on 1 January
        QCOMPARE(CampaignStore(db, clock).byId(old.id).status, CampaignStatus::Completed);
        clock.advanceMs(qint64(10) * 86400000);
        const Campaign cancelled = campaign(db, clock, u"Cancelled early"_s, false);
        CampaignStore(db, clock).transition(cancelled.id, CampaignStatus::Cancelled); // 11 January
        clock.advanceMs(qint64(30) * 86400000);
        const Campaign recent = campaign(db, clock, u"February"_s, true);
        send(db, clock, recent.id, u"sent"_s); // completes on 10 February
        const Campaign open = campaign(db, clock, u"Still open"_s, false);

        AppSettings settings(db);
        QCOMPARE(Retention::days(settings), 0);
        Retention retention(db, clock);
        QCOMPARE(retention.apply().rows, 0); // off by default
        QVERIFY(!SettingKeys::check(SettingKeys::RetentionDays, u"-1"_s).isEmpty());
        QVERIFY(!SettingKeys::check(SettingKeys::RetentionDays, u"soon"_s).isEmpty());
        QVERIFY(SettingKeys::check(SettingKeys::RetentionDays, u"30"_s).isEmpty());
        settings.set(SettingKeys::RetentionDays, u"30"_s);

        const Counts before[] = {countsOf(db, clock, old.id), countsOf(db, clock, cancelled.id),
                                 countsOf(db, clock, recent.id), countsOf(db, clock, open.id)};
        clock.advanceMs(qint64(5) * 86400000); // 15 February: January and 11 January are past 30 days
        const RetentionResult r = retention.apply();
        QCOMPARE(r.days, 30);
        QCOMPARE(r.campaigns, 2);
        QCOMPARE(r.rows, 9);
        auto erasedIn = [&](const QString &id) {
            return db
                .scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND phone LIKE 'erased:%' "
                        "AND contact_name IS NULL"_s,
                        {id})
                .toLongLong();
        };
        QCOMPARE(erasedIn(old.id), 5);
        QCOMPARE(erasedIn(cancelled.id), 4);
        QCOMPARE(erasedIn(recent.id), 0);
        QCOMPARE(erasedIn(open.id), 0);
        const QString ids[] = {old.id, cancelled.id, recent.id, open.id};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(countsOf(db, clock, ids[i]), before[i]);
            verifyRecount(db, clock, ids[i]);
        }
        // Again: nothing more to purge.
        QCOMPARE(retention.apply().rows, 0);
        QCOMPARE(retention.purge(0).rows, 0);
    }
};

QTEST_GUILESS_MAIN(TestErasure)
#include "test_erasure.moc"
