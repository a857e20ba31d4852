// Moving a desktop's SQLite database to PostgreSQL (MoveToPostgres, `herald-cli migrate`): a
// source with campaigns in every state and a row in every table the move copies arrives row for
// row — every column of every table compared after reading both sides back — in one
// transaction; the source is left as it was; a non-empty target, a live sender and a broken row
// each refuse with nothing moved.
#include "../queue/QueueTestUtil.h"
#include "TestDatabase.h"
#include "db/AppSettings.h"
#include "db/MoveToPostgres.h"
#include "optout/OptOutStore.h"
#include "pricing/CostEstimator.h"
#include "pricing/RateCardStore.h"
#include "queue/DailySummary.h"
#include "queue/NumberPool.h"
#include "queue/Schedule.h"
#include "sender/SenderPresence.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"
#include "templates/TemplateStore.h"
#include "webhook/DeliveryWriter.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// One cell as both databases should agree on it: times as UTC instants, JSON parsed, numbers
// as numbers, booleans as 0/1.
QString normalized(const QVariant &v)
{
    if (v.isNull()) {
        return u"NULL"_s;
    }
    if (v.typeId() == QMetaType::QDateTime) {
        return v.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    }
    if (v.typeId() == QMetaType::Bool) {
        return v.toBool() ? u"1"_s : u"0"_s;
    }
    const QString s = v.toString();
    const QDateTime t = Database::readTime(v);
    if (t.isValid() && s.size() >= 19 && s.at(4) == u'-' && s.at(10) == u'T') {
        return t.toString(Qt::ISODateWithMs);
    }
    if (s.startsWith(u'{') || s.startsWith(u'[')) {
        const QJsonDocument doc = QJsonDocument::fromJson(s.toUtf8());
        if (!doc.isNull()) {
            return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
        }
    }
    bool isNumber = false;
    const double d = s.toDouble(&isNumber);
    if (isNumber) {
        return QString::number(d, 'g', 15);
    }
    return s;
}

// Every row of the table, its columns in `columns` order, sorted: the comparison's one side.
QStringList dump(Database &db, const QString &table, const QStringList &columns)
{
    QStringList rows;
    QSqlQuery q = db.run(u"SELECT "_s + columns.join(u", "_s) + u" FROM "_s + table);
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < columns.size(); ++i) {
            cells << normalized(q.value(i));
        }
        rows << cells.join(u" | "_s);
    }
    rows.sort();
    return rows;
}

QStringList sqliteColumns(Database &db, const QString &table)
{
    QStringList out;
    QSqlQuery q = db.run(u"SELECT name FROM pragma_table_info(?)"_s, {table});
    while (q.next()) {
        out << q.value(0).toString();
    }
    return out;
}

StatusUpdate status(const QString &wamid, DeliveryStatus s)
{
    StatusUpdate u;
    u.wamid = wamid;
    u.status = s;
    u.timestamp = QDateTime::currentDateTimeUtc().addSecs(-60);
    u.recipientId = u"4915100000001"_s;
    u.phoneNumberId = u"1065"_s;
    u.raw = R"({"id":"x"})";
    return u;
}

// A desktop's database after some weeks of use: a campaign in every state, sent, failed,
// delivered, read and late-failed rows, templates, opt-outs, settings, summaries, a rate card
// and a cost estimate, a parked callback and its source, a schedule.
void fill(Database &db)
{
    const Clock &clock = Clock::system();
    CampaignStore store(db, clock);
    QueueEngine engine(db, clock);
    makeCampaign(db, clock, u"Draft \"quoted\" 'name' ✓"_s, 20);
    const Campaign scheduled = makeCampaign(db, clock, u"Scheduled"_s, 10);
    Schedule(db, clock).schedule(scheduled.id, QDateTime::currentDateTimeUtc().addDays(3));

    const Campaign running = makeCampaign(db, clock, u"Running"_s, 50);
    store.transition(running.id, CampaignStatus::Running);
    const auto batch = engine.claim(running.id, u"desk/1/a"_s, 30);
    QList<Outcome> outcomes;
    QList<StatusUpdate> statuses;
    for (int i = 0; i < batch.size(); ++i) {
        const ClaimedMessage &m = batch.at(i);
        if (i < 20) {
            const QString wamid = u"wamid.move.%1"_s.arg(m.id);
            outcomes << Outcome::sent(m, wamid);
            statuses << status(wamid, i < 10 ? DeliveryStatus::Read : DeliveryStatus::Delivered);
        } else if (i < 25) {
            Outcome o;
            o.id = m.id;
            o.campaignId = m.campaignId;
            o.claimedBy = m.claimedBy;
            o.claim = m.claim;
            o.kind = Outcome::Kind::Failed;
            o.errorCode = 131026;
            o.reason = u"131026"_s;
            o.details = u"Message undeliverable"_s;
            outcomes << o;
        } // the last five stay processing: a sender that died holding them
    }
    engine.record(outcomes);
    StatusUpdate late = status(u"wamid.move.%1"_s.arg(batch.at(19).id), DeliveryStatus::Failed);
    late.errors << WebhookError{131049, u"Message not delivered"_s, u"This message was not delivered"_s, {}};
    statuses.removeLast();
    statuses << late << status(u"wamid.nobody"_s, DeliveryStatus::Delivered); // parked
    DeliveryWriter(db, clock).write(statuses);

    const Campaign paused = makeCampaign(db, clock, u"Paused"_s, 10);
    store.transition(paused.id, CampaignStatus::Running);
    store.transition(paused.id, CampaignStatus::Paused, u"paused by the user"_s);
    const Campaign done = makeCampaign(db, clock, u"Completed"_s, 5);
    store.transition(done.id, CampaignStatus::Running);
    QList<Outcome> all;
    for (const ClaimedMessage &m : engine.claim(done.id, u"desk/1/a"_s, 5)) {
        all << Outcome::sent(m, u"wamid.done.%1"_s.arg(m.id));
    }
    engine.record(all);
    // From a pool of two numbers, one taken out and its recipients moved to the other.
    const Campaign pooled = makeCampaign(db, clock, u"Pooled"_s, 6);
    NumberPool pool(db, clock);
    pool.set(pooled.id, {u"1065"_s, u"2077"_s});
    pool.takeOut(pooled.id, u"2077"_s, u"The account is temporarily blocked for policy violations. (368)"_s);
    pool.reassign(pooled.id, {}, u"herald-cli on desk"_s);
    const Campaign cancelled = makeCampaign(db, clock, u"Cancelled"_s, 5);
    store.transition(cancelled.id, CampaignStatus::Running);
    store.transition(cancelled.id, CampaignStatus::Cancelled);

    TemplateRecord t;
    t.name = u"order_update"_s;
    t.language = u"en_US"_s;
    t.status = u"APPROVED"_s;
    t.category = u"UTILITY"_s;
    t.components = QJsonDocument::fromJson(R"([{"type":"BODY","text":"Hi {{1}}"}])").array();
    TemplateStore templates(db, clock);
    templates.upsert(t);
    t.category = u"MARKETING"_s; // a category change: previous_category and its time
    templates.upsert(t);
    OptOutStore optOuts(db, clock);
    optOuts.add(u"+4915199999999"_s, OptOutStore::Source::Manual, u"asked by phone"_s);
    AppSettings(db).set(u"api.phone_number_id"_s, u"1065"_s);
    PhoneNumberStore(db, clock).add(u"1065"_s, 250, u"Main line"_s);
    NumberHealth health;
    health.id = u"1065"_s;
    health.verifiedName = u"Herald Demo Shop"_s;
    health.qualityRating = u"GREEN"_s;
    health.messagingLimitTier = u"TIER_2K"_s;
    health.status = u"CONNECTED"_s;
    health.throughputLevel = u"STANDARD"_s;
    health.checkedAt = QDateTime::currentDateTimeUtc();
    NumberHealthStore(db, clock).save({health});
    DailySummary(db, clock).refresh();
    RateCardStore(db, clock).ensureExample();
    CostEstimator(db, clock).estimateAndStore(running.id);
    SenderPresence(db, clock).announce(u"desk/1/a"_s, SenderKind::Console);
    SenderPresence(db, clock).withdraw(u"desk/1/a"_s); // gone: the move may go ahead
}

} // namespace

class TestMoveToPostgres : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_source;

    std::unique_ptr<TestDatabase> target(QString *skip)
    {
        return TestDatabase::create(u"postgresql"_s, skip, false);
    }

private Q_SLOTS:
    void init()
    {
        QString skip;
        m_source = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(m_source, qPrintable(skip));
        fill(m_source->db());
    }

    void everyTableArrivesRowForRowAndTheSourceIsLeftAsItWas()
    {
        QString skip;
        auto pg = target(&skip);
        if (!pg) {
            QSKIP(qPrintable(skip));
        }
        Database &src = m_source->db();
        const QStringList copied = [&] {
            QStringList names;
            QSqlQuery q = src.run(
                u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"_s);
            while (q.next()) {
                if (!MoveToPostgres::skippedTables().contains(q.value(0).toString())) {
                    names << q.value(0).toString();
                }
            }
            return names;
        }();
        QHash<QString, QStringList> before;
        for (const QString &table : copied) {
            before.insert(table, dump(src, table, sqliteColumns(src, table)));
            // Otherwise the comparison below would prove nothing for that table.
            QVERIFY2(!before.value(table).isEmpty(),
                     qPrintable(u"the fixture leaves table %1 empty"_s.arg(table)));
        }

        const MoveResult r = MoveToPostgres::move(m_source->config(), pg->config());
        QVERIFY2(r.ok(), qPrintable(r.schema.lines().join(u'\n') + r.counterMismatches.join(u", "_s)));
        QCOMPARE(r.tables.size(), copied.size());

        for (const QString &table : copied) {
            const QStringList columns = sqliteColumns(src, table);
            QCOMPARE(dump(pg->db(), table, columns), before.value(table));
            QCOMPARE(dump(src, table, columns), before.value(table)); // the source as it was
        }
        // The copy works as a database: a new campaign and row take ids past the copied ones,
        // and the running campaign goes on sending there.
        const Campaign more = makeCampaign(pg->db(), Clock::system(), u"After the move"_s, 3);
        QCOMPARE(more.totalContacts, 3);
        const Campaign running = CampaignStore(pg->db(), Clock::system()).byName(u"Running"_s);
        QCOMPARE(running.totalSent, 20);
        QCOMPARE(running.totalDelivered, 19);
        QCOMPARE(running.totalRead, 10);
        QCOMPARE(running.totalFailedAfterSend, 1);
        QCOMPARE(QueueEngine(pg->db(), Clock::system()).claim(running.id, u"team/2/b"_s, 100).size(), 20);
        QVERIFY(countersMatch(pg->db(), Clock::system(), running.id));
    }

    void aTargetThatIsNotEmptyIsRefusedAndKeepsWhatItHeld()
    {
        QString skip;
        auto pg = target(&skip);
        if (!pg) {
            QSKIP(qPrintable(skip));
        }
        pg->migrate();
        makeCampaign(pg->db(), Clock::system(), u"Already here"_s, 2);
        // An older Herald's team database (before migration 9; what 010 changed is left, only its
        // record goes): refused without being upgraded.
        pg->db().execDirect(u"DROP TABLE phone_numbers"_s);
        pg->db().run(u"DELETE FROM herald_schema WHERE version >= 9"_s);
        try {
            MoveToPostgres::move(m_source->config(), pg->config());
            QFAIL("a database holding a campaign was written into");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
            QVERIFY2(e.message().contains(u"campaigns (1 rows)"_s), qPrintable(e.message()));
        }
        QCOMPARE(pg->db().scalar(u"SELECT count(*) FROM campaigns"_s).toLongLong(), 1);
        QCOMPARE(pg->db().scalar(u"SELECT count(*) FROM send_queue"_s).toLongLong(), 2);
        QVERIFY(pg->db().scalar(u"SELECT to_regclass('phone_numbers') IS NULL"_s).toBool());
        QCOMPARE(pg->db().scalar(u"SELECT max(version) FROM herald_schema"_s).toInt(), 8);
    }

    void aLiveSenderOnTheSourceRefusesTheMove()
    {
        QString skip;
        auto pg = target(&skip);
        if (!pg) {
            QSKIP(qPrintable(skip));
        }
        SenderPresence(m_source->db(), Clock::system()).announce(u"desk/9/z"_s, SenderKind::Run);
        try {
            MoveToPostgres::move(m_source->config(), pg->config());
            QFAIL("moved while a sender was writing to the source");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
            QVERIFY2(e.message().contains(u"stop it first"_s), qPrintable(e.message()));
        }
        // Refused before the target was touched at all: not even its schema was created.
        QCOMPARE(pg->db()
                     .scalar(u"SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"_s)
                     .toLongLong(),
                 0);
    }

    void aRowPostgreSqlCannotHoldRollsBackEverythingAndNamesIt()
    {
        QString skip;
        auto pg = target(&skip);
        if (!pg) {
            QSKIP(qPrintable(skip));
        }
        // SQLite keeps what it is given; PostgreSQL's text cannot hold a NUL character.
        const qint64 id = m_source->db().scalar(u"SELECT max(id) FROM send_queue"_s).toLongLong();
        m_source->db().run(u"UPDATE send_queue SET contact_name = 'Ann' || char(0) || 'e' WHERE id = ?"_s,
                           {id});
        try {
            MoveToPostgres::move(m_source->config(), pg->config());
            QFAIL("a NUL character reached PostgreSQL");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains(u"send_queue"_s), qPrintable(e.message()));
        }
        for (const QString &table : {u"campaigns"_s, u"send_queue"_s, u"templates"_s, u"opt_outs"_s}) {
            QCOMPARE(pg->db().scalar(u"SELECT count(*) FROM "_s + table).toLongLong(), 0);
        }
    }

    void theCommandLineMovesAndReportsAsJson()
    {
        QString skip;
        auto pg = target(&skip);
        if (!pg) {
            QSKIP(qPrintable(skip));
        }
        QProcess cli;
        cli.start(QString::fromUtf8(HERALD_CLI_PATH),
                  {u"migrate"_s, u"--from"_s, TestDatabase::sqlitePath(*m_source), u"--to"_s, pg->url(),
                   u"--json"_s});
        QVERIFY(cli.waitForFinished(120'000));
        const QByteArray out = cli.readAllStandardOutput();
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QVERIFY(o.value(u"rows"_s).toInteger() > 100);
        QVERIFY2(!out.contains(pg->config().password().toUtf8()) || pg->config().password().isEmpty(),
                 "the password was printed");

        // Again: the target is no longer empty, exit code 6 (refused) and a message on stderr.
        QProcess again;
        again.start(QString::fromUtf8(HERALD_CLI_PATH),
                    {u"migrate"_s, u"--from"_s, TestDatabase::sqlitePath(*m_source), u"--to"_s, pg->url()});
        QVERIFY(again.waitForFinished(120'000));
        QCOMPARE(again.exitCode(), 6);
        QVERIFY(again.readAllStandardError().contains("not empty"));
    }
};

QTEST_GUILESS_MAIN(TestMoveToPostgres)
#include "test_movetopostgres.moc"
