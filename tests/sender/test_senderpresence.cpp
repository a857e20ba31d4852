// Who sends a campaign: one live sender at a time, a silent one is taken over, a dead process
// of this machine at once — on SQLite and PostgreSQL, with time moved by a ManualClock.
#include "../queue/QueueTestUtil.h"
#include "sender/SenderPresence.h"
#include "sender/WorkerIdentity.h"

#include <QSysInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace std::chrono_literals;

namespace {
// An id shaped like WorkerIdentity's for another, live process on another host.
QString remoteSender(const QString &name)
{
    return u"remote-host-%1/4242/00000001"_s.arg(name);
}
} // namespace

class TestSenderPresence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void oneLiveSenderHoldsACampaignAndOthersAreRefused()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        SenderPresence presence(db, clock, 10s);
        const QString a = remoteSender(u"a"_s);
        const QString b = remoteSender(u"b"_s);
        presence.announce(a, SenderKind::Console);
        presence.announce(b, SenderKind::Run);
        QCOMPARE(presence.acquire(c.id, a).id, a);
        QCOMPARE(presence.acquire(c.id, a).id, a); // taking it again changes nothing
        const SenderInfo refused = presence.acquire(c.id, b);
        QCOMPARE(refused.id, a);
        QVERIFY(refused.live);
        QCOMPARE(refused.kind, SenderKind::Console);
        QCOMPARE(refused.host, u"remote-host-a"_s);
        QCOMPARE(refused.pid, 4242);
        QVERIFY(refused.describe(clock.now()).contains(u"remote-host-a"_s));
        QCOMPARE(presence.holder(c.id)->id, a);
        QCOMPARE(presence.holders().value(c.id).id, a);
        // Heard again within the staleness: still a's.
        clock.advanceMs(8000);
        QCOMPARE(presence.heartbeat(a, SenderKind::Console), QStringList{c.id});
        clock.advanceMs(8000);
        QCOMPARE(presence.acquire(c.id, b).id, a);
    }

    void aSilentSendersCampaignIsTakenOverAndItLearnsSoAtItsNextHeartbeat()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        SenderPresence presence(db, clock, 10s);
        const QString a = remoteSender(u"a"_s);
        const QString b = remoteSender(u"b"_s);
        presence.announce(a, SenderKind::Console);
        QCOMPARE(presence.acquire(c.id, a).id, a);
        clock.advanceMs(11'000); // a has not been heard for longer than the staleness
        presence.announce(b, SenderKind::Console);
        QVERIFY(!presence.isLive(a));
        QCOMPARE(presence.acquire(c.id, b).id, b);
        QCOMPARE(presence.heartbeat(a, SenderKind::Console), QStringList{});
        QCOMPARE(presence.heartbeat(b, SenderKind::Console), QStringList{c.id});
    }

    void aDeadProcessOfThisMachineIsTakenOverAtOnce()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        SenderPresence presence(db, clock, 10s);
        // A process id that is not running here (pid_max is far below it).
        const QString dead = u"%1/%2/0000dead"_s.arg(QSysInfo::machineHostName()).arg(2'000'000'000);
        QVERIFY(WorkerIdentity::isDeadLocalWorker(dead));
        presence.announce(dead, SenderKind::Run);
        QCOMPARE(presence.acquire(c.id, dead).id, dead);
        const QString me = WorkerIdentity::makeId();
        WorkerIdentity::registerLive(me);
        presence.announce(me, SenderKind::Console);
        QCOMPARE(presence.acquire(c.id, me).id, me); // no waiting for its heartbeat to go stale
        QCOMPARE(presence.senders().size(), 1);
        WorkerIdentity::unregisterLive(me);
    }

    void releasingAndWithdrawingFreeTheCampaign()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, clock, u"A"_s, 1);
        const Campaign d = makeCampaign(db, clock, u"B"_s, 1);
        SenderPresence presence(db, clock, 10s);
        const QString a = remoteSender(u"a"_s);
        const QString b = remoteSender(u"b"_s);
        presence.announce(a, SenderKind::Console);
        presence.announce(b, SenderKind::Console);
        QCOMPARE(presence.acquire(c.id, a).id, a);
        QCOMPARE(presence.acquire(d.id, a).id, a);
        presence.release(c.id, a);
        QVERIFY(!presence.holder(c.id));
        QCOMPARE(presence.acquire(c.id, b).id, b);
        presence.withdraw(a); // a clean exit gives up everything at once
        QCOMPARE(presence.acquire(d.id, b).id, b);
        QCOMPARE(presence.senders().size(), 1);
        // A deleted campaign takes its hold with it.
        db.run(u"DELETE FROM campaigns WHERE id = ?"_s, {d.id});
        QCOMPARE(presence.heartbeat(b, SenderKind::Console), QStringList{c.id});
    }

    void aHoldTakenOnOneConnectionIsSeenOnAnother()
    {
        HERALD_TEST_DB(tdb);
        ManualClock clock;
        const Campaign c = makeCampaign(tdb->db(), clock, u"Race"_s, 1);
        const std::unique_ptr<Database> other = tdb->open(u"other"_s);
        SenderPresence one(tdb->db(), clock, 10s);
        SenderPresence two(*other, clock, 10s);
        const QString a = remoteSender(u"a"_s);
        const QString b = remoteSender(u"b"_s);
        one.announce(a, SenderKind::Console);
        two.announce(b, SenderKind::Console);
        const SenderInfo first = one.acquire(c.id, a);
        const SenderInfo second = two.acquire(c.id, b);
        QCOMPARE(first.id, a);
        QCOMPARE(second.id, a);
    }
};

QTEST_GUILESS_MAIN(TestSenderPresence)
#include "test_senderpresence.moc"
