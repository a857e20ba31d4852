#include "DbTestUtil.h"
#include "TestDatabase.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <optional>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {
bool runningAsRoot()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#else
    return false;
#endif
}

int settingsCount(const Database &db)
{
    return db.scalar(u"SELECT count(*) FROM app_settings"_s).toInt();
}

void putSetting(const Database &db, const QString &key, const QString &value)
{
    db.run(u"INSERT INTO app_settings (key, value) VALUES (?, ?)"_s, {key, value});
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// A migrated SQLite database file with one setting in it, closed again.
bool makeClosedDatabase(const QString &path, QString *why)
{
    DatabaseConfig cfg;
    if (!DatabaseConfig::parse(path, &cfg, why)) {
        return false;
    }
    try {
        Database db(cfg, u"setup"_s);
        Migrator(db).migrate();
        putSetting(db, u"greeting"_s, u"hello"_s);
    } catch (const DbError &e) {
        *why = e.message();
        return false;
    }
    return true;
}

DatabaseConfig sqliteConfig(const QString &path)
{
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(path, &cfg, &error)) {
        qFatal("cannot parse %s: %s", qPrintable(path), qPrintable(error));
    }
    return cfg;
}

// Opens a connection that is expected to fail and returns the error; fails the test
// (through the empty optional) when it opens.
std::optional<DbError> openFails(const DatabaseConfig &cfg)
{
    try {
        Database db(cfg, u"doomed"_s);
    } catch (const DbError &e) {
        return e;
    }
    return std::nullopt;
}
} // namespace

class DatabaseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    // --- connection set-up -----------------------------------------------------------------

    void sqliteRunsInWalModeWithForeignKeysAndABusyTimeout()
    {
        HERALD_TEST_DB(tdb);
        if (tdb->isPostgres()) {
            QSKIP("SQLite pragmas; the PostgreSQL row checks the session time zone instead");
        }
        // Every connection, not just the one that created the file.
        for (const auto &db : {tdb->open(u"first"_s), tdb->open(u"second"_s)}) {
            QCOMPARE(db->scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
            QCOMPARE(db->scalar(u"PRAGMA foreign_keys"_s).toInt(), 1);
            QVERIFY2(db->scalar(u"PRAGMA busy_timeout"_s).toInt() >= 1000,
                     "a writer must wait for the lock, not fail at once");
        }
    }

    void postgresSessionsRunInUtcWhateverTheServerDefault()
    {
        HERALD_TEST_DB(tdb);
        if (!tdb->isPostgres()) {
            QSKIP("PostgreSQL sessions; the SQLite row checks the pragmas instead");
        }
        // Make the database's default anything but UTC, so UTC can only come from Herald.
        tdb->db().execDirect(
            u"ALTER DATABASE \"%1\" SET TimeZone = 'Asia/Kathmandu'"_s.arg(tdb->config().databaseName()));
        auto db = tdb->open(u"fresh"_s);
        QCOMPARE(db->scalar(u"SELECT reset_val FROM pg_settings WHERE name = 'TimeZone'"_s).toString(),
                 u"Asia/Kathmandu"_s);
        QCOMPARE(db->scalar(u"SELECT current_setting('TimeZone')"_s).toString(), u"UTC"_s);
        QVERIFY(db->scalar(u"SELECT now()::text"_s).toString().endsWith(u"+00"_s));
    }

    void foreignKeysAreEnforced()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        QVERIFY_THROWS_EXCEPTION(
            DbError, db.run(u"INSERT INTO send_queue (campaign_id, phone, updated_at) VALUES (?, ?, ?)"_s,
                            {u"0b7e4c1a-96a7-4cf3-a1c4-5b8a0e6e2d11"_s, u"+4915100000000"_s,
                             db.timeValue(QDateTime::currentDateTimeUtc())}));
        QCOMPARE(db.scalar(u"SELECT count(*) FROM send_queue"_s).toInt(), 0);
    }

    // --- time ------------------------------------------------------------------------------

    void timesRoundTripWithMillisecondPrecision_data()
    {
        QTest::addColumn<QDateTime>("time");
        const QTimeZone kathmandu(5 * 3600 + 45 * 60);
        QTest::newRow("UTC with milliseconds")
            << QDateTime(QDate(2026, 3, 29), QTime(1, 59, 59, 987), QTimeZone::utc());
        QTest::newRow("one millisecond") << QDateTime(QDate(2026, 1, 1), QTime(0, 0, 0, 1), QTimeZone::utc());
        QTest::newRow("whole second") << QDateTime(QDate(2026, 6, 15), QTime(12, 0, 0, 0), QTimeZone::utc());
        QTest::newRow("offset +05:45 across midnight")
            << QDateTime(QDate(2026, 11, 28), QTime(0, 30, 0, 250), kathmandu);
        // A fixed offset rather than a named zone: CI images need not carry tzdata.
        QTest::newRow("offset -04:00")
            << QDateTime(QDate(2026, 7, 4), QTime(12, 0, 0, 999), QTimeZone(-4 * 3600));
        QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc());
        QTest::newRow("year 2100") << QDateTime(QDate(2100, 12, 31), QTime(23, 59, 59, 999),
                                                QTimeZone::utc());
    }
    void timesRoundTripWithMillisecondPrecision()
    {
        QFETCH(QDateTime, time);
        QVERIFY(time.isValid());
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        db.run(u"INSERT INTO opt_outs (phone, source, created_at) VALUES ('+1', 'manual', ?)"_s,
               {db.timeValue(time)});
        const QDateTime back = Database::readTime(db.scalar(u"SELECT created_at FROM opt_outs"_s));
        QCOMPARE(back.toMSecsSinceEpoch(), time.toMSecsSinceEpoch());
        QCOMPARE(back.timeSpec(), Qt::UTC);
        QCOMPARE(back, time);
        // And the database compares bound times at the same precision.
        const QString sql = u"SELECT count(*) FROM opt_outs WHERE created_at >= ?"_s;
        QCOMPARE(db.scalar(sql, {db.timeValue(time)}).toInt(), 1);
        QCOMPARE(db.scalar(sql, {db.timeValue(time.addMSecs(1))}).toInt(), 0);
    }

    void storedTimesSortInTimeOrder()
    {
        // SQLite keeps times as text: the text must sort as the instants do, whatever zone
        // the value came in and however many milliseconds it has.
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const QTimeZone plus14(14 * 3600);
        const QTimeZone minus10(-10 * 3600);
        const QList<QDateTime> times = {
            QDateTime(QDate(2026, 5, 1), QTime(10, 0, 0, 0), QTimeZone::utc()),
            QDateTime(QDate(2026, 5, 1), QTime(9, 59, 59, 999), QTimeZone::utc()),
            QDateTime(QDate(2026, 5, 1), QTime(23, 0, 0, 5), plus14),    // 09:00:00.005Z
            QDateTime(QDate(2026, 4, 30), QTime(23, 0, 0, 50), minus10), // 2026-05-01 09:00:00.050Z
            QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 100), QTimeZone::utc()),
            QDateTime(QDate(2100, 1, 1), QTime(0, 0, 0, 0), QTimeZone::utc()),
            QDateTime(QDate(2026, 5, 1), QTime(10, 0, 0, 10), QTimeZone::utc()),
        };
        for (qsizetype i = 0; i < times.size(); ++i) {
            db.run(u"INSERT INTO opt_outs (phone, source, created_at) VALUES (?, 'manual', ?)"_s,
                   {u"+%1"_s.arg(i), db.timeValue(times.at(i))});
        }
        QList<QDateTime> expected = times;
        std::sort(expected.begin(), expected.end());
        QSqlQuery q = db.run(u"SELECT created_at FROM opt_outs ORDER BY created_at"_s);
        QList<QDateTime> got;
        while (q.next()) {
            got << Database::readTime(q.value(0));
        }
        QCOMPARE(got, expected);
    }

    void anInvalidTimeIsStoredAsNull()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        QVERIFY(db.timeValue(QDateTime()).isNull());
        QVERIFY(Database::readTime(QVariant()).isNull());
        QVERIFY(db.scalar(u"SELECT CAST(? AS TEXT) IS NULL"_s, {db.timeValue(QDateTime())}).toBool());
    }

    // --- transactions ----------------------------------------------------------------------

    void aCommittedTransactionIsKept()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        {
            Transaction tx(db);
            putSetting(db, u"a"_s, u"1"_s);
            putSetting(db, u"b"_s, u"2"_s);
            tx.commit();
        }
        QCOMPARE(settingsCount(db), 2);
        QCOMPARE(settingsCount(*tdb->open(u"other"_s)), 2);
    }

    void aTransactionThatIsNotCommittedRollsBack()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        auto other = tdb->open(u"other"_s);
        {
            Transaction tx(db);
            putSetting(db, u"a"_s, u"1"_s);
            putSetting(db, u"b"_s, u"2"_s);
            QCOMPARE(settingsCount(db), 2);     // visible inside …
            QCOMPARE(settingsCount(*other), 0); // … and to no one else
        }
        QCOMPARE(settingsCount(db), 0);
        QCOMPARE(settingsCount(*other), 0);
        // The connection is out of the transaction: a new one can begin.
        Transaction again(db);
        putSetting(db, u"c"_s, u"3"_s);
        again.commit();
        QCOMPARE(settingsCount(*other), 1);
    }

    void aTransactionRollsBackWhenAnExceptionEscapes()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        bool thrown = false;
        try {
            Transaction tx(db);
            putSetting(db, u"a"_s, u"1"_s);
            throw std::runtime_error("the sender died half-way");
        } catch (const std::runtime_error &) {
            thrown = true;
        }
        QVERIFY(thrown);
        QCOMPARE(settingsCount(db), 0);
        QCOMPARE(settingsCount(*tdb->open(u"other"_s)), 0);
    }

    void aFailingStatementRollsBackTheStatementsBeforeIt()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        putSetting(db, u"taken"_s, u"0"_s);
        try {
            Transaction tx(db);
            putSetting(db, u"a"_s, u"1"_s);
            putSetting(db, u"taken"_s, u"again"_s); // primary key violation
            tx.commit();
            QFAIL("a duplicate key was accepted");
        } catch (const DbError &e) {
            QVERIFY2(!e.message().isEmpty(), "the error says what failed");
        }
        QCOMPARE(settingsCount(db), 1);
        QCOMPARE(db.scalar(u"SELECT value FROM app_settings WHERE key = 'taken'"_s).toString(), u"0"_s);
        // On PostgreSQL the failed transaction was aborted; it must be over, not poison the
        // connection for the next one.
        Transaction tx(db);
        putSetting(db, u"b"_s, u"2"_s);
        tx.commit();
        QCOMPARE(settingsCount(db), 2);
    }

    void aCommitThatReturnsHasKeptTheWork()
    {
        // A caller that catches a failed statement and commits anyway must not be told that
        // the work before it was saved when it was not (on PostgreSQL a COMMIT after an error
        // silently rolls back: the seed's silent failure in another form).
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        putSetting(db, u"taken"_s, u"0"_s);
        bool committed = false;
        try {
            Transaction tx(db);
            putSetting(db, u"a"_s, u"1"_s);
            try {
                putSetting(db, u"taken"_s, u"again"_s);
            } catch (const DbError &) {
                // ignored on purpose
            }
            tx.commit();
            committed = true;
        } catch (const DbError &e) {
            QVERIFY2(!e.message().isEmpty(), "the error says what failed");
        }
        const bool kept = db.scalar(u"SELECT count(*) FROM app_settings WHERE key = 'a'"_s).toInt() == 1;
        QVERIFY2(!committed || kept, "commit() returned normally, yet the transaction's work is gone");
    }

    void aTransactionCannotBeginInsideAnother()
    {
        // Nesting would let the inner commit() publish the outer transaction's half-done work.
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        Transaction outer(db);
        putSetting(db, u"half"_s, u"done"_s);
        QVERIFY_THROWS_EXCEPTION(DbError, Transaction inner(db));
        QCOMPARE(settingsCount(*tdb->open(u"other"_s)), 0);
    }

    // --- bad input -------------------------------------------------------------------------

    void anUnreachablePostgresGivesAClearErrorWithoutThePassword()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "postgresql"_L1) {
            QSKIP("PostgreSQL connection failure; the SQLite row checks unusable files instead");
        }
        DatabaseConfig cfg;
        QString error;
        QVERIFY(DatabaseConfig::parse(u"postgresql://herald:secret@127.0.0.1:1/none"_s, &cfg, &error));
        const QStringList connectionsBefore = QSqlDatabase::connectionNames();
        const auto e = openFails(cfg);
        QVERIFY2(e, "connected to port 1");
        qInfo("the user reads: %s", qPrintable(e->message()));
        QCOMPARE(e->kind(), DbError::Kind::Unavailable);
        QVERIFY2(e->message().contains(u"postgresql://herald@127.0.0.1:1/none"_s), qPrintable(e->message()));
        QVERIFY2(!e->message().contains(u"secret"_s), qPrintable(e->message()));
        QCOMPARE(QSqlDatabase::connectionNames(), connectionsBefore); // nothing left registered
    }

    void aWrongPasswordIsRefusedClearly()
    {
        HERALD_TEST_DB(tdb);
        if (!tdb->isPostgres()) {
            QSKIP("PostgreSQL authentication; the SQLite row checks unusable files instead");
        }
        QString why;
        QUrl url(TestDatabase::postgresServerUrl(tdb->config().databaseName(), &why));
        QVERIFY2(url.isValid(), qPrintable(why));
        const QString realPassword = url.password();
        url.setPassword(u"Wrong-Passw0rd"_s);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(url.toString(), &cfg, &error), qPrintable(error));

        const auto e = openFails(cfg);
        QVERIFY2(e, "connected with a wrong password");
        qInfo("the user reads: %s", qPrintable(e->message()));
        QCOMPARE(e->kind(), DbError::Kind::Unavailable);
        QVERIFY2(e->message().contains(cfg.displayName()), qPrintable(e->message()));
        QVERIFY2(e->message().contains(u"authentication"_s), qPrintable(e->message()));
        QVERIFY2(!e->message().contains(u"Wrong-Passw0rd"_s), qPrintable(e->message()));
        QVERIFY2(!e->message().contains(realPassword), qPrintable(e->message()));
    }

    void aMissingPostgresDatabaseIsNamed()
    {
        HERALD_TEST_DB(tdb);
        if (!tdb->isPostgres()) {
            QSKIP("PostgreSQL only");
        }
        QString why;
        const QString url = TestDatabase::postgresServerUrl(u"herald_no_such_database"_s, &why);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(url, &cfg, &error), qPrintable(error));
        const auto e = openFails(cfg);
        QVERIFY2(e, "connected to a database that does not exist");
        qInfo("the user reads: %s", qPrintable(e->message()));
        QVERIFY2(e->message().contains(u"herald_no_such_database"_s), qPrintable(e->message()));
        QVERIFY2(e->message().contains(u"does not exist"_s), qPrintable(e->message()));
    }

    void aReadOnlySqliteDatabaseRefusesWritesClearlyAndWritesNothing_data()
    {
        QTest::addColumn<bool>("folderToo");
        QTest::newRow("file read-only") << false;
        QTest::newRow("file and folder read-only") << true;
    }
    void aReadOnlySqliteDatabaseRefusesWritesClearlyAndWritesNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(bool, folderToo);
        if (backend != "sqlite"_L1) {
            QSKIP("SQLite file; the PostgreSQL row checks connection failures instead");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"herald.db"_s);
        QString why;
        QVERIFY2(makeClosedDatabase(path, &why), qPrintable(why));
        const QByteArray before = fileBytes(path);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"herald.db"_s}); // closed cleanly

        // How to make it read-only honestly. As a normal user, permissions do it. Root ignores
        // permissions (and CI runs as root), so there the file (and folder) are made immutable
        // with chattr +i, which binds root too. Where neither is possible the connection is
        // switched to PRAGMA query_only: that still proves a refused write surfaces as a clear
        // DbError with nothing half-written, but not how Herald opens such a file.
        enum class Mechanism { Permissions, Immutable, QueryOnly } mechanism = Mechanism::QueryOnly;
        QStringList targets{path};
        if (folderToo) {
            targets << dir.path();
        }
        const auto undo = qScopeGuard([&] {
            if (mechanism == Mechanism::Immutable) {
                QProcess::execute(u"chattr"_s, QStringList{u"-i"_s} + targets);
            }
            QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        });
        if (!runningAsRoot()) {
            const auto readExec = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup;
            QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup));
            QVERIFY(!folderToo || QFile::setPermissions(dir.path(), readExec));
            mechanism = Mechanism::Permissions;
        } else if (QProcess::execute(u"chattr"_s, QStringList{u"+i"_s} + targets) == 0) {
            mechanism = Mechanism::Immutable;
        }
        qInfo("read-only by: %s", mechanism == Mechanism::Permissions ? "permissions"
                                  : mechanism == Mechanism::Immutable ? "chattr +i"
                                                                      : "PRAGMA query_only");
        auto saysReadOnly = [](const QString &message) {
            return message.contains(u"readonly"_s, Qt::CaseInsensitive) ||
                   message.contains(u"read-only"_s, Qt::CaseInsensitive);
        };

        try {
            Database db(sqliteConfig(path), u"readonly"_s);
            if (mechanism == Mechanism::QueryOnly) {
                db.execDirect(u"PRAGMA query_only = ON"_s);
            }
            // Reading still works …
            QCOMPARE(db.scalar(u"SELECT value FROM app_settings WHERE key = 'greeting'"_s).toString(),
                     u"hello"_s);
            // … writing does not, and says why.
            try {
                Transaction tx(db);
                putSetting(db, u"first"_s, u"1"_s);
                putSetting(db, u"second"_s, u"2"_s);
                tx.commit();
                QFAIL("wrote to a read-only database");
            } catch (const DbError &e) {
                qInfo("the user reads: %s", qPrintable(e.message()));
                QVERIFY2(saysReadOnly(e.message()), qPrintable(e.message()));
            }
            QCOMPARE(settingsCount(db), 1);
        } catch (const DbError &e) {
            // Refusing at open is right too (a WAL database cannot be read where SQLite may not
            // write its -shm file), as long as it names the file and says it is read-only,
            // rather than calling a healthy database unusable.
            qInfo("the user reads: %s", qPrintable(e.message()));
            QCOMPARE(e.kind(), DbError::Kind::Unavailable);
            QVERIFY2(e.message().contains(QDir::toNativeSeparators(path)), qPrintable(e.message()));
            QVERIFY2(saysReadOnly(e.message()), qPrintable(e.message()));
        }
        QCOMPARE(fileBytes(path), before);
    }

    void aCorruptSqliteFileIsRefusedAtOpenAndLeftUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("random bytes") << u"random"_s;
        QTest::newRow("truncated database") << u"truncated"_s;
        QTest::newRow("text file") << u"text"_s;
        QTest::newRow("damaged header") << u"header"_s;
    }
    void aCorruptSqliteFileIsRefusedAtOpenAndLeftUntouched()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, kind);
        if (backend != "sqlite"_L1) {
            QSKIP("SQLite file; the PostgreSQL row checks connection failures instead");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"herald.db"_s);
        QByteArray bytes;
        if (kind == "random"_L1) {
            QRandomGenerator rng(20261127);
            bytes.resize(64 * 1024);
            for (char &c : bytes) {
                c = static_cast<char>(rng.bounded(256));
            }
        } else if (kind == "text"_L1) {
            bytes = "phone,name\n+4915100000000,Ann\n+4915100000001,Bob\n";
        } else {
            QString why;
            QVERIFY2(makeClosedDatabase(path, &why), qPrintable(why));
            bytes = fileBytes(path);
            QVERIFY(bytes.size() > 8192);
            if (kind == "truncated"_L1) {
                bytes.truncate(1000); // page 1 cut short: the schema cannot be read
            } else {
                bytes.replace(0, 16, "NOT SQLITE AT AL"); // the magic string at the head
            }
        }
        QVERIFY(writeFile(path, bytes));
        const QStringList connectionsBefore = QSqlDatabase::connectionNames();

        const auto e = openFails(sqliteConfig(path));
        QVERIFY2(e, "a corrupt file was accepted as a database");
        qInfo("the user reads: %s", qPrintable(e->message()));
        QCOMPARE(e->kind(), DbError::Kind::Unavailable);
        QVERIFY2(e->message().contains(QDir::toNativeSeparators(path)), qPrintable(e->message()));
        QCOMPARE(fileBytes(path), bytes);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"herald.db"_s});
        QCOMPARE(QSqlDatabase::connectionNames(), connectionsBefore); // the file is not held open
    }
};

QTEST_GUILESS_MAIN(DatabaseTest)
#include "test_database.moc"
