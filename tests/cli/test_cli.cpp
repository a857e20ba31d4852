#include "CliTestUtil.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

QList<Recipient> makeRecipients(int count)
{
    QList<Recipient> list;
    for (int i = 0; i < count; ++i) {
        Recipient r;
        r.phone = u"+4917%1"_s.arg(200000000 + i);
        r.params = QJsonObject{{u"body.1"_s, u"Contact %1"_s.arg(i)}};
        list << r;
    }
    return list;
}

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

// Runs the built herald-cli exactly as a user or script would, once per backend.
class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home; // keeps the child away from the real user's default database

    CliRun cli(const QStringList &args) { return runCli(m_home.path(), args); }

    CliRun cli(TestDatabase &tdb, const QStringList &args)
    {
        return cli(QStringList{u"--db"_s, tdb.url()} + args);
    }

    // Claims every queued message of a running campaign and records the given outcomes in
    // claim order: "sent" or a failure reason (a numeric reason is also the error code).
    static void process(Database &db, const QString &campaignId, const QStringList &outcomes)
    {
        QueueEngine engine(db, Clock::system());
        const auto batch = engine.claim(campaignId, u"test-worker"_s, int(outcomes.size()));
        QCOMPARE(batch.size(), outcomes.size());
        QList<Outcome> list;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const QString &o = outcomes.at(i);
            if (o == "sent"_L1) {
                list << Outcome::sent(batch.at(i), u"wamid.%1"_s.arg(batch.at(i).id));
            } else {
                bool numeric = false;
                const int code = o.toInt(&numeric);
                list << Outcome::failed(batch.at(i), o, u"test"_s,
                                        numeric ? std::optional<int>(code) : std::nullopt);
            }
        }
        engine.record(list);
    }

    static Campaign makeCampaign(Database &db, const QString &name, int recipients)
    {
        CampaignStore store(db, Clock::system());
        const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, {}});
        if (recipients > 0) {
            QueueEngine(db, Clock::system()).enqueue(c.id, makeRecipients(recipients));
        }
        return store.byId(c.id);
    }

    QJsonObject statusOf(TestDatabase &tdb, const QString &name)
    {
        const CliRun r = cli(tdb, {u"status"_s, u"--campaign"_s, name, u"--json"_s});
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        return r.json().value(u"campaigns"_s).toArray().first().toObject();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(QFile::exists(QString::fromUtf8(HERALD_CLI_PATH)), HERALD_CLI_PATH);
    }

    void initCreatesTheSchemaAndRunningItAgainChangesNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        std::unique_ptr<TestDatabase> tdb;
        try {
            tdb = TestDatabase::create(backend, &skip, /*migrate=*/false);
        } catch (const DbError &e) {
            QFAIL(qPrintable(e.message()));
        }
        if (!tdb) {
            QSKIP(qPrintable(skip));
        }

        CliRun r = cli(*tdb, {u"status"_s});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"init"_s), qPrintable(r.describe()));

        r = cli(*tdb, {u"init"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const int latest = Migrator(tdb->db()).latestVersion();
        QVERIFY2(r.out.contains(u"Schema version %1"_s.arg(latest)), qPrintable(r.describe()));
        QVERIFY(r.out.contains(tdb->config().displayName()));

        r = cli(*tdb, {u"init"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"already up to date"_s), qPrintable(r.describe()));

        r = cli(*tdb, {u"init"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json.value(u"applied"_s).toInt(), 0);
        QCOMPARE(json.value(u"version"_s).toInt(), latest);
        QCOMPARE(json.value(u"ok"_s).toBool(), true);
        QCOMPARE(json.value(u"backend"_s).toString(), tdb->isPostgres() ? u"postgresql"_s : u"sqlite"_s);

        r = cli(*tdb, {u"status"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void doctorPassesAFreshSchemaAndNamesADroppedObjectWithCode4()
    {
        HERALD_TEST_DB(tdb);
        CliRun r = cli(*tdb, {u"doctor"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"schema OK (version %1)"_s.arg(Migrator(tdb->db()).latestVersion())),
                 qPrintable(r.describe()));

        const QString dropped =
            tdb->isPostgres() ? u"increment_campaign_sent"_s : u"templates_category_change"_s;
        tdb->db().execDirect(tdb->isPostgres() ? u"DROP FUNCTION increment_campaign_sent(uuid)"_s
                                               : u"DROP TRIGGER templates_category_change"_s);

        r = cli(*tdb, {u"doctor"_s});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(dropped), qPrintable(r.describe()));
        QVERIFY(!r.out.contains(u"schema OK"_s));

        r = cli(*tdb, {u"doctor"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 4);
        const QJsonObject json = r.json();
        QCOMPARE(json.value(u"ok"_s).toBool(), false);
        const QJsonObject problem = json.value(u"problems"_s).toArray().first().toObject();
        QCOMPARE(problem.value(u"kind"_s).toString(), tdb->isPostgres() ? u"function"_s : u"trigger"_s);
        QVERIFY(problem.value(u"object"_s).toString().contains(dropped));

        // Every other command refuses the broken schema the same way, before doing anything.
        r = cli(*tdb, {u"status"_s});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        QVERIFY2(r.err.startsWith(u"herald-cli: "_s) && r.err.contains(dropped), qPrintable(r.describe()));
        QVERIFY(r.out.isEmpty());
        r = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"A"_s, u"--template"_s, u"t"_s, u"--lang"_s,
                       u"en"_s});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!CampaignStore(tdb->db(), Clock::system()).findByName(u"A"_s));

        // init does not recreate what a migration already made; it reports it.
        r = cli(*tdb, {u"init"_s});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        QVERIFY(r.err.contains(dropped));
    }

    void aDatabaseNewerThanTheProgramIsRefusedWithCode4AndLeftUnchanged()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        db.run(u"INSERT INTO herald_schema (version, name, applied_at) VALUES (99, 'from the future', ?)"_s,
               {db.timeValue(QDateTime::currentDateTimeUtc())});
        for (const QString &command : {u"init"_s, u"doctor"_s, u"status"_s}) {
            const CliRun r = cli(*tdb, {command});
            QVERIFY2(r.exitCode == 4, qPrintable(command + u'\n' + r.describe()));
            QVERIFY2(QString(r.out + r.err).contains(u"99"_s), qPrintable(r.describe()));
        }
        QCOMPARE(db.scalar(u"SELECT MAX(version) FROM herald_schema"_s).toInt(), 99);
    }

    void aFileThatIsNotADatabaseExitsWithCode3()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"not-a-database.db"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        for (const QString &command : {u"init"_s, u"status"_s}) {
            const CliRun r = cli({u"--db"_s, path, command});
            QVERIFY2(r.exitCode == 3, qPrintable(command + u'\n' + r.describe()));
            QVERIFY2(r.err.startsWith(u"herald-cli: "_s) && r.err.contains(path), qPrintable(r.err));
        }
    }

    void campaignCreatePrintsTheIdAndStatusJsonHasExactlyTheDocumentedKeys()
    {
        HERALD_TEST_DB(tdb);
        CliRun r = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"Spring sale"_s, u"--template"_s,
                              u"order_update"_s, u"--lang"_s, u"en_US"_s, u"--phone-number-id"_s, u"1234"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString id = r.out.trimmed();
        const auto stored = CampaignStore(tdb->db(), Clock::system()).findByName(u"Spring sale"_s);
        QVERIFY(stored);
        QCOMPARE(id, stored->id);
        QCOMPARE(stored->phoneNumberId, u"1234"_s);

        r = cli(*tdb, {u"status"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject doc = r.json();
        QCOMPARE(doc.keys(), QStringList{u"campaigns"_s});
        const QJsonArray campaigns = doc.value(u"campaigns"_s).toArray();
        QCOMPARE(campaigns.size(), 1);
        const QJsonObject c = campaigns.first().toObject();
        QStringList expected{u"id"_s,
                             u"name"_s,
                             u"status"_s,
                             u"status_reason"_s,
                             u"template"_s,
                             u"language"_s,
                             u"total_contacts"_s,
                             u"total_sent"_s,
                             u"total_failed"_s,
                             u"pending"_s,
                             u"created_at"_s,
                             u"start_time"_s,
                             u"end_time"_s,
                             u"scheduled_at"_s,
                             u"total_delivered"_s,
                             u"total_read"_s,
                             u"total_failed_after_send"_s};
        expected.sort();
        QCOMPARE(sortedKeys(c), expected);
        QCOMPARE(c.value(u"id"_s).toString(), id);
        QCOMPARE(c.value(u"name"_s).toString(), u"Spring sale"_s);
        QCOMPARE(c.value(u"status"_s).toString(), u"draft"_s);
        QVERIFY(c.value(u"status_reason"_s).isNull());
        QCOMPARE(c.value(u"template"_s).toString(), u"order_update"_s);
        QCOMPARE(c.value(u"language"_s).toString(), u"en_US"_s);
        QCOMPARE(c.value(u"total_contacts"_s).toInteger(), 0);
        QCOMPARE(c.value(u"total_sent"_s).toInteger(), 0);
        QCOMPARE(c.value(u"total_failed"_s).toInteger(), 0);
        QCOMPARE(c.value(u"pending"_s).toInteger(), 0);
        const QDateTime created =
            QDateTime::fromString(c.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QCOMPARE(created.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 300);
        QVERIFY(c.value(u"start_time"_s).isNull());
        QVERIFY(c.value(u"end_time"_s).isNull());
        QVERIFY(c.value(u"scheduled_at"_s).isNull());

        // A taken name is refused, not an unexpected error.
        r = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"Spring sale"_s, u"--template"_s, u"t"_s,
                       u"--lang"_s, u"en"_s});
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"already exists"_s));
    }

    void statusShowsRecipientsQueuedByTheEngineWithThousandsSeparators()
    {
        HERALD_TEST_DB(tdb);
        const Campaign c = makeCampaign(tdb->db(), u"Big list"_s, 1500);

        const QJsonObject json = statusOf(*tdb, u"Big list"_s);
        QCOMPARE(json.value(u"id"_s).toString(), c.id);
        QCOMPARE(json.value(u"total_contacts"_s).toInteger(), 1500);
        QCOMPARE(json.value(u"pending"_s).toInteger(), 1500);

        CampaignStore(tdb->db(), Clock::system()).transition(c.id, CampaignStatus::Running);
        process(tdb->db(), c.id, QStringList(20, u"sent"_s) + QStringList(5, u"131026"_s));

        const CliRun r = cli(*tdb, {u"status"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"1,500"_s), qPrintable(r.out)); // total
        QVERIFY2(r.out.contains(u"1,475"_s), qPrintable(r.out)); // pending
        QVERIFY2(r.out.contains(u"1.7%"_s), qPrintable(r.out));  // 25 of 1,500 done
        QVERIFY2(r.out.contains(u"running"_s), qPrintable(r.out));
        QVERIFY(!r.out.contains(u"1500"_s));

        const QJsonObject after = statusOf(*tdb, u"Big list"_s);
        QCOMPARE(after.value(u"total_sent"_s).toInteger(), 20);
        QCOMPARE(after.value(u"total_failed"_s).toInteger(), 5);
        QCOMPARE(after.value(u"pending"_s).toInteger(), 1475);
        QVERIFY(!after.value(u"start_time"_s).isNull());
    }

    void repairDryRunLeavesCountersAloneAndRepairRestoresThem()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, u"Stuck"_s, 5);
        makeCampaign(db, u"Healthy"_s, 0);
        CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        process(db, c.id, {u"sent"_s, u"sent"_s, u"sent"_s, u"131026"_s, u"interrupted"_s});
        // What the seed left behind: counters at zero and a campaign running forever.
        db.run(u"UPDATE campaigns SET total_sent = 0, total_failed = 0, status = 'running', end_time = NULL "
               "WHERE id = ?"_s,
               {c.id});

        CliRun r = cli(*tdb, {u"repair"_s, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QJsonObject json = r.json();
        QCOMPARE(json.value(u"applied"_s).toBool(), false);
        const QJsonArray items = json.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 2);
        QJsonObject stuck;
        for (const QJsonValue &v : items) {
            if (v.toObject().value(u"name"_s).toString() == "Stuck"_L1) {
                stuck = v.toObject();
            } else {
                QCOMPARE(v.toObject().value(u"needs_repair"_s).toBool(), false);
            }
        }
        QCOMPARE(stuck.value(u"needs_repair"_s).toBool(), true);
        QCOMPARE(stuck.value(u"stored"_s).toObject().value(u"sent"_s).toInteger(), 0);
        QCOMPARE(stuck.value(u"recounted"_s).toObject().value(u"sent"_s).toInteger(), 3);
        QCOMPARE(stuck.value(u"recounted"_s).toObject().value(u"failed"_s).toInteger(), 2);
        QCOMPARE(stuck.value(u"status_before"_s).toString(), u"running"_s);
        QCOMPARE(stuck.value(u"status_after"_s).toString(), u"completed"_s);

        r = cli(*tdb, {u"repair"_s, u"--dry-run"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"running → completed"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"needed"_s));

        QJsonObject status = statusOf(*tdb, u"Stuck"_s);
        QCOMPARE(status.value(u"total_sent"_s).toInteger(), 0);
        QCOMPARE(status.value(u"status"_s).toString(), u"running"_s);

        r = cli(*tdb, {u"repair"_s, u"--campaign"_s, u"Stuck"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"repaired"_s), qPrintable(r.out));

        status = statusOf(*tdb, u"Stuck"_s);
        QCOMPARE(status.value(u"total_sent"_s).toInteger(), 3);
        QCOMPARE(status.value(u"total_failed"_s).toInteger(), 2);
        QCOMPARE(status.value(u"status"_s).toString(), u"completed"_s);
        QVERIFY(!status.value(u"end_time"_s).isNull());

        r = cli(*tdb, {u"repair"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        json = r.json();
        QCOMPARE(json.value(u"applied"_s).toBool(), true);
        for (const QJsonValue &v : json.value(u"items"_s).toArray()) {
            QCOMPARE(v.toObject().value(u"needs_repair"_s).toBool(), false);
        }
    }

    void pauseResumeAndCancelFollowTheStateMachineAndRefuseWithCode6()
    {
        HERALD_TEST_DB(tdb);
        makeCampaign(tdb->db(), u"Autumn"_s, 3);
        const QStringList campaign{u"--campaign"_s, u"Autumn"_s};

        CliRun r = cli(*tdb, QStringList{u"pause"_s} + campaign);
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"draft"_s) && r.err.contains(u"paused"_s), qPrintable(r.err));

        r = cli(*tdb, QStringList{u"resume"_s} + campaign);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains(u"draft → running"_s));
        QCOMPARE(statusOf(*tdb, u"Autumn"_s).value(u"status"_s).toString(), u"running"_s);

        r = cli(*tdb, QStringList{u"pause"_s, u"--reason"_s, u"waiting for approval"_s} + campaign);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QJsonObject status = statusOf(*tdb, u"Autumn"_s);
        QCOMPARE(status.value(u"status"_s).toString(), u"paused"_s);
        QCOMPARE(status.value(u"status_reason"_s).toString(), u"waiting for approval"_s);

        r = cli(*tdb, QStringList{u"pause"_s} + campaign);
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"already paused"_s));

        r = cli(*tdb, QStringList{u"resume"_s, u"--json"_s} + campaign);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"status_before"_s).toString(), u"paused"_s);
        QCOMPARE(r.json().value(u"campaign"_s).toObject().value(u"status"_s).toString(), u"running"_s);
        QVERIFY(r.json().value(u"campaign"_s).toObject().value(u"status_reason"_s).isNull());

        r = cli(*tdb, QStringList{u"cancel"_s, u"--reason"_s, u"wrong list"_s} + campaign);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        status = statusOf(*tdb, u"Autumn"_s);
        QCOMPARE(status.value(u"status"_s).toString(), u"cancelled"_s);
        QCOMPARE(status.value(u"status_reason"_s).toString(), u"wrong list"_s);
        QVERIFY(!status.value(u"end_time"_s).isNull());

        r = cli(*tdb, QStringList{u"resume"_s} + campaign);
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY2(r.err.startsWith(u"herald-cli: "_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"cancelled"_s) && r.err.contains(u"running"_s), qPrintable(r.err));
        QCOMPARE(statusOf(*tdb, u"Autumn"_s).value(u"status"_s).toString(), u"cancelled"_s);

        // Nothing queued: starting is refused, too.
        makeCampaign(tdb->db(), u"Empty"_s, 0);
        r = cli(*tdb, {u"resume"_s, u"--campaign"_s, u"Empty"_s});
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
    }

    void resendQueuesFailedMessagesOfOneReasonAgain()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, u"Retry me"_s, 4);
        CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        process(db, c.id, {u"131026"_s, u"sent"_s, u"131026"_s, u"interrupted"_s});
        QCOMPARE(statusOf(*tdb, u"Retry me"_s).value(u"status"_s).toString(), u"completed"_s);

        CliRun r = cli(*tdb, {u"resend"_s, u"--campaign"_s, u"Retry me"_s, u"--reason"_s, u"131026"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"2"_s), qPrintable(r.out));
        QJsonObject status = statusOf(*tdb, u"Retry me"_s);
        QCOMPARE(status.value(u"total_failed"_s).toInteger(), 1);
        QCOMPARE(status.value(u"pending"_s).toInteger(), 2);
        QCOMPARE(status.value(u"status"_s).toString(), u"paused"_s);

        r = cli(*tdb, {u"resend"_s, u"--campaign"_s, u"Retry me"_s, u"--reason"_s, u"131026"_s});
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"131026"_s));

        r = cli(*tdb, {u"resend"_s, u"--campaign"_s, u"Retry me"_s, u"--reason"_s, u"all"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"queued"_s).toInteger(), 1);
        status = statusOf(*tdb, u"Retry me"_s);
        QCOMPARE(status.value(u"total_failed"_s).toInteger(), 0);
        QCOMPARE(status.value(u"pending"_s).toInteger(), 3);

        r = cli(*tdb, {u"resend"_s, u"--campaign"_s, u"Retry me"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"--reason"_s));
    }

    void summaryJsonListsTodaysSentAndFailedPerCampaign()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = makeCampaign(db, u"Daily"_s, 4);
        CampaignStore(db, Clock::system()).transition(c.id, CampaignStatus::Running);
        process(db, c.id, {u"sent"_s, u"sent"_s, u"sent"_s, u"131026"_s});

        CliRun r = cli(*tdb, {u"summary"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json.value(u"days"_s).toInt(), 7);
        const QJsonArray rows = json.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(u"day"_s).toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
        QCOMPARE(row.value(u"campaign"_s).toString(), u"Daily"_s);
        QCOMPARE(row.value(u"campaign_id"_s).toString(), c.id);
        QCOMPARE(row.value(u"sent"_s).toInteger(), 3);
        QCOMPARE(row.value(u"failed"_s).toInteger(), 1);

        r = cli(*tdb, {u"summary"_s, u"--days"_s, u"1"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"Daily"_s), qPrintable(r.out));

        r = cli(*tdb, {u"summary"_s, u"--days"_s, u"-3"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    }

    void anUnknownCampaignExitsWithCode5()
    {
        HERALD_TEST_DB(tdb);
        const QList<QStringList> commands{
            {u"status"_s, u"--campaign"_s, u"Nope"_s},
            {u"repair"_s, u"--campaign"_s, u"Nope"_s},
            {u"pause"_s, u"--campaign"_s, u"Nope"_s},
            {u"resume"_s, u"--campaign"_s, u"Nope"_s},
            {u"cancel"_s, u"--campaign"_s, u"Nope"_s},
            {u"resend"_s, u"--campaign"_s, u"Nope"_s, u"--reason"_s, u"all"_s},
        };
        for (const QStringList &args : commands) {
            const CliRun r = cli(*tdb, args);
            QVERIFY2(r.exitCode == 5, qPrintable(args.join(u' ') + u'\n' + r.describe()));
            QVERIFY2(r.err.contains(u"no campaign named \"Nope\""_s), qPrintable(r.err));
        }
    }

    void unknownCommandsOptionsAndMissingOptionsExitWithCode2()
    {
        HERALD_TEST_DB(tdb);
        CliRun r = cli(*tdb, {u"frobnicate"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"unknown command \"frobnicate\""_s));
        QVERIFY(r.out.isEmpty());

        r = cli(*tdb, {u"status"_s, u"--frobnicate"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));

        r = cli(*tdb, {u"pause"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"--campaign"_s));

        r = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"X"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(u"--template"_s));

        r = cli(*tdb, {u"campaign"_s, u"explode"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));

        r = cli(*tdb, {u"status"_s, u"extra"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));

        r = cli({});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    }

    void anUnreachablePostgresExitsWithCode3WithoutShowingThePassword()
    {
        for (const QString &command : {u"init"_s, u"doctor"_s, u"status"_s}) {
            const CliRun r = cli({u"--db"_s, u"postgresql://herald:x@127.0.0.1:1/none"_s, command});
            QVERIFY2(r.exitCode == 3, qPrintable(command + u'\n' + r.describe()));
            QVERIFY2(r.err.startsWith(u"herald-cli: "_s), qPrintable(r.err));
            QVERIFY2(r.err.contains(u"postgresql://herald@127.0.0.1:1/none"_s), qPrintable(r.err));
            QVERIFY2(!QString(r.out + r.err).contains(u"herald:x@"_s), qPrintable(r.err));
        }
        // The same with the database given through the environment and a findable password.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HERALD_DB"_s, u"postgresql://herald:Sup3rSecretPw@127.0.0.1:1/none"_s);
        p.setProcessEnvironment(env);
        p.start(QString::fromUtf8(HERALD_CLI_PATH), {u"doctor"_s});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 3);
        const QString all =
            QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(!all.contains(u"Sup3rSecretPw"_s), qPrintable(all));
    }

    void helpForTheProgramAndEveryCommandExitsZeroAndListsItsOptions()
    {
        const QList<QPair<QString, QStringList>> commands{
            {u"init"_s, {u"--db"_s, u"--json"_s}},
            {u"doctor"_s, {u"--db"_s, u"--json"_s}},
            {u"status"_s, {u"--campaign"_s, u"--json"_s}},
            {u"repair"_s, {u"--campaign"_s, u"--dry-run"_s, u"--json"_s}},
            {u"summary"_s, {u"--days"_s, u"--json"_s}},
            {u"campaign"_s, {u"create"_s, u"--name"_s, u"--template"_s, u"--lang"_s, u"--phone-number-id"_s}},
            {u"pause"_s, {u"--campaign"_s, u"--reason"_s}},
            {u"resume"_s, {u"--campaign"_s, u"--reason"_s}},
            {u"cancel"_s, {u"--campaign"_s, u"--reason"_s}},
            {u"resend"_s, {u"--campaign"_s, u"--reason"_s}},
        };
        CliRun r = cli({u"--help"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.startsWith(u"Usage: herald-cli "_s));
        QVERIFY(r.out.contains(u"Exit codes:"_s));
        for (const auto &[command, options] : commands) {
            QVERIFY2(r.out.contains(u"  "_s + command + u"  "_s), qPrintable(command));
        }
        for (const auto &[command, options] : commands) {
            r = cli({command, u"--help"_s});
            QVERIFY2(r.exitCode == 0, qPrintable(command + u'\n' + r.describe()));
            QVERIFY2(r.out.startsWith(u"Usage: herald-cli "_s + command), qPrintable(r.out));
            QVERIFY2(r.out.contains(u"Exit codes:"_s), qPrintable(r.out));
            for (const QString &option : options) {
                QVERIFY2(r.out.contains(option), qPrintable(command + u": "_s + option + u'\n' + r.out));
            }
        }
        r = cli({u"--version"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), u"herald-cli "_s + QString::fromUtf8(HERALD_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
