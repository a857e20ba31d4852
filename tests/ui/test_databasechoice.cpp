// Which database the console opens (DatabaseChoice), against a real Secret Service
// (with-keyring.sh): --db, then HERALD_DB, then the user's choice, then the embedded default; a
// PostgreSQL choice stored without its password, which comes back from the keychain and opens
// the database; a password gone from the keychain is a warning, not a refusal to start.
#include "../secrets/SecretSearch.h"
#include "SystemKeychain.h"
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "dialogs/SettingsDialog.h"
#include "settings/ConnectionTester.h"
#include "settings/DatabaseChoice.h"
#include "settings/DatabaseSection.h"

#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

DatabaseChoice::Resolved resolveNow(const QString &commandLine)
{
    QObject context;
    std::optional<DatabaseChoice::Resolved> result;
    DatabaseChoice::resolve(commandLine, &context, [&](const DatabaseChoice::Resolved &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000)) {
        return {};
    }
    return *result;
}

QString storeNow(const QString &spec, const QString &password, bool keep)
{
    QObject context;
    std::optional<QString> problem;
    DatabaseChoice::store(spec, password, keep, &context, [&](const QString &p) { problem = p; });
    if (!QTest::qWaitFor([&] { return problem.has_value(); }, 10000)) {
        return u"no answer"_s;
    }
    return *problem;
}

QString settingsFileText()
{
    QSettings settings;
    settings.sync();
    QFile f(settings.fileName());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestDatabaseChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("HERALD_TEST_SCRATCH"), "run through with-keyring.sh");
    }

    void init()
    {
        QSettings().clear();
        qunsetenv("HERALD_DB");
    }

    void theCommandLineWinsOverHeraldDbWhichWinsOverTheUsersChoice()
    {
        QSettings().setValue(DatabaseChoice::LocationKey, u"/srv/herald/choice.db"_s);
        qputenv("HERALD_DB", "/srv/herald/env.db");
        DatabaseChoice::Resolved r = resolveNow(u"/srv/herald/cli.db"_s);
        QVERIFY(r.ok());
        QCOMPARE(r.source, DatabaseChoice::Source::CommandLine);
        QCOMPARE(r.config.sqlitePath(), u"/srv/herald/cli.db"_s);

        r = resolveNow({});
        QCOMPARE(r.source, DatabaseChoice::Source::Environment);
        QCOMPARE(r.config.sqlitePath(), u"/srv/herald/env.db"_s);

        qunsetenv("HERALD_DB");
        r = resolveNow({});
        QCOMPARE(r.source, DatabaseChoice::Source::UserChoice);
        QCOMPARE(r.config.sqlitePath(), u"/srv/herald/choice.db"_s);

        QSettings().remove(DatabaseChoice::LocationKey);
        r = resolveNow({});
        QVERIFY(r.ok());
        QCOMPARE(r.source, DatabaseChoice::Source::Embedded);
        QCOMPARE(r.config.sqlitePath(), DatabaseConfig::defaultSqlitePath());
    }

    void aMalformedChoiceSaysWhereItCameFrom()
    {
        DatabaseChoice::Resolved r = resolveNow(u"mysql://u@h/db"_s);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(u"--db: "_s), qPrintable(r.error));
        QSettings().setValue(DatabaseChoice::LocationKey, u"postgresql://h/db"_s);
        r = resolveNow({});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"chosen in Settings"_s) && r.error.contains(u"--db"_s),
                 qPrintable(r.error));
    }

    void thePasswordIsSplitOffTheLocationAndPutBackIntact()
    {
        const QString password = u"p@ss:w/rd ü?#%"_s;
        const QString spec =
            DatabaseChoice::withPassword(u"postgresql://herald@db.example.com:5433/herald"_s, password);
        QString location;
        QString split;
        QString error;
        QVERIFY2(DatabaseChoice::split(spec, &location, &split, &error), qPrintable(error));
        QCOMPARE(split, password);
        QCOMPARE(location, u"postgresql://herald@db.example.com:5433/herald"_s);
        QVERIFY(!DatabaseChoice::keychainKey(location).contains(u"p@ss"_s));
        DatabaseConfig config;
        QVERIFY(DatabaseConfig::parse(DatabaseChoice::withPassword(location, password), &config, &error));
        QCOMPARE(config.password(), password);
        QCOMPARE(config.user(), u"herald"_s);
        QCOMPARE(config.port(), 5433);
    }

    void aPostgresChoiceIsStoredWithoutItsPasswordWhichTheKeychainGivesBack()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "postgresql"_L1) {
            QSKIP("only a PostgreSQL database has a password");
        }
        std::unique_ptr<TestDatabase> tdb;
        QString skip;
        {
            TestDbAccess access;
            tdb = TestDatabase::create(backend, &skip);
        }
        if (!tdb) {
            QSKIP(qPrintable(skip));
        }
        const auto drop = qScopeGuard([&] {
            TestDbAccess access;
            tdb.reset();
        });
        QString location;
        QString password;
        QString error;
        QVERIFY(DatabaseChoice::split(tdb->url(), &location, &password, &error));
        QVERIFY(!password.isEmpty());

        QCOMPARE(storeNow(tdb->url(), {}, false), QString());
        QCOMPARE(DatabaseChoice::storedLocation(), location);
        QVERIFY(DatabaseChoice::storedPasswordInKeychain());
        QVERIFY(!settingsFileText().isEmpty());
        QVERIFY(!settingsFileText().contains(password));
        QCOMPARE(SystemKeychain::readNow(DatabaseChoice::keychainKey(location)).secret, password);

        DatabaseChoice::Resolved r = resolveNow({});
        QVERIFY2(r.ok() && r.warning.isEmpty(), qPrintable(r.error + r.warning));
        QCOMPARE(r.source, DatabaseChoice::Source::UserChoice);
        QCOMPARE(r.config.password(), password);
        std::optional<ConnectionTester::Outcome> opened;
        QObject context;
        ConnectionTester::test(r.config, &context, [&](const ConnectionTester::Outcome &o) { opened = o; });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), patient(20000));
        QVERIFY2(opened->ok, qPrintable(opened->message));

        // Saved again with the password field left empty: the stored one stays.
        QCOMPARE(storeNow(location, {}, true), QString());
        QCOMPARE(SystemKeychain::readNow(DatabaseChoice::keychainKey(location)).secret, password);
        QCOMPARE(resolveNow({}).config.password(), password);

        // "Test connection" in the dialog uses the stored password when none is typed.
        {
            DataService data(tdb->config());
            AppContext app;
            app.database = tdb->config();
            SettingsDialog dialog(data, app);
            dialog.open();
            QVERIFY(dialog.findChild<QRadioButton *>(u"dbPostgres"_s)->isChecked());
            QVERIFY(dialog.findChild<QLineEdit *>(u"dbPassword"_s)->text().isEmpty());
            dialog.findChild<QPushButton *>(u"dbTest"_s)->click();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.databaseSection()->isTesting(), patient(20000));
            QVERIFY2(dialog.databaseSection()->testResult().startsWith(u"Connected"_s),
                     qPrintable(dialog.databaseSection()->testResult()));
        }

        // Another choice forgets the old password.
        QCOMPARE(storeNow(u"/srv/herald/elsewhere.db"_s, {}, true), QString());
        QVERIFY(!DatabaseChoice::storedPasswordInKeychain());
        QTRY_VERIFY(SystemKeychain::readNow(DatabaseChoice::keychainKey(location)).notFound());
    }

    void aPasswordGoneFromTheKeychainIsAWarningNotARefusalToStart()
    {
        const QString location = u"postgresql://herald@db.example.com:5432/herald"_s;
        QCOMPARE(storeNow(location, uniqueToken(), false), QString());
        QVERIFY(SystemKeychain::removeNow(DatabaseChoice::keychainKey(location)).ok());
        const DatabaseChoice::Resolved r = resolveNow({});
        QVERIFY(r.ok());
        QVERIFY(r.config.password().isEmpty());
        QVERIFY2(r.warning.contains(u"no longer in the keychain"_s), qPrintable(r.warning));
        QVERIFY(r.warning.contains(u"postgresql://herald@db.example.com:5432/herald"_s));
    }
};

HERALD_UI_TEST_MAIN(TestDatabaseChoice)
#include "test_databasechoice.moc"
