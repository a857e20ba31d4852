// herald-cli's `token` command and its keychain reads, through the real herald-cli against a
// real Secret Service (with-keyring.sh): the token goes in on standard input, is never printed,
// is what a later command sends to the Cloud API, and HERALD_ACCESS_TOKEN still wins.
#include "CliSecretsUtil.h"
#include "SecretSearch.h"
#include "SystemKeychain.h"
#include "simulator/CloudApiSimulator.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

class TestCliToken : public QObject
{
    Q_OBJECT

    QString m_scratch;
    QTemporaryDir m_dir;

    QString database() const { return m_dir.filePath(u"herald.db"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = qEnvironmentVariable("HERALD_TEST_SCRATCH");
        QVERIFY2(!m_scratch.isEmpty(), "run through with-keyring.sh");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_dir.path().startsWith(m_scratch), "TMPDIR lies inside the scratch folder");
        const CliResult r = runHeraldCli({u"--db"_s, database(), u"init"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void init() { SystemKeychain::removeNow(SystemKeychain::AccessTokenKey); }

    void setReadsTheTokenFromStandardInputAndStatusSaysWhereItIs()
    {
        CliResult r = runHeraldCli({u"token"_s, u"status"_s});
        QVERIFY2(r.exitCode == 5, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"holds no access token"_s), qPrintable(r.describe()));

        const QString token = uniqueToken();
        r = runHeraldCli({u"token"_s, u"set"_s}, "  " + token.toUtf8() + "  \n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(u"stored in the keychain"_s), qPrintable(r.describe()));
        QVERIFY(!r.out.contains(token) && !r.err.contains(token));
        // The keychain the console reads holds it, trimmed.
        QCOMPARE(SystemKeychain::readNow(SystemKeychain::AccessTokenKey).secret, token);

        r = runHeraldCli({u"token"_s, u"status"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.trimmed(), u"{\"keychain\":\"stored\",\"source\":\"keychain\"}"_s);
        r = runHeraldCli({u"token"_s, u"status"_s, u"--json"_s}, {},
                         {{u"HERALD_ACCESS_TOKEN"_s, uniqueToken()}});
        QVERIFY2(r.out.contains(u"\"source\":\"environment\""_s), qPrintable(r.describe()));

        r = runHeraldCli({u"token"_s, u"clear"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(SystemKeychain::readNow(SystemKeychain::AccessTokenKey).notFound());
        r = runHeraldCli({u"token"_s, u"clear"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    // The webhook receiver's two secrets: stored from standard input, never shown, found by
    // webhooks serve in the keychain, and removed again.
    void webhookSecretsGoInOnStandardInputAndServeFindsThem()
    {
        const QString secretKey = u"webhook-app-secret"_s;
        const QString tokenKey = u"webhook-verify-token"_s;
        SystemKeychain::removeNow(secretKey);
        SystemKeychain::removeNow(tokenKey);
        // Something listens on the port serve is told to use, so a serve that found its secrets
        // stops at listening, and one that did not stops before.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const QStringList serve{u"--db"_s,  database(),    u"webhooks"_s,
                                u"serve"_s, u"--listen"_s, u"127.0.0.1:%1"_s.arg(taken.serverPort())};
        CliResult r = runHeraldCli(serve);
        QVERIFY2(r.exitCode == 2 && r.err.contains(u"no app secret"_s), qPrintable(r.describe()));

        const QString secret = uniqueToken();
        const QString token = uniqueToken();
        r = runHeraldCli({u"webhooks"_s, u"secret"_s, u"set"_s, u"app-secret"_s},
                         " " + secret.toUtf8() + " \n");
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"stored in the keychain"_s), qPrintable(r.describe()));
        QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));
        QCOMPARE(SystemKeychain::readNow(secretKey).secret, secret);
        r = runHeraldCli({u"webhooks"_s, u"secret"_s, u"set"_s, u"verify-token"_s, u"--json"_s},
                         token.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.trimmed(), u"{\"secret\":\"verify-token\",\"stored\":true}"_s);
        QCOMPARE(SystemKeychain::readNow(tokenKey).secret, token);

        r = runHeraldCli(serve);
        QVERIFY2(r.exitCode != 0 && r.err.contains(u"listen"_s) && !r.err.contains(u"no app secret"_s),
                 qPrintable(r.describe()));
        QVERIFY(!r.out.contains(secret) && !r.err.contains(secret) && !r.err.contains(token));

        // Nothing from an empty line, two words, or an unknown name; the stored secret stays.
        QCOMPARE(runHeraldCli({u"webhooks"_s, u"secret"_s, u"set"_s, u"app-secret"_s}, "\n").exitCode, 2);
        QCOMPARE(
            runHeraldCli({u"webhooks"_s, u"secret"_s, u"set"_s, u"app-secret"_s}, "two words\n").exitCode, 2);
        QCOMPARE(runHeraldCli({u"webhooks"_s, u"secret"_s, u"set"_s, u"password"_s}, "x\n").exitCode, 2);
        QCOMPARE(SystemKeychain::readNow(secretKey).secret, secret);

        r = runHeraldCli({u"webhooks"_s, u"secret"_s, u"clear"_s, u"app-secret"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(SystemKeychain::readNow(secretKey).secret.isEmpty());
        r = runHeraldCli(serve);
        QVERIFY2(r.exitCode == 2 && r.err.contains(u"no app secret"_s), qPrintable(r.describe()));
        SystemKeychain::removeNow(tokenKey);
    }

    void nothingIsStoredFromAnEmptyInputOrTheCommandLine()
    {
        CliResult r = runHeraldCli({u"token"_s, u"set"_s}, "\n");
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"no token on standard input"_s), qPrintable(r.describe()));
        r = runHeraldCli({u"token"_s, u"set"_s, uniqueToken()}, "\n");
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        r = runHeraldCli({u"token"_s, u"set"_s}, "two words\n");
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        r = runHeraldCli({u"token"_s, u"whatever"_s});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(SystemKeychain::readNow(SystemKeychain::AccessTokenKey).notFound());
    }

    void aCommandSendsTheKeychainTokenAndTheEnvironmentWinsOverIt()
    {
        const QString token = uniqueToken();
        SimulatorConfig config;
        config.accessToken = token;
        CloudApiSimulator sim(config);
        QVERIFY(sim.start());
        const QStringList sync{u"--db"_s,      database(),         u"templates"_s,
                               u"sync"_s,      u"--api-base"_s,    sim.baseUrl().toString(),
                               u"--waba-id"_s, sim.config().wabaId};

        CliResult r = runHeraldCli(sync);
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(u"herald-cli token set"_s), qPrintable(r.describe()));

        QVERIFY(runHeraldCli({u"token"_s, u"set"_s}, token.toUtf8() + '\n').exitCode == 0);
        r = runHeraldCli(sync);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(sim.log().totals().templateListings > 0);
        QVERIFY(!r.out.contains(token) && !r.err.contains(token));

        // HERALD_ACCESS_TOKEN overrides the keychain: a wrong one is refused by the API.
        const int listings = sim.log().totals().templateListings;
        r = runHeraldCli(sync, {}, {{u"HERALD_ACCESS_TOKEN"_s, u"EAAwrong"_s + uniqueToken()}});
        QVERIFY2(r.exitCode == 13, qPrintable(r.describe()));
        QCOMPARE(sim.log().totals().templateListings, listings);

        // Every file these runs wrote — the database, settings, the keyring's own — is free of it.
        QVERIFY(fileCount({m_scratch}) > 0);
        const QStringList leaks = filesContaining({m_scratch}, token);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TestCliToken)
#include "test_cli_token.moc"
