#include "DbTestUtil.h"
#include "TestDatabase.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
const QStringList kHeraldTables = {u"app_settings"_s,
                                   u"campaign_holds"_s,
                                   u"campaign_minutes"_s,
                                   u"campaign_numbers"_s,
                                   u"campaigns"_s,
                                   u"cost_estimates"_s,
                                   u"daily_summary"_s,
                                   u"herald_schema"_s,
                                   u"number_health"_s,
                                   u"number_pacing"_s,
                                   u"number_reassignments"_s,
                                   u"opt_outs"_s,
                                   u"phone_numbers"_s,
                                   u"rate_card_countries"_s,
                                   u"rate_card_markets"_s,
                                   u"rate_card_prices"_s,
                                   u"rate_cards"_s,
                                   u"send_queue"_s,
                                   u"senders"_s,
                                   u"templates"_s,
                                   u"webhook_events"_s,
                                   u"webhook_sources"_s};
} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void migratingAnEmptyDatabaseReachesTheLatestVersionWithEveryTable()
    {
        HERALD_TEST_EMPTY_DB(tdb);
        Database &db = tdb->db();
        Migrator migrator(db);
        const auto available = migrator.available();
        QVERIFY(!available.isEmpty());
        QCOMPARE(available.first().version, 1);
        QCOMPARE(migrator.latestVersion(), available.last().version);
        QCOMPARE(migrator.currentVersion(), 0);
        QVERIFY(userTables(db).isEmpty());

        QCOMPARE(migrator.migrate(), int(available.size()));

        QCOMPARE(migrator.currentVersion(), migrator.latestVersion());
        QCOMPARE(userTables(db), kHeraldTables);
        // One herald_schema row per migration, under the migration's name.
        QSqlQuery rows = db.run(u"SELECT version, name, applied_at FROM herald_schema ORDER BY version"_s);
        for (const Migrator::Migration &m : available) {
            QVERIFY(rows.next());
            QCOMPARE(rows.value(0).toInt(), m.version);
            QCOMPARE(rows.value(1).toString(), m.name);
            QVERIFY(Database::readTime(rows.value(2)).isValid());
        }
        QVERIFY(!rows.next());
        // What the migrations built is everything the doctor looks for.
        const SchemaReport report = SchemaDoctor(db).check();
        QVERIFY2(report.ok(), qPrintable(report.lines().join(u'\n')));
    }

    void migratingAgainAppliesNothingAndChangesNothing()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QString before = schemaSnapshot(db);
        QVERIFY(before.contains(u"send_queue_pending_idx"_s));
        QCOMPARE(Migrator(db).migrate(), 0);
        QCOMPARE(schemaSnapshot(db), before);
        // Also from a second connection, as a second program starting up would.
        auto other = tdb->open(u"second"_s);
        QCOMPARE(Migrator(*other).migrate(), 0);
        QCOMPARE(schemaSnapshot(db), before);
        QCOMPARE(Migrator(db).currentVersion(), Migrator(db).latestVersion());
    }

    void aDatabaseNewerThanTheProgramIsRefusedAndNothingIsChanged()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const int latest = Migrator(db).latestVersion();
        const int future = latest + 5;
        db.run(u"INSERT INTO herald_schema (version, name, applied_at) VALUES (?, 'from the future', ?)"_s,
               {future, db.timeValue(QDateTime::currentDateTimeUtc())});
        const QString before = schemaSnapshot(db);

        Migrator migrator(db);
        QCOMPARE(migrator.currentVersion(), future);
        try {
            migrator.migrate();
            QFAIL("a database newer than the program was migrated");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Schema);
            QVERIFY2(e.message().contains(u"version %1"_s.arg(future)), qPrintable(e.message()));
            QVERIFY2(e.message().contains(u"up to %1"_s.arg(latest)), qPrintable(e.message()));
            QVERIFY2(e.message().contains(db.config().displayName()), qPrintable(e.message()));
        }
        QCOMPARE(schemaSnapshot(db), before);
    }

    void aNewerVersionTableAloneIsEnoughToRefuse()
    {
        // Only herald_schema exists, at a version this program does not know: the migrator
        // must not lay its own version 1 tables next to a future schema.
        HERALD_TEST_EMPTY_DB(tdb);
        Database &db = tdb->db();
        db.execDirect(u"CREATE TABLE herald_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                      "applied_at TEXT NOT NULL)"_s);
        db.run(u"INSERT INTO herald_schema VALUES (99, 'future', '2030-01-01T00:00:00.000Z')"_s);
        QVERIFY_THROWS_EXCEPTION(DbError, Migrator(db).migrate());
        QCOMPARE(userTables(db), QStringList{u"herald_schema"_s});
    }

    void aFailingMigrationRollsBackEntirely()
    {
        // app_settings is the last table migration 1 creates: when it collides, campaigns,
        // send_queue, templates, their indexes and the trigger have all been created in the
        // same transaction and must vanish with it.
        HERALD_TEST_EMPTY_DB(tdb);
        Database &db = tdb->db();
        db.execDirect(u"CREATE TABLE app_settings (owner TEXT)"_s);
        db.run(u"INSERT INTO app_settings (owner) VALUES ('someone else')"_s);
        const QString before = schemaSnapshot(db);

        try {
            Migrator(db).migrate();
            QFAIL("migration 1 succeeded over a conflicting table");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Schema);
            QVERIFY2(e.message().contains(u"Migration 1 (initial)"_s), qPrintable(e.message()));
            QVERIFY2(e.message().contains(u"app_settings"_s), qPrintable(e.message()));
        }
        QCOMPARE(userTables(db), QStringList{u"app_settings"_s}); // no herald_schema, no new table
        QCOMPARE(schemaSnapshot(db), before);
        QCOMPARE(Migrator(db).currentVersion(), 0);
        QCOMPARE(db.scalar(u"SELECT owner FROM app_settings"_s).toString(), u"someone else"_s);

        // The connection is usable afterwards, and once the conflict is gone the migration runs.
        db.execDirect(u"DROP TABLE app_settings"_s);
        QCOMPARE(Migrator(db).migrate(), int(Migrator(db).available().size()));
        QCOMPARE(userTables(db), kHeraldTables);
    }

    void aMigrationFailingOnItsFirstStatementLeavesNoVersionTable()
    {
        HERALD_TEST_EMPTY_DB(tdb);
        Database &db = tdb->db();
        db.execDirect(u"CREATE TABLE campaigns (x INTEGER)"_s);
        try {
            Migrator(db).migrate();
            QFAIL("migration 1 succeeded over a conflicting campaigns table");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains(u"Migration 1 (initial)"_s), qPrintable(e.message()));
            QVERIFY2(e.message().contains(u"campaigns"_s), qPrintable(e.message()));
        }
        QCOMPARE(userTables(db), QStringList{u"campaigns"_s});
    }

    void splitStatementsKeepsQuotedCommentedAndBlockTextWhole_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("plain") << u"CREATE TABLE a (x int); INSERT INTO a VALUES (1);\n"_s
                               << QStringList{u"CREATE TABLE a (x int)"_s, u"INSERT INTO a VALUES (1)"_s};
        QTest::newRow("no trailing semicolon")
            << u"SELECT 1;\nSELECT 2"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("empty statements") << u";; SELECT 1 ;;\n;"_s << QStringList{u"SELECT 1"_s};
        QTest::newRow("only comments") << u"-- nothing; here\n/* nor; here */\n"_s << QStringList{};
        QTest::newRow("semicolon in single quotes")
            << u"INSERT INTO a VALUES ('x;y'); SELECT 2"_s
            << QStringList{u"INSERT INTO a VALUES ('x;y')"_s, u"SELECT 2"_s};
        QTest::newRow("doubled quote in a string")
            << u"SELECT 'it''s; fine'; SELECT 2"_s << QStringList{u"SELECT 'it''s; fine'"_s, u"SELECT 2"_s};
        QTest::newRow("semicolon in a quoted identifier")
            << u"CREATE TABLE \"we;ird\" (x int); SELECT 2"_s
            << QStringList{u"CREATE TABLE \"we;ird\" (x int)"_s, u"SELECT 2"_s};
        QTest::newRow("comment markers inside a string")
            << u"SELECT '-- not a comment; /* nor this */'; SELECT 2"_s
            << QStringList{u"SELECT '-- not a comment; /* nor this */'"_s, u"SELECT 2"_s};
        QTest::newRow("line comment") << u"SELECT 1; -- comment; with a semicolon\nSELECT 2; -- last; line"_s
                                      << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("line comment inside a statement")
            << u"SELECT 1 -- one; two\n + 1;"_s << QStringList{u"SELECT 1 + 1"_s};
        QTest::newRow("block comment")
            << u"SELECT /* a; b */ 1; /* c;\n d; */ SELECT 2"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("quote inside a comment")
            << u"/* it's; */ SELECT 1; -- don't;\nSELECT 2"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("$$ body")
            << u"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; PERFORM 2; END; "
               u"$$;\n"
               "SELECT f();"_s
            << QStringList{u"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; "
                           "PERFORM 2; END; $$"_s,
                           u"SELECT f()"_s};
        QTest::newRow("$tag$ body with $$ and quotes inside")
            << u"DO $body$ BEGIN EXECUTE $$SELECT ';'$$; RAISE NOTICE 'x;'; END $body$; SELECT 2"_s
            << QStringList{u"DO $body$ BEGIN EXECUTE $$SELECT ';'$$; RAISE NOTICE 'x;'; END $body$"_s,
                           u"SELECT 2"_s};
        QTest::newRow("positional parameters are not dollar quotes")
            << u"SELECT $1, $2; SELECT 3"_s << QStringList{u"SELECT $1, $2"_s, u"SELECT 3"_s};
        QTest::newRow("CREATE TRIGGER … BEGIN …; …; END;")
            << u"CREATE TRIGGER t AFTER UPDATE ON a\nBEGIN\n  UPDATE a SET x = 1;\n  DELETE FROM b;\nEND;\n"
               "CREATE TABLE c (y int);"_s
            << QStringList{
                   u"CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END"_s,
                   u"CREATE TABLE c (y int)"_s};
        QTest::newRow("CREATE TEMP TRIGGER, lower case")
            << u"create temp trigger t after insert on a begin insert into b values (1); end; select 1"_s
            << QStringList{u"create temp trigger t after insert on a begin insert into b values (1); end"_s,
                           u"select 1"_s};
        QTest::newRow("trigger body with a CASE … END expression")
            << u"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; "
               "DELETE FROM b; END; SELECT 1"_s
            << QStringList{
                   u"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; "
                   "DELETE FROM b; END"_s,
                   u"SELECT 1"_s};
        QTest::newRow("PostgreSQL trigger without a body")
            << u"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1; SELECT 2"_s
            << QStringList{u"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()"_s,
                           u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("trigger with END inside a string and a quoted identifier")
            << u"CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO log VALUES ('END;', \"end\"); END; SELECT 1"_s
            << QStringList{
                   u"CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO log VALUES ('END;', \"end\"); END"_s,
                   u"SELECT 1"_s};
        QTest::newRow("trigger with CASE … END in its WHEN clause")
            << u"CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN NEW.x THEN 1 END BEGIN DELETE FROM b; "
               "UPDATE c SET y = 1; END; SELECT 1"_s
            << QStringList{
                   u"CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN NEW.x THEN 1 END BEGIN DELETE FROM b; "
                   "UPDATE c SET y = 1; END"_s,
                   u"SELECT 1"_s};
        QTest::newRow("a table named like a trigger is not a trigger")
            << u"CREATE TABLE triggers (x int); SELECT 1"_s
            << QStringList{u"CREATE TABLE triggers (x int)"_s, u"SELECT 1"_s};
    }
    void splitStatementsKeepsQuotedCommentedAndBlockTextWhole()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, expected);
        QStringList got = Migrator::splitStatements(script);
        // Comments become whitespace; compare with runs of whitespace folded.
        for (QString &s : got) {
            s = s.simplified();
        }
        QCOMPARE(got, expected);
    }

    void theShippedMigrationsSplitIntoOneStatementEach_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("sqlite") << u":/herald/migrations/sqlite"_s;
        QTest::newRow("postgresql") << u":/herald/migrations/postgresql"_s;
    }
    void theShippedMigrationsSplitIntoOneStatementEach()
    {
        // The shipped scripts start every statement at the beginning of a line with its verb
        // (continuation lines are indented or start with a clause keyword): that gives an
        // independent count of their statements to hold the splitter to. A statement that
        // swallows its successors would still run through PQexec (which accepts several) but
        // would hide which one failed.
        QFETCH(QString, folder);
        const QStringList files = QDir(folder).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        static const QRegularExpression verb(
            u"^(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|GRANT|REVOKE|DO|COMMENT)\\b"_s);
        for (const QString &file : files) {
            QFile f(folder + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString script = QString::fromUtf8(f.readAll());
            qsizetype starts = 0;
            for (const QString &line : script.split(u'\n')) {
                starts += verb.match(line).hasMatch() ? 1 : 0;
            }
            const QStringList statements = Migrator::splitStatements(script);
            QStringList listing;
            for (const QString &s : statements) {
                listing << s.simplified().left(70);
            }
            QVERIFY2(statements.size() == starts,
                     qPrintable(u"%1: %2 statements expected, split into %3:\n%4"_s.arg(file)
                                    .arg(starts)
                                    .arg(statements.size())
                                    .arg(listing.join(u'\n'))));
            for (const QString &s : statements) {
                QVERIFY2(verb.match(s).hasMatch(), qPrintable(s));
            }
        }
    }

    void splitStatementsKeepsQuotedTextByteForByte()
    {
        const QString literal = u"'  two spaces;\n -- and a newline /* */  '"_s;
        const QStringList got = Migrator::splitStatements(u"INSERT INTO a VALUES ("_s + literal + u");"_s);
        QCOMPARE(got.size(), 1);
        QVERIFY2(got.first().contains(literal), qPrintable(got.first()));
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "test_migrator.moc"
