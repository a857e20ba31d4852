// The kill harness for the one-transaction commands: `herald-cli import` of a big CSV and
// `herald-cli repair` with much to fix, SIGKILLed while they hold their write transaction open
// (a probe on the database tells the moment). An import promises all or nothing: a killed one
// leaves no rows, unchanged counters and no rejects file, and a re-run imports every contact
// once. A repair killed mid-apply leaves either the old state or the fully repaired one, never a
// mix, and a re-run repairs everything. SQLite and PostgreSQL; HERALD_KILL_FULL=1 for more kills
// on a bigger file, HERALD_KILL_SEED to replay.
#include "../queue/QueueTestUtil.h"
#include "../secrets/SecretSearch.h"
#include "KillHarness.h"
#include "db/Clock.h"
#include "import/ContactImporter.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/Repair.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
qint64 rowsOf(Database &db, const QString &campaignId)
{
    return db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ?"_s, {campaignId}).toLongLong();
}

// Everything a repair may change, per campaign: counters, status and the history's sums.
QMap<QString, QString> campaignState(Database &db)
{
    QMap<QString, QString> state;
    const QList<Campaign> all = CampaignStore(db, Clock::system()).list();
    for (const Campaign &c : all) {
        const CounterValues h = Counters::historyTotals(db, c.id);
        state.insert(c.id, u"%1/%2/%3 %4 history %5/%6"_s.arg(c.totalContacts)
                               .arg(c.totalSent)
                               .arg(c.totalFailed)
                               .arg(CampaignStatusMachine::toString(c.status))
                               .arg(h.sent)
                               .arg(h.failed));
    }
    return state;
}

// Kills the child once it holds a write transaction, `extraMs` after the probe saw it write.
// False when the child ended before (nothing was killed).
bool killWhileWriting(Child &child, WriteProbe &probe, int extraMs)
{
    if (!waitFor([&] { return !child.isRunning() || probe.otherIsWriting(); }, 120'000, 1)) {
        return false;
    }
    if (extraMs > 0) {
        QTest::qWait(extraMs);
    }
    if (!child.kill()) {
        return false;
    }
    // PostgreSQL ends the killed client's transaction once it notices the closed connection.
    return waitFor([&] { return !probe.otherIsWriting(); }, 30'000);
}
} // namespace

class TestKillTransactions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void anImportKilledMidFileLeavesNothingAndARerunImportsEveryoneOnce()
    {
        HERALD_TEST_DB(tdb);
        const KillSize size = killSize(60'000, 3, 300'000, 10);
        const quint64 seed = killSeed("test_killtransactions import");
        std::mt19937_64 rng(seed);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        Database &db = tdb->db();
        const Campaign target =
            CampaignStore(db, Clock::system()).create({u"Imported"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        const Campaign bystander = readyCampaign(db, u"Already queued"_s, 300, 7'000'000);

        // A big CSV with a few rows to reject, so the import has a report to write.
        const QString folder = home.path() + u"/files"_s;
        QVERIFY(QDir().mkpath(folder));
        const QString csv = folder + u"/contacts.csv"_s;
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray bytes = "phone,First Name,City\n";
            for (int i = 0; i < size.messages; ++i) {
                bytes += "+4917" + QByteArray::number(100000000 + i) + ",Contact " + QByteArray::number(i) +
                         ",Berlin\n";
                if (i % 10'000 == 0) {
                    bytes += "not a number,Nobody,Nowhere\n";
                }
            }
            f.write(bytes);
        }
        const QStringList args{u"--db"_s,       tdb->url(),  u"import"_s,  csv,
                               u"--campaign"_s, target.name, u"--param"_s, u"body.1=First Name"_s};
        const QString cli = QString::fromUtf8(HERALD_CLI_PATH);
        WriteProbe probe(*tdb);
        int kills = 0;
        int maxExtraMs = 1500;
        for (int attempt = 0; kills < size.kills && attempt < size.kills * 4; ++attempt) {
            Child child(cli, args, home.path(), uniqueToken(), u"import.out"_s);
            QVERIFY(child.start());
            const int extra = std::uniform_int_distribution<int>(0, maxExtraMs)(rng);
            // An import that committed is not what this test is after: undo it, its rows and its
            // report of rows not imported alike, and try again sooner.
            const auto undoCommitted = [&] {
                QVERIFY(db.run(u"DELETE FROM send_queue WHERE campaign_id = ?"_s, {target.id}).isActive());
                Repair(db, Clock::system()).apply(target.id);
                QFile::remove(ContactImporter::defaultRejectsPath(csv));
                maxExtraMs /= 2;
            };
            if (!killWhileWriting(child, probe, extra)) {
                QCOMPARE(child.finish(10'000), 0); // it finished first
                QVERIFY(QFile::exists(ContactImporter::defaultRejectsPath(csv)));
                undoCommitted();
                continue;
            }
            if (rowsOf(db, target.id) == size.messages) {
                undoCommitted(); // the kill came just after the commit: all or nothing held
                continue;
            }
            ++kills;
            // Nothing left behind: no rows, counters as before, the campaign as it was, nobody
            // else's rows touched, no rejects report and no half-written file beside the input.
            QCOMPARE(rowsOf(db, target.id), 0);
            const Campaign after = CampaignStore(db, Clock::system()).byId(target.id);
            QCOMPARE(after.totalContacts, 0);
            QCOMPARE(after.status, CampaignStatus::Draft);
            QCOMPARE(rowsOf(db, bystander.id), 300);
            QVERIFY(countersMatch(db, Clock::system(), target.id));
            QVERIFY(countersMatch(db, Clock::system(), bystander.id));
            const QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden);
            QVERIFY2(files == QStringList{u"contacts.csv"_s},
                     qPrintable(u"left beside the input: "_s + files.join(u", "_s)));
        }
        QVERIFY2(kills > 0, "no kill landed inside the import: the test proved nothing");

        // A re-run imports everyone once; a second re-run adds nobody.
        Child rerun(cli, args, home.path(), uniqueToken(), u"import.out"_s);
        QVERIFY(rerun.start());
        QVERIFY2(rerun.finish(600'000) == 0, qPrintable(rerun.output()));
        QCOMPARE(rowsOf(db, target.id), qint64(size.messages));
        QCOMPARE(
            db.scalar(u"SELECT count(DISTINCT phone) FROM send_queue WHERE campaign_id = ?"_s, {target.id})
                .toLongLong(),
            qint64(size.messages));
        QVERIFY(countersMatch(db, Clock::system(), target.id));
        QCOMPARE(CampaignStore(db, Clock::system()).byId(target.id).totalContacts, qint64(size.messages));
        QVERIFY(QFile::exists(folder + u"/contacts.rejects.csv"_s));
        Child again(cli, args, home.path(), uniqueToken(), u"import.out"_s);
        QVERIFY(again.start());
        QVERIFY2(again.finish(600'000) == 0, qPrintable(again.output()));
        QCOMPARE(rowsOf(db, target.id), qint64(size.messages));
        QVERIFY(countersMatch(db, Clock::system(), target.id));
        qInfo("%d rows imported after %d kills inside the import's transaction", size.messages, kills);
    }

    void aRepairKilledMidApplyLeavesTheOldStateOrTheRepairedOne()
    {
        HERALD_TEST_DB(tdb);
        const KillSize size = killSize(200, 3, 1000, 10); // campaigns to repair, kills
        const quint64 seed = killSeed("test_killtransactions repair");
        std::mt19937_64 rng(seed);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        Database &db = tdb->db();

        // Campaigns whose rows changed behind their counters' back (as the seed lost them): half of
        // each campaign's rows sent, without counters or history; every third campaign entirely sent
        // and left running, which repair completes.
        const QVariant now = db.timeValue(Clock::system().now());
        for (int i = 0; i < size.messages; ++i) {
            const Campaign c = readyCampaign(db, u"Damaged %1"_s.arg(i), 100, i * 100);
            const QString which = i % 3 == 0 ? u""_s : u" AND source_line % 2 = 0"_s;
            db.run(
                u"UPDATE send_queue SET status = 'sent', sent_at = ?, updated_at = ? WHERE campaign_id = ?"_s +
                    which,
                {now, now, c.id});
            if (i % 3 == 0) {
                db.run(u"UPDATE campaigns SET status = 'running' WHERE id = ?"_s, {c.id});
            }
        }
        const QMap<QString, QString> before = campaignState(db);
        const QList<RepairItem> needed = Repair(db, Clock::system()).analyze();
        QCOMPARE(needed.size(), size.messages);
        QVERIFY(
            std::all_of(needed.cbegin(), needed.cend(), [](const RepairItem &i) { return i.needsRepair(); }));

        const QString cli = QString::fromUtf8(HERALD_CLI_PATH);
        const QStringList args{u"--db"_s, tdb->url(), u"repair"_s};
        WriteProbe probe(*tdb);
        int kills = 0;
        for (int attempt = 0; attempt < size.kills; ++attempt) {
            Child child(cli, args, home.path(), uniqueToken(), u"repair.out"_s);
            QVERIFY(child.start());
            // The first kill as soon as the repair writes, the later ones a little further in.
            const int extra = attempt == 0 ? 0 : std::uniform_int_distribution<int>(0, 15)(rng);
            const bool killed = killWhileWriting(child, probe, extra);
            if (killed && campaignState(db) == before) {
                ++kills; // rolled back: the old state, whole
                continue;
            }
            // It committed before the kill (or ended by itself): then everything is repaired,
            // nothing half, and there is nothing left to kill a repair for.
            if (!killed) {
                QCOMPARE(child.finish(10'000), 0);
            }
            const QList<RepairItem> left = Repair(db, Clock::system()).analyze();
            QVERIFY2(
                std::none_of(left.cbegin(), left.cend(), [](const RepairItem &i) { return i.needsRepair(); }),
                "a killed repair left a mix of old and repaired campaigns");
            break;
        }
        QVERIFY2(kills > 0, "no kill landed inside the repair: the test proved nothing");

        Child rerun(cli, args, home.path(), uniqueToken(), u"repair.out"_s);
        QVERIFY(rerun.start());
        QVERIFY2(rerun.finish(600'000) == 0, qPrintable(rerun.output()));
        const QList<RepairItem> left = Repair(db, Clock::system()).analyze();
        QVERIFY(
            std::none_of(left.cbegin(), left.cend(), [](const RepairItem &i) { return i.needsRepair(); }));
        for (const RepairItem &i : needed) {
            QVERIFY(countersMatch(db, Clock::system(), i.campaignId));
        }
        qInfo("%d campaigns repaired after %d kills inside the repair's transaction", size.messages, kills);
    }
};

QTEST_GUILESS_MAIN(TestKillTransactions)
#include "test_killtransactions.moc"
