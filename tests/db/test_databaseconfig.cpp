#include "db/DatabaseConfig.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

// Parsing of --db / HERALD_DB. Needs no database: nothing here connects.
class TestDatabaseConfig : public QObject
{
    Q_OBJECT

    QByteArray m_savedHeraldDb;
    bool m_hadHeraldDb = false;

private Q_SLOTS:
    void initTestCase()
    {
        // The default path must land in the test-mode data folder, never the user's own.
        QStandardPaths::setTestModeEnabled(true);
        m_hadHeraldDb = qEnvironmentVariableIsSet("HERALD_DB");
        m_savedHeraldDb = qgetenv("HERALD_DB");
    }

    void cleanup()
    {
        if (m_hadHeraldDb) {
            qputenv("HERALD_DB", m_savedHeraldDb);
        } else {
            qunsetenv("HERALD_DB");
        }
    }

    void aFilePathSelectsSqliteAtThatPath_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("path");
        QTest::newRow("absolute") << u"/var/lib/herald/team.db"_s << u"/var/lib/herald/team.db"_s;
        QTest::newRow("relative") << u"data/herald.db"_s << u"data/herald.db"_s;
        QTest::newRow("surrounding spaces") << u"  /tmp/h.db \n"_s << u"/tmp/h.db"_s;
        QTest::newRow("sqlite: prefix") << u"sqlite:/tmp/h.db"_s << u"/tmp/h.db"_s;
        QTest::newRow("windows path") << u"C:\\Users\\ann\\herald.db"_s << u"C:\\Users\\ann\\herald.db"_s;
        QTest::newRow("path with colon and at") << u"/tmp/a:b@c.db"_s << u"/tmp/a:b@c.db"_s;
    }
    void aFilePathSelectsSqliteAtThatPath()
    {
        QFETCH(QString, spec);
        QFETCH(QString, path);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(spec, &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Sqlite);
        QCOMPARE(cfg.sqlitePath(), path);
        QCOMPARE(cfg.displayName(), QDir::toNativeSeparators(path));
    }

    void anEmptySpecSelectsTheDefaultDatabaseInTheAppDataFolder_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << u"   "_s;
    }
    void anEmptySpecSelectsTheDefaultDatabaseInTheAppDataFolder()
    {
        QFETCH(QString, spec);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(spec, &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Sqlite);
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QVERIFY(!dataDir.isEmpty());
        QCOMPARE(cfg.sqlitePath(), QDir(dataDir).filePath(u"Herald/herald.db"_s));
        QCOMPARE(DatabaseConfig::defaultSqlitePath(), cfg.sqlitePath());
        // Test mode is on: the path is the throwaway test location, so tests never touch a
        // real user's database.
        QVERIFY2(cfg.sqlitePath().contains(u".qttest"_s), qPrintable(cfg.sqlitePath()));
    }

    void aPostgresUrlIsParsedAndPercentDecoded()
    {
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(
            DatabaseConfig::parse(u"postgresql://user:p%40ss@host:5433/db?sslmode=require"_s, &cfg, &error),
            qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Postgres);
        QCOMPARE(cfg.user(), u"user"_s);
        QCOMPARE(cfg.password(), u"p@ss"_s);
        QCOMPARE(cfg.host(), u"host"_s);
        QCOMPARE(cfg.port(), 5433);
        QCOMPARE(cfg.databaseName(), u"db"_s);
        QCOMPARE(cfg.connectOptions(), u"sslmode='require'"_s);
        QVERIFY(cfg.sqlitePath().isEmpty());
    }

    void everyPartOfAPostgresUrlIsPercentDecoded()
    {
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(u"postgresql://ann%2Eb:a%3Ab%2Fc%25d%20e@db.example.org/herald%2Dprod"
                                       "?application_name=my%20console&connect_timeout=5"_s,
                                       &cfg, &error),
                 qPrintable(error));
        QCOMPARE(cfg.user(), u"ann.b"_s);
        QCOMPARE(cfg.password(), u"a:b/c%d e"_s);
        QCOMPARE(cfg.databaseName(), u"herald-prod"_s);
        // Quoted for libpq: unquoted, "my console" would be two words and the connection refused.
        QCOMPARE(cfg.connectOptions(), u"application_name='my console';connect_timeout='5'"_s);
    }

    void aPostgresUrlWithoutPortUsesTheDefaultPort_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("postgresql://") << u"postgresql://u:pw@host/db"_s;
        QTest::newRow("postgres://") << u"postgres://u:pw@host/db"_s;
        QTest::newRow("upper-case scheme") << u"PostgreSQL://u:pw@host/db"_s;
    }
    void aPostgresUrlWithoutPortUsesTheDefaultPort()
    {
        QFETCH(QString, spec);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(spec, &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Postgres);
        QCOMPARE(cfg.port(), 5432);
        QCOMPARE(cfg.host(), u"host"_s);
        QCOMPARE(cfg.databaseName(), u"db"_s);
        QVERIFY(cfg.connectOptions().isEmpty());
    }

    void aPostgresUrlWithoutUserOrDatabaseOrHostIsRejected_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no database") << u"postgresql://u:Hunter2Secret@host:5433"_s << u"database"_s;
        QTest::newRow("no database, slash") << u"postgresql://u:Hunter2Secret@host:5433/"_s << u"database"_s;
        QTest::newRow("no user") << u"postgresql://host:5433/db"_s << u"user"_s;
        QTest::newRow("password only") << u"postgresql://:Hunter2Secret@host/db"_s << u"user"_s;
        QTest::newRow("no host") << u"postgresql:///db"_s << u"postgresql://user:password@host"_s;
        QTest::newRow("bad port") << u"postgresql://u:Hunter2Secret@host:port/db"_s
                                  << u"postgresql://user:password@host"_s;
    }
    void aPostgresUrlWithoutUserOrDatabaseOrHostIsRejected()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        DatabaseConfig cfg;
        QString error;
        QVERIFY(!DatabaseConfig::parse(spec, &cfg, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY2(!error.contains(u"Hunter2Secret"_s), qPrintable(error));
        // A rejected spec leaves the output alone.
        QCOMPARE(cfg.dialect(), Dialect::Sqlite);
        QVERIFY(cfg.sqlitePath().isEmpty());
    }

    void anUnsupportedSchemeIsRejectedWithoutEchoingTheSecret_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("mysql") << u"mysql://root:Hunter2Secret@host/db"_s << u"mysql://"_s;
        QTest::newRow("https") << u"https://user:Hunter2Secret@example.org/db"_s << u"https://"_s;
        QTest::newRow("file url") << u"file:///tmp/herald.db"_s << u"file://"_s;
    }
    void anUnsupportedSchemeIsRejectedWithoutEchoingTheSecret()
    {
        QFETCH(QString, spec);
        QFETCH(QString, scheme);
        DatabaseConfig cfg;
        QString error;
        QVERIFY(!DatabaseConfig::parse(spec, &cfg, &error));
        QVERIFY2(error.contains(scheme), qPrintable(error));
        QVERIFY2(error.contains(u"postgresql://"_s), qPrintable(error)); // says what would work
        QVERIFY2(!error.contains(u"Hunter2Secret"_s), qPrintable(error));
    }

    void heraldDbIsUsedWhenNoExplicitValueIsGiven()
    {
        qputenv("HERALD_DB", "postgresql://envuser:envpw@envhost:6543/envdb");
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::resolve(QString(), &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Postgres);
        QCOMPARE(cfg.host(), u"envhost"_s);
        QCOMPARE(cfg.port(), 6543);
        QCOMPARE(cfg.user(), u"envuser"_s);
        QCOMPARE(cfg.databaseName(), u"envdb"_s);
    }

    void anExplicitValueWinsOverHeraldDb()
    {
        qputenv("HERALD_DB", "postgresql://envuser:envpw@envhost:6543/envdb");
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::resolve(u"/srv/herald/explicit.db"_s, &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Sqlite);
        QCOMPARE(cfg.sqlitePath(), u"/srv/herald/explicit.db"_s);

        QVERIFY2(DatabaseConfig::resolve(u"postgresql://cli:pw@clihost/clidb"_s, &cfg, &error),
                 qPrintable(error));
        QCOMPARE(cfg.host(), u"clihost"_s);
        QCOMPARE(cfg.databaseName(), u"clidb"_s);
    }

    void withNeitherValueTheDefaultDatabaseIsUsed()
    {
        qunsetenv("HERALD_DB");
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::resolve(QString(), &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.dialect(), Dialect::Sqlite);
        QCOMPARE(cfg.sqlitePath(), DatabaseConfig::defaultSqlitePath());
    }

    void aMalformedHeraldDbIsReportedNotIgnored()
    {
        qputenv("HERALD_DB", "postgresql://envuser:envpw@envhost:6543");
        DatabaseConfig cfg;
        QString error;
        QVERIFY(!DatabaseConfig::resolve(QString(), &cfg, &error));
        QVERIFY2(error.contains(u"database"_s), qPrintable(error));
    }

    void theDisplayNameNeverContainsThePassword_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("display");
        QTest::newRow("plain") << u"postgresql://user:S3cretPw@host:5433/db?sslmode=require"_s
                               << u"S3cretPw"_s << u"postgresql://user@host:5433/db"_s;
        QTest::newRow("encoded") << u"postgresql://user:p%40ss%2Fw0rd@host/db"_s << u"p@ss/w0rd"_s
                                 << u"postgresql://user@host:5432/db"_s;
        QTest::newRow("password in options too") << u"postgres://ann:Xy7%3Bq@10.0.0.5:6000/herald"_s
                                                 << u"Xy7;q"_s << u"postgresql://ann@10.0.0.5:6000/herald"_s;
    }
    void theDisplayNameNeverContainsThePassword()
    {
        QFETCH(QString, spec);
        QFETCH(QString, password);
        QFETCH(QString, display);
        DatabaseConfig cfg;
        QString error;
        QVERIFY2(DatabaseConfig::parse(spec, &cfg, &error), qPrintable(error));
        QCOMPARE(cfg.password(), password); // kept for connecting …
        QCOMPARE(cfg.displayName(), display);
        // … but neither decoded nor as typed in any name that is shown or logged.
        const QString encoded = spec.section(u':', 2).section(u'@', 0, 0);
        for (const QString &shown : {cfg.displayName(), cfg.key()}) {
            QVERIFY2(!shown.contains(password), qPrintable(shown));
            QVERIFY2(!shown.contains(encoded), qPrintable(shown));
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "test_databaseconfig.moc"
