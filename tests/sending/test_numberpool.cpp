// A campaign sent from a pool of phone numbers, end to end through the real HTTP stack against
// the simulator (three numbers of one account), on SQLite and PostgreSQL:
// - each recipient is sent from one number, the one stored with its row (given when the pool is
//   set, or at the first claim for contacts added later);
// - a number Meta refuses (368) leaves the pool with the reason while the others go on; its
//   recipients wait, nothing is moved without `herald-cli campaign reassign`, which is
//   recorded, and the campaign then completes from the other numbers, nobody messaged twice;
// - the last number of a pool stops the campaign as one number would; a number Meta reports
//   FLAGGED leaves the pool before anything goes from it;
// - SendPlanner sends from the active numbers, each at its own ceiling, and refuses when none
//   is left; `status --json` shows each number's share and the reassignments.
#include "../cli/CliTestUtil.h"
#include "SenderTestUtil.h"
#include "queue/NumberPool.h"
#include "sender/SendPlanner.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
const QString kB = u"200000000000002"_s;
const QString kC = u"300000000000003"_s;

// The number each row is assigned to, by recipient key (digits).
QHash<QString, QString> assignedNumbers(Database &db, const QString &campaignId)
{
    QHash<QString, QString> out;
    QSqlQuery q =
        db.run(u"SELECT phone, phone_number_id FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
    while (q.next()) {
        out.insert(RequestLog::recipientKey(q.value(0).toString()), q.value(1).toString());
    }
    return out;
}

SenderConfig poolConfig(const TestDatabase &tdb, const CloudApiSimulator &sim, const QString &campaignId,
                        const QStringList &numbers)
{
    SenderConfig cfg = senderConfigFor(tdb, sim, campaignId);
    cfg.rate = 200;
    for (const QString &n : numbers) {
        cfg.pool << SenderConfig::PoolNumber{n, 200};
    }
    return cfg;
}

PoolNumber member(Database &db, const QString &campaignId, const QString &id)
{
    for (const PoolNumber &n : NumberPool(db, Clock::system()).of(campaignId)) {
        if (n.id == id) {
            return n;
        }
    }
    return {};
}
} // namespace

class TestNumberPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    // Created with its pool in one transaction: a pool that cannot be stored leaves no campaign.
    void aCampaignIsCreatedWithItsPoolOrNotAtAll()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        CampaignStore store(db, Clock::system());
        const QString kA = u"100000000000001"_s;
        const Campaign c = store.create({u"Pooled"_s, u"order_update"_s, u"en_US"_s, {}, {}}, {kA, kB});
        QCOMPARE(c.phoneNumberId, kA);
        const QList<PoolNumber> pool = NumberPool(db, Clock::system()).of(c.id);
        QCOMPARE(pool.size(), 2);
        QCOMPARE(pool.at(1).id, kB);
        const auto refused = [&](const NewCampaign &spec, const QStringList &numbers) {
            try {
                store.create(spec, numbers);
            } catch (const DbError &e) {
                return e.kind() == DbError::Kind::Refused;
            }
            return false;
        };
        QVERIFY(refused({u"Twice"_s, u"order_update"_s, u"en_US"_s, {}, {}}, {kA, kA}));
        QVERIFY(refused({u"Both"_s, u"order_update"_s, u"en_US"_s, kA, {}}, {kA, kB}));
        QVERIFY(refused({u"Pooled"_s, u"order_update"_s, u"en_US"_s, {}, {}}, {kB, kC}));
        QCOMPARE(db.scalar(u"SELECT count(*) FROM campaigns"_s).toInt(), 1);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM campaign_numbers"_s).toInt(), 2);
    }

    void aRefusedNumberLeavesThePoolAndItsRecipientsWaitUntilMoved()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        SimulatorConfig sc;
        sc.latencyMs = 5;
        sc.extraPhoneNumberIds = {kB, kC};
        sc.numberFaults = {NumberFault{kB, 30, 368}};
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const QString kA = sim.config().phoneNumberId;
        const Campaign c = makeCampaign(db, Clock::system(), u"Pool"_s, 300);
        NumberPool(db, Clock::system()).set(c.id, {kA, kB, kC});
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).phoneNumberId, kA);
        // Assigned before anything is sent, round robin by row: a third each.
        const QHash<QString, QString> before = assignedNumbers(db, c.id);
        QCOMPARE(before.size(), 300);
        QCOMPARE(int(std::count(before.cbegin(), before.cend(), kB)), 100);

        Sender sender;
        const SendResult first = runToEnd(sender, poolConfig(*tdb, sim, c.id, {kA, kB, kC}), 60'000);
        QCOMPARE(SendResult::endName(first.end), SendResult::endName(SendResult::End::Paused));
        QVERIFY2(first.reason.contains(u"taken out of the campaign's pool"_s) && first.reason.contains(kB),
                 qPrintable(first.reason));
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).status, CampaignStatus::Paused);
        const PoolNumber out = member(db, c.id, kB);
        QVERIFY(!out.active);
        QVERIFY2(out.outReason.contains(u"(368)"_s), qPrintable(out.outReason));
        QVERIFY(member(db, c.id, kA).active && member(db, c.id, kC).active);
        QCOMPARE(sim.log().acceptedFrom(kB), 30);
        QCOMPARE(sim.log().acceptedFrom(kA) + sim.log().acceptedFrom(kC), 200);
        // Nothing was moved: B's other 70 wait, unsent and not failed.
        QCOMPARE(countWhere(db, u"status = 'ready' AND phone_number_id = '%1'"_s.arg(kB)), 70);
        QCOMPARE(countWhere(db, u"status = 'failed'"_s), 0);
        QCOMPARE(assignedNumbers(db, c.id), before);
        QVERIFY(countersMatch(db, Clock::system(), c.id));

        // herald-cli shows each number's share, then moves them (recorded).
        QTemporaryDir home;
        const CliRun status = runCli(
            home.path(), {u"--db"_s, tdb->url(), u"status"_s, u"--campaign"_s, u"Pool"_s, u"--json"_s});
        QVERIFY2(status.exitCode == 0, qPrintable(status.describe()));
        const QJsonObject shown = QJsonDocument::fromJson(status.out.toUtf8())
                                      .object()
                                      .value(u"campaigns"_s)
                                      .toArray()
                                      .first()
                                      .toObject();
        const QJsonArray numbers = shown.value(u"numbers"_s).toArray();
        QCOMPARE(numbers.size(), 3);
        QCOMPARE(numbers.at(1).toObject().value(u"id"_s).toString(), kB);
        QCOMPARE(numbers.at(1).toObject().value(u"state"_s).toString(), u"out"_s);
        QCOMPARE(numbers.at(1).toObject().value(u"waiting"_s).toInteger(), 70);
        QCOMPARE(numbers.at(1).toObject().value(u"sent"_s).toInteger(), 30);
        QCOMPARE(numbers.at(1).toObject().value(u"rate_per_second"_s).toDouble(),
                 0.5); // 30 in the last minute
        QVERIFY(numbers.at(1).toObject().value(u"out_reason"_s).toString().contains(u"368"_s));
        QCOMPARE(shown.value(u"reassignments"_s).toArray().size(), 0);
        const CliRun stillIn = runCli(home.path(), {u"--db"_s, tdb->url(), u"campaign"_s, u"reassign"_s,
                                                    u"--campaign"_s, u"Pool"_s, u"--from"_s, kA});
        QCOMPARE(stillIn.exitCode, 6); // refused: A is still in the pool
        QVERIFY2(stillIn.err.contains(u"still in the pool"_s), qPrintable(stillIn.describe()));
        const CliRun moved = runCli(
            home.path(), {u"--db"_s, tdb->url(), u"campaign"_s, u"reassign"_s, u"--campaign"_s, u"Pool"_s});
        QVERIFY2(moved.exitCode == 0 && moved.out.contains(u"moved 70 recipients of %1"_s.arg(kB)),
                 qPrintable(moved.describe()));
        const QList<Reassignment> recorded = NumberPool(db, Clock::system()).reassignments(c.id);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().from, kB);
        QCOMPARE(recorded.first().to, (QStringList{kA, kC}));
        QCOMPARE(recorded.first().moved, 70);
        QVERIFY(recorded.first().by.startsWith(u"herald-cli on "_s));
        QCOMPARE(countWhere(db, u"phone_number_id = '%1' AND status = 'ready'"_s.arg(kB)), 0);

        // Resumed from the numbers left: it completes, nobody messaged twice.
        const SendResult second = runToEnd(sender, poolConfig(*tdb, sim, c.id, {kA, kC}), 60'000);
        QCOMPARE(SendResult::endName(second.end), SendResult::endName(SendResult::End::Completed));
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).totalSent, 300);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
        const QHash<QString, QString> after = assignedNumbers(db, c.id);
        const auto recipients = sim.log().recipients();
        QCOMPARE(recipients.size(), 300);
        for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
            QVERIFY2(it->accepted == 1, qPrintable(it.key()));
            // Every request to a recipient went from its stored number, except the refused
            // ones from B before the move.
            const QString number = after.value(it.key());
            QVERIFY(number == kA || number == kC || (number == kB && before.value(it.key()) == kB));
            QCOMPARE(it->numbers.last(), number);
            for (const QString &from : it->numbers) {
                QVERIFY2(from == number || (from == kB && before.value(it.key()) == kB),
                         qPrintable(it->numbers.join(u',')));
            }
        }
    }

    void theLastNumberOfAPoolStopsTheCampaignAsOneNumberWould()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        SimulatorConfig sc;
        sc.latencyMs = 5;
        sc.extraPhoneNumberIds = {kB};
        sc.numberFaults = {NumberFault{sc.phoneNumberId, 10, 131048}, NumberFault{kB, 20, 131048}};
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const QString kA = sim.config().phoneNumberId;
        const Campaign c = makeCampaign(db, Clock::system(), u"Two"_s, 100);
        NumberPool(db, Clock::system()).set(c.id, {kA, kB});
        Sender sender;
        const SendResult r = runToEnd(sender, poolConfig(*tdb, sim, c.id, {kA, kB}), 60'000);
        QCOMPARE(SendResult::endName(r.end), SendResult::endName(SendResult::End::Stopped));
        QVERIFY2(r.reason.contains(u"131048"_s), qPrintable(r.reason));
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).status, CampaignStatus::Stopped);
        QVERIFY(!member(db, c.id, kA).active); // the first refused left the pool
        QVERIFY(member(db, c.id, kB).active);  // the last one stays: the campaign stopped instead
        QCOMPARE(sim.log().totals().accepted, 30);
        QCOMPARE(countWhere(db, u"status = 'processing'"_s), 0);
        QVERIFY(countersMatch(db, Clock::system(), c.id));
    }

    void contactsAddedAfterThePoolWasSetGetTheirNumberWhenFirstClaimed()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        SimulatorConfig sc;
        sc.latencyMs = 5;
        sc.extraPhoneNumberIds = {kB};
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const QString kA = sim.config().phoneNumberId;
        const Campaign c = makeCampaign(db, Clock::system(), u"Later"_s, 10);
        NumberPool(db, Clock::system()).set(c.id, {kA, kB});
        QueueEngine(db, Clock::system()).enqueue(c.id, makeRecipients(30, 5000));
        QCOMPARE(countWhere(db, u"phone_number_id IS NULL"_s), 30);
        Sender sender;
        const SendResult r = runToEnd(sender, poolConfig(*tdb, sim, c.id, {kA, kB}), 60'000);
        QCOMPARE(SendResult::endName(r.end), SendResult::endName(SendResult::End::Completed));
        QCOMPARE(countWhere(db, u"phone_number_id IS NULL"_s), 0);
        QVERIFY(sim.log().acceptedFrom(kA) > 0 && sim.log().acceptedFrom(kB) > 0);
        const QHash<QString, QString> stored = assignedNumbers(db, c.id);
        const auto recipients = sim.log().recipients();
        QCOMPARE(recipients.size(), 40);
        for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
            QCOMPARE(it->accepted, 1);
            QCOMPARE(it->numbers, QStringList{stored.value(it.key())});
        }
        QVERIFY(countersMatch(db, Clock::system(), c.id));
    }

    void aNumberMetaReportsFlaggedLeavesThePoolBeforeItSends()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        SimulatorConfig sc;
        sc.latencyMs = 5;
        sc.extraPhoneNumberIds = {kB};
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const QString kA = sim.config().phoneNumberId;
        const Campaign c = makeCampaign(db, Clock::system(), u"Flagged"_s, 60);
        NumberPool(db, Clock::system()).set(c.id, {kA, kB});
        NumberHealth h; // what the last health check said about B
        h.id = kB;
        h.qualityRating = u"RED"_s;
        h.messagingLimitTier = u"TIER_2K"_s;
        h.status = u"FLAGGED"_s;
        h.checkedAt = QDateTime::currentDateTimeUtc();
        NumberHealthStore(db, Clock::system()).save({h});
        Sender sender;
        const SendResult r = runToEnd(sender, poolConfig(*tdb, sim, c.id, {kA, kB}), 60'000);
        QCOMPARE(SendResult::endName(r.end), SendResult::endName(SendResult::End::Paused));
        QVERIFY2(r.reason.contains(kB) && r.reason.contains(u"FLAGGED"_s), qPrintable(r.reason));
        QCOMPARE(sim.log().acceptedFrom(kB), 0); // nothing went from it
        QCOMPARE(sim.log().acceptedFrom(kA), 30);
        const PoolNumber b = member(db, c.id, kB);
        QVERIFY(!b.active);
        QVERIFY2(b.outReason.contains(u"FLAGGED"_s), qPrintable(b.outReason));
        QCOMPARE(countWhere(db, u"status = 'ready' AND phone_number_id = '%1'"_s.arg(kB)), 30);
    }

    // A number out of the pool is out of the plan too, even the campaign's first one: its low
    // ceiling does not refuse a run's rate, its health warns of nothing; the active numbers'
    // ceilings and health count instead.
    void thePlannerLeavesANumberOutOfThePoolOutOfItsChecks()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString kA = u"100000000000001"_s;
        PhoneNumberStore numbers(db, Clock::system());
        numbers.add(kA, 40, u"Slow"_s);
        numbers.add(kB, 200, {});
        numbers.add(kC, 150, {});
        NumberHealth h;
        h.id = kA;
        h.qualityRating = u"RED"_s;
        h.status = u"CONNECTED"_s;
        h.checkedAt = QDateTime::currentDateTimeUtc();
        NumberHealthStore(db, Clock::system()).save({h});
        const Campaign c = makeCampaign(db, Clock::system(), u"First out"_s, 10);
        NumberPool pool(db, Clock::system());
        pool.set(c.id, {kA, kB, kC});
        ApiSettings api;
        api.setAccessToken(u"token"_s);
        const SendPlanner planner(db, Clock::system());
        // The template was never synced here: that refusal is not this test's.
        const auto aboveCeiling = [](const SendPlan &p) {
            return p.refusals.filter(u"above the ceiling"_s);
        };
        SendPlan plan = planner.plan(CampaignStore(db, Clock::system()).byId(c.id), api, 100);
        QVERIFY2(aboveCeiling(plan).join(u'\n').contains(kA),
                 qPrintable(plan.refusals.join(u'\n'))); // 100 > 40
        QVERIFY2(plan.warnings.join(u'\n').contains(u"RED"_s), qPrintable(plan.warnings.join(u'\n')));

        QVERIFY(pool.takeOut(c.id, kA, u"Meta reported the number RESTRICTED"_s));
        plan = planner.plan(CampaignStore(db, Clock::system()).byId(c.id), api, 100);
        QVERIFY2(aboveCeiling(plan).isEmpty(), qPrintable(plan.refusals.join(u'\n')));
        QCOMPARE(plan.config.api.phoneNumberId(), kB);
        QCOMPARE(plan.config.pool.size(), 2);
        QCOMPARE(plan.config.pool.at(0).rate, 100.0);
        QCOMPARE(plan.config.pool.at(1).rate, 100.0);
        QCOMPARE(plan.config.poolOut, QStringList{kA});
        const QString warned = plan.warnings.join(u'\n');
        QVERIFY2(!warned.contains(u"RED"_s) && warned.contains(u"Taken out of the campaign's pool"_s),
                 qPrintable(warned));
        // Above an active number's ceiling: refused, naming it.
        plan = planner.plan(CampaignStore(db, Clock::system()).byId(c.id), api, 180);
        QCOMPARE(aboveCeiling(plan).size(), 1);
        QVERIFY2(aboveCeiling(plan).first().contains(kC) && aboveCeiling(plan).first().contains(u"150"_s),
                 qPrintable(plan.refusals.join(u'\n')));
    }

    void thePlannerSendsFromTheActiveNumbersAtTheirCeilings()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString kA = u"100000000000001"_s;
        PhoneNumberStore numbers(db, Clock::system());
        numbers.add(kA, 120, u"Sales"_s);
        numbers.add(kB, 60, u"Support"_s);
        const Campaign c = makeCampaign(db, Clock::system(), u"Planned"_s, 10);
        NumberPool pool(db, Clock::system());
        QCOMPARE(NumberPool::idsProblem({kA}).isEmpty(), false);     // one number is not a pool
        QCOMPARE(NumberPool::idsProblem({kA, kA}).isEmpty(), false); // named twice
        QCOMPARE(NumberPool::idsProblem({kA, u"+49 151"_s}).isEmpty(), false);
        pool.set(c.id, {kA, kB, kC});
        ApiSettings api;
        api.setAccessToken(u"token"_s);
        api.setPhoneNumberId(u"999"_s); // the settings' default number: the pool's first wins
        SendPlan plan =
            SendPlanner(db, Clock::system()).plan(CampaignStore(db, Clock::system()).byId(c.id), api);
        QCOMPARE(plan.config.pool.size(), 3);
        QCOMPARE(plan.config.pool.at(0).id, kA);
        QCOMPARE(plan.config.pool.at(0).rate, 120.0);
        QCOMPARE(plan.config.pool.at(1).rate, 60.0);
        QCOMPARE(plan.config.api.phoneNumberId(), kA);

        QVERIFY(pool.takeOut(c.id, kC, u"Meta limits this number (131048)"_s));
        QVERIFY(!pool.takeOut(c.id, kC, u"again"_s)); // once
        plan = SendPlanner(db, Clock::system()).plan(CampaignStore(db, Clock::system()).byId(c.id), api);
        QCOMPARE(plan.config.pool.size(), 2);
        QVERIFY2(plan.warnings.join(u'\n').contains(u"Taken out of the campaign's pool: %1"_s.arg(kC)),
                 qPrintable(plan.warnings.join(u'\n')));

        pool.takeOut(c.id, kA, u"368"_s);
        pool.takeOut(c.id, kB, u"368"_s);
        plan = SendPlanner(db, Clock::system()).plan(CampaignStore(db, Clock::system()).byId(c.id), api);
        QVERIFY2(
            plan.refusals.join(u'\n').contains(u"Every phone number of the campaign's pool was taken out"_s),
            qPrintable(plan.refusals.join(u'\n')));
        try {
            pool.reassign(c.id, {}, u"test"_s);
            QFAIL("a reassignment with no number left was accepted");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
        }
        // Chosen before sending only.
        CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        try {
            pool.set(c.id, {kA, kB});
            QFAIL("a running campaign's pool was changed");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
        }
    }
};

QTEST_GUILESS_MAIN(TestNumberPool)
#include "test_numberpool.moc"
