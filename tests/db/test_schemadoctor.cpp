#include "DbTestUtil.h"
#include "TestDatabase.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
// "kind:object" for each problem, e.g. "index:send_queue_pending_idx".
QStringList problemKeys(const SchemaReport &report)
{
    QStringList out;
    for (const SchemaProblem &p : report.problems) {
        out << SchemaDoctor::kindName(p.kind) + u':' + p.object;
    }
    return out;
}
} // namespace

// Invariant 5: start-up refuses a schema that lacks anything, and says precisely what.
class TestSchemaDoctor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aFreshSchemaIsHealthy()
    {
        HERALD_TEST_DB(tdb);
        const SchemaReport report = SchemaDoctor(tdb->db()).check();
        QVERIFY2(report.ok(), qPrintable(report.lines().join(u'\n')));
        QVERIFY(report.lines().isEmpty());
        QCOMPARE(report.version, report.expectedVersion);
        QVERIFY(report.version >= 1);
    }

    void eachMissingOrBrokenObjectIsFoundAndNamed_data()
    {
        QTest::addColumn<bool>("postgresOnly");
        QTest::addColumn<QStringList>("sqliteDamage");
        QTest::addColumn<QStringList>("postgresDamage");
        // Each expected problem as "kind:object" (an object ending in '(' matches any arguments).
        QTest::addColumn<QStringList>("expected");

        auto both = [](const char *tag, const QString &sql, const QStringList &expected) {
            QTest::newRow(tag) << false << QStringList{sql} << QStringList{sql} << expected;
        };
        auto pgOnly = [](const char *tag, const QStringList &sql, const QStringList &expected) {
            QTest::newRow(tag) << true << QStringList{} << sql << expected;
        };

        both("index send_queue_pending_idx", u"DROP INDEX send_queue_pending_idx"_s,
             {u"index:send_queue_pending_idx"_s});
        both("index send_queue_failed_idx", u"DROP INDEX send_queue_failed_idx"_s,
             {u"index:send_queue_failed_idx"_s});
        both("index send_queue_region_idx", u"DROP INDEX send_queue_region_idx"_s,
             {u"index:send_queue_region_idx"_s});
        // The done index has the pending index's columns: each is missed by name.
        both("index send_queue_done_idx", u"DROP INDEX send_queue_done_idx"_s,
             {u"index:send_queue_done_idx"_s});
        // Delivery tracking (schema 7): callbacks find their row by wamid, counters recount by
        // campaign, and parked callbacks wait in a table of their own.
        both("index send_queue_wamid_idx", u"DROP INDEX send_queue_wamid_idx"_s,
             {u"index:send_queue_wamid_idx"_s});
        // delivered and read share their columns: each is missed by name.
        both("index send_queue_delivered_idx", u"DROP INDEX send_queue_delivered_idx"_s,
             {u"index:send_queue_delivered_idx"_s});
        both("index send_queue_read_idx", u"DROP INDEX send_queue_read_idx"_s,
             {u"index:send_queue_read_idx"_s});
        both("index send_queue_late_failed_idx", u"DROP INDEX send_queue_late_failed_idx"_s,
             {u"index:send_queue_late_failed_idx"_s});
        // SQLite refuses to drop an indexed column; PostgreSQL drops its indexes with it.
        QTest::newRow("column send_queue.read_at and its index")
            << false
            << QStringList{u"DROP INDEX send_queue_read_idx"_s,
                           u"ALTER TABLE send_queue DROP COLUMN read_at"_s}
            << QStringList{u"ALTER TABLE send_queue DROP COLUMN read_at"_s}
            << QStringList{u"column:send_queue.read_at"_s, u"index:send_queue_read_idx"_s};
        both("column campaigns.total_delivered", u"ALTER TABLE campaigns DROP COLUMN total_delivered"_s,
             {u"column:campaigns.total_delivered"_s});
        both("table webhook_events and its indexes", u"DROP TABLE webhook_events"_s,
             {u"table:webhook_events"_s, u"index:webhook_events_wamid_idx"_s,
              u"index:webhook_events_row_idx"_s});
        both("table webhook_sources", u"DROP TABLE webhook_sources"_s,
             {u"table:webhook_sources"_s, u"index:webhook_sources primary key (phone_number_id)"_s});
        QTest::newRow("trigger templates_category_change")
            << false << QStringList{u"DROP TRIGGER templates_category_change"_s}
            << QStringList{u"DROP TRIGGER templates_category_change ON templates"_s}
            << QStringList{u"trigger:templates_category_change"_s};
        both("table opt_outs", u"DROP TABLE opt_outs"_s, {u"table:opt_outs"_s});
        QTest::newRow("column send_queue.wamid and its index")
            << false
            << QStringList{u"DROP INDEX send_queue_wamid_idx"_s,
                           u"ALTER TABLE send_queue DROP COLUMN wamid"_s}
            << QStringList{u"ALTER TABLE send_queue DROP COLUMN wamid"_s}
            << QStringList{u"column:send_queue.wamid"_s, u"index:send_queue_wamid_idx"_s};
        both("table send_queue and with it its indexes", u"DROP TABLE send_queue"_s,
             {u"table:send_queue"_s, u"index:send_queue_pending_idx"_s, u"index:send_queue_failed_idx"_s,
              u"index:send_queue_region_idx"_s, u"index:send_queue_done_idx"_s,
              u"index:send_queue_wamid_idx"_s, u"index:send_queue_delivered_idx"_s,
              u"index:send_queue_read_idx"_s, u"index:send_queue_late_failed_idx"_s,
              u"index:send_queue unique (campaign_id, phone)"_s});
        both("table rate_card_prices", u"DROP TABLE rate_card_prices"_s, {u"table:rate_card_prices"_s});

        pgOnly("disabled trigger templates_category_change",
               {u"ALTER TABLE templates DISABLE TRIGGER templates_category_change"_s},
               {u"trigger:templates_category_change"_s});
        pgOnly("unique constraint on send_queue (campaign_id, phone)",
               {u"ALTER TABLE send_queue DROP CONSTRAINT send_queue_campaign_id_phone_key"_s},
               {u"index:send_queue unique (campaign_id, phone)"_s});
        pgOnly("function increment_campaign_sent", {u"DROP FUNCTION increment_campaign_sent(uuid)"_s},
               {u"function:increment_campaign_sent("_s});
        pgOnly("function increment_campaign_failed", {u"DROP FUNCTION increment_campaign_failed(uuid)"_s},
               {u"function:increment_campaign_failed("_s});
        pgOnly("function upsert_template",
               {u"DROP FUNCTION upsert_template(text, text, text, text, jsonb, text)"_s},
               {u"function:upsert_template("_s});
        pgOnly("function refresh_daily_summary", {u"DROP FUNCTION refresh_daily_summary(date)"_s},
               {u"function:refresh_daily_summary("_s});
        pgOnly("function herald_sync_campaign", {u"DROP FUNCTION herald_sync_campaign(uuid)"_s},
               {u"function:herald_sync_campaign("_s});
        // The trigger function cannot go alone: CASCADE takes the trigger with it, and the
        // doctor must name both.
        pgOnly("function detect_template_category_change and its trigger",
               {u"DROP FUNCTION detect_template_category_change() CASCADE"_s},
               {u"function:detect_template_category_change("_s, u"trigger:templates_category_change"_s});
        // The seed's failure mode in a different guise: the function exists, but not the one
        // the writers call.
        pgOnly("function increment_campaign_sent with the wrong signature",
               {u"DROP FUNCTION increment_campaign_sent(uuid)"_s,
                u"CREATE FUNCTION increment_campaign_sent(_campaign_id text) RETURNS void LANGUAGE sql "
                "AS $$ SELECT $$"_s},
               {u"function:increment_campaign_sent("_s});
        pgOnly("two seed functions at once (the seed's incident)",
               {u"DROP FUNCTION increment_campaign_sent(uuid)"_s,
                u"DROP FUNCTION increment_campaign_failed(uuid)"_s},
               {u"function:increment_campaign_sent("_s, u"function:increment_campaign_failed("_s});
        pgOnly("EXECUTE granted to PUBLIC",
               {u"GRANT EXECUTE ON FUNCTION increment_campaign_sent(uuid) TO PUBLIC"_s},
               {u"privilege:increment_campaign_sent"_s});
    }
    void eachMissingOrBrokenObjectIsFoundAndNamed()
    {
        QFETCH(bool, postgresOnly);
        QFETCH(QStringList, sqliteDamage);
        QFETCH(QStringList, postgresDamage);
        QFETCH(QStringList, expected);
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        if (postgresOnly && !db.isPostgres()) {
            QSKIP("PostgreSQL-only damage: SQLite has no stored functions, grants or disabled triggers");
        }
        QVERIFY2(SchemaDoctor(db).check().ok(), "the schema must be healthy before the damage");
        for (const QString &sql : db.isPostgres() ? postgresDamage : sqliteDamage) {
            db.execDirect(sql);
        }

        const SchemaReport report = SchemaDoctor(db).check();
        QVERIFY(!report.ok());
        const QStringList got = problemKeys(report);
        const QString all = report.lines().join(u'\n');
        QVERIFY2(got.size() == expected.size(), qPrintable(all));
        for (const QString &want : expected) {
            const bool anyArguments = want.endsWith(u'(');
            const bool found = std::any_of(got.cbegin(), got.cend(), [&](const QString &g) {
                return anyArguments ? g.startsWith(want) : g == want;
            });
            QVERIFY2(found, qPrintable(u"expected %1 in:\n%2"_s.arg(want, all)));
            // The report a user reads names the object.
            const QString object = want.section(u':', 1).section(u'(', 0, 0);
            QVERIFY2(all.contains(object), qPrintable(all));
        }
        // A damaged schema is still the current version: the doctor does not blame the version.
        QCOMPARE(report.version, report.expectedVersion);
    }

    void aFunctionWithTheWrongSignatureIsReportedWithWhatWasFound()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        if (!db.isPostgres()) {
            QSKIP("PostgreSQL only: SQLite has no stored functions");
        }
        db.execDirect(u"DROP FUNCTION refresh_daily_summary(date)"_s);
        db.execDirect(u"CREATE FUNCTION refresh_daily_summary(_since timestamptz) RETURNS void LANGUAGE sql "
                      "AS $$ SELECT $$"_s);
        const SchemaReport report = SchemaDoctor(db).check();
        QCOMPARE(report.problems.size(), 1);
        const SchemaProblem &p = report.problems.first();
        QCOMPARE(p.kind, SchemaProblem::Kind::Function);
        QCOMPARE(p.object, u"refresh_daily_summary(_since date)"_s);
        QVERIFY2(p.message.contains(u"wrong signature"_s), qPrintable(p.message));
        QVERIFY2(p.message.contains(u"_since timestamp with time zone"_s), qPrintable(p.message));
    }

    void executeGrantedToPublicIsAPrivilegeProblem()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        if (!db.isPostgres()) {
            QSKIP("PostgreSQL only: SQLite has no grants");
        }
        db.execDirect(u"GRANT EXECUTE ON FUNCTION increment_campaign_sent(uuid) TO PUBLIC"_s);
        const SchemaReport report = SchemaDoctor(db).check();
        QCOMPARE(report.problems.size(), 1);
        const SchemaProblem &p = report.problems.first();
        QCOMPARE(p.kind, SchemaProblem::Kind::Privilege);
        QCOMPARE(p.object, u"increment_campaign_sent"_s);
        QVERIFY2(p.message.contains(u"PUBLIC"_s), qPrintable(p.message));
        QVERIFY2(report.lines().join(u'\n').startsWith(u"privilege increment_campaign_sent"_s),
                 qPrintable(report.lines().join(u'\n')));

        db.execDirect(u"REVOKE EXECUTE ON FUNCTION increment_campaign_sent(uuid) FROM PUBLIC"_s);
        QVERIFY(SchemaDoctor(db).check().ok());
    }

    void anEmptyDatabaseHasNoHeraldSchema()
    {
        HERALD_TEST_EMPTY_DB(tdb);
        const SchemaReport report = SchemaDoctor(tdb->db()).check();
        QCOMPARE(report.version, 0);
        QVERIFY(report.expectedVersion >= 1);
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().kind, SchemaProblem::Kind::Version);
        QVERIFY2(report.problems.first().message.contains(u"no Herald schema"_s),
                 qPrintable(report.problems.first().message));
        // Looking is not touching: the doctor created nothing.
        QVERIFY(userTables(tdb->db()).isEmpty());
    }

    void aVersionNewerThanTheProgramIsReported()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const int latest = Migrator(db).latestVersion();
        db.run(u"INSERT INTO herald_schema (version, name, applied_at) VALUES (?, 'future', ?)"_s,
               {latest + 1, db.timeValue(QDateTime::currentDateTimeUtc())});
        const SchemaReport report = SchemaDoctor(db).check();
        QCOMPARE(report.version, latest + 1);
        QCOMPARE(report.expectedVersion, latest);
        QCOMPARE(problemKeys(report), QStringList{u"version:herald_schema"_s});
        const QString message = report.problems.first().message;
        QVERIFY2(message.contains(QString::number(latest + 1)), qPrintable(message));
        QVERIFY2(message.contains(QString::number(latest)), qPrintable(message));
        QVERIFY2(message.contains(u"newer"_s), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestSchemaDoctor)
#include "test_schemadoctor.moc"
