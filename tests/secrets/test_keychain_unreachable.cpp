// Without a keychain — CI's situation: root, headless, no session bus — every request fails at
// once with a message that says why, nothing is ever written to a file instead (QtKeychain's
// plain-text fallback stays off), and herald-cli says so rather than waiting.
#include "CliSecretsUtil.h"
#include "SecretSearch.h"
#include "SystemKeychain.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestKeychainUnreachable : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QList<QPair<QString, QString>> childEnvironment(const QString &busAddress = {}) const
    {
        return {{u"HOME"_s, m_home.path()},
                {u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s)},
                {u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s)},
                {u"XDG_RUNTIME_DIR"_s, QString()},
                {u"DBUS_SESSION_BUS_ADDRESS"_s, busAddress}};
    }

    void expectNoFileHolds(const QString &secret)
    {
        const QStringList leaks = filesContaining({m_home.path()}, secret);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // This process's settings and data folders, where a fallback would have written.
        qputenv("HOME", m_home.path().toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toLocal8Bit());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("XDG_RUNTIME_DIR");
        QVERIFY2(QFile::exists(QString::fromUtf8(HERALD_CLI_PATH)), HERALD_CLI_PATH);
    }

    void cleanup() { qunsetenv("DBUS_SESSION_BUS_ADDRESS"); }

    void withoutASessionBusEveryRequestFailsAtOnceSayingWhy()
    {
        const QString why = SystemKeychain::whyUnreachable();
        QVERIFY(why.contains(u"D-Bus"_s));
        QVERIFY(why.contains(u"DBUS_SESSION_BUS_ADDRESS"_s));

        const QString secret = uniqueToken();
        QElapsedTimer clock;
        clock.start();
        const KeychainResult write = SystemKeychain::writeNow(SystemKeychain::AccessTokenKey, secret);
        QVERIFY(!write.ok());
        QCOMPARE(write.problem, why);
        const KeychainResult read = SystemKeychain::readNow(SystemKeychain::AccessTokenKey);
        QVERIFY(!read.ok() && !read.notFound()); // a failure, never "nothing stored"
        QVERIFY(read.secret.isEmpty());
        QCOMPARE(read.problem, why);
        QVERIFY(!SystemKeychain::removeNow(SystemKeychain::AccessTokenKey).ok());
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));

        std::optional<KeychainResult> async;
        QObject context;
        SystemKeychain::read(SystemKeychain::AccessTokenKey, &context,
                             [&](const KeychainResult &r) { async = r; });
        QVERIFY(!async);
        QTRY_VERIFY_WITH_TIMEOUT(async.has_value(), 2000);
        QCOMPARE(async->problem, why);
        expectNoFileHolds(secret);
    }

    void aBusAddressLeadingNowhereFailsCleanlyThroughQtKeychain()
    {
        // Past Herald's own check: QtKeychain is asked and must fail, not hang and not fall back
        // to a file. QtKeychain's plain-text fallback exists on its KWallet path, so this process
        // takes that one (it chooses once per process); herald-cli below takes libsecret's.
        qputenv("XDG_CURRENT_DESKTOP", "KDE");
        qputenv("KDE_SESSION_VERSION", "4");
        qputenv("DBUS_SESSION_BUS_ADDRESS", (u"unix:path="_s + m_home.filePath(u"no-bus"_s)).toLocal8Bit());
        QVERIFY(SystemKeychain::whyUnreachable().isEmpty());
        const QString secret = uniqueToken();
        QElapsedTimer clock;
        clock.start();
        const KeychainResult write = SystemKeychain::writeNow(SystemKeychain::AccessTokenKey, secret);
        QVERIFY(!write.ok());
        QVERIFY(!write.problem.isEmpty());
        QVERIFY2(write.problem.startsWith(u"The keychain"_s) || write.problem.startsWith(u"No keychain"_s),
                 qPrintable(write.problem));
        const KeychainResult read = SystemKeychain::readNow(SystemKeychain::AccessTokenKey);
        QVERIFY(!read.ok());
        QVERIFY(read.secret.isEmpty());
        QVERIFY2(clock.elapsed() < 2 * SystemKeychain::CommandLineTimeout.count() + 1000,
                 qPrintable(QString::number(clock.elapsed())));
        expectNoFileHolds(secret);
        QVERIFY(!QSettings().contains(SystemKeychain::AccessTokenKey));
    }

    void theCommandLineSaysThereIsNoKeychainInsteadOfWaiting()
    {
        const QString token = uniqueToken();
        CliResult r = runHeraldCli({u"token"_s, u"set"_s}, token.toUtf8() + '\n', childEnvironment());
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"No keychain can be reached"_s), qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"HERALD_ACCESS_TOKEN"_s), qPrintable(r.describe()));
        QVERIFY2(r.ms < 3000, qPrintable(r.describe()));
        QVERIFY(!r.out.contains(token) && !r.err.contains(token));
        expectNoFileHolds(token);

        r = runHeraldCli({u"token"_s, u"status"_s}, {}, childEnvironment());
        QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"No keychain can be reached"_s), qPrintable(r.describe()));
        r = runHeraldCli({u"token"_s, u"status"_s, u"--json"_s}, {},
                         childEnvironment() +
                             QList<QPair<QString, QString>>{{u"HERALD_ACCESS_TOKEN"_s, token}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"\"source\":\"environment\""_s), qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"\"keychain\":\"unavailable\""_s), qPrintable(r.describe()));
        QVERIFY(!r.out.contains(token));

        // A command that needs a token tells where one may come from, at once.
        const QString db = m_home.filePath(u"cli.db"_s);
        r = runHeraldCli({u"--db"_s, db, u"init"_s}, {}, childEnvironment());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = runHeraldCli({u"--db"_s, db, u"templates"_s, u"sync"_s, u"--waba-id"_s, u"1"_s}, {},
                         childEnvironment());
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"HERALD_ACCESS_TOKEN"_s) && r.err.contains(u"D-Bus"_s),
                 qPrintable(r.describe()));
        QVERIFY2(r.ms < 3000, qPrintable(r.describe()));

        // With a bus address that leads nowhere, the keychain is asked and its failure reported
        // within the command line's timeout.
        r = runHeraldCli({u"--db"_s, db, u"templates"_s, u"sync"_s, u"--waba-id"_s, u"1"_s}, {},
                         childEnvironment(u"unix:path="_s + m_home.filePath(u"no-bus"_s)));
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"the keychain could not be read"_s), qPrintable(r.describe()));
        QVERIFY2(r.ms < SystemKeychain::CommandLineTimeout.count() + 2000, qPrintable(r.describe()));
    }
};

QTEST_GUILESS_MAIN(TestKeychainUnreachable)
#include "test_keychain_unreachable.moc"
