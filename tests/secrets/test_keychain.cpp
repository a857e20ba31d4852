// SystemKeychain against a real Secret Service: GNOME Keyring on a private D-Bus session bus
// (with-keyring.sh), reached through QtKeychain exactly as the console and herald-cli reach the
// user's keychain. libsecret's own secret-tool confirms what was stored from outside Herald.
#include "SecretSearch.h"
#include "SystemKeychain.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// What libsecret itself finds under QtKeychain's attributes; null when secret-tool is absent.
std::optional<QString> secretToolLookup(const QString &key)
{
    const QString tool = QStandardPaths::findExecutable(u"secret-tool"_s);
    if (tool.isEmpty()) {
        return std::nullopt;
    }
    QProcess p;
    p.start(tool, {u"lookup"_s, u"server"_s, SystemKeychain::Service, u"user"_s, key});
    if (!p.waitForFinished(10000)) {
        return QString();
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

    QString m_scratch;

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = qEnvironmentVariable("HERALD_TEST_SCRATCH");
        QVERIFY2(!m_scratch.isEmpty(), "run through with-keyring.sh");
        QVERIFY2(SystemKeychain::whyUnreachable().isEmpty(), qPrintable(SystemKeychain::whyUnreachable()));
    }

    void aStoredSecretReadsBackAndTheNextOneReplacesIt()
    {
        const QString key = u"test-replace"_s;
        const QString first = uniqueToken();
        KeychainResult r = SystemKeychain::writeNow(key, first);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        r = SystemKeychain::readNow(key);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        QCOMPARE(r.secret, first);
        if (const auto outside = secretToolLookup(key)) {
            QCOMPARE(*outside, first);
        }

        const QString second = u"pässwörd ✓ \"quoted\" and spaced "_s + uniqueToken();
        QVERIFY(SystemKeychain::writeNow(key, second).ok());
        r = SystemKeychain::readNow(key);
        QVERIFY(r.ok());
        QCOMPARE(r.secret, second);
    }

    void anEntryNeverStoredIsNotFoundRatherThanAFailure()
    {
        const KeychainResult r = SystemKeychain::readNow(u"test-never-stored"_s);
        QVERIFY2(r.notFound(), qPrintable(r.problem));
        QVERIFY(r.secret.isEmpty());
        QVERIFY(r.problem.isEmpty());
    }

    void removingDeletesTheEntryAndRemovingAgainIsNoError()
    {
        const QString key = u"test-remove"_s;
        QVERIFY(SystemKeychain::writeNow(key, uniqueToken()).ok());
        KeychainResult r = SystemKeychain::removeNow(key);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        QVERIFY(SystemKeychain::readNow(key).notFound());
        if (const auto outside = secretToolLookup(key)) {
            QVERIFY(outside->isEmpty());
        }
        r = SystemKeychain::removeNow(key);
        QVERIFY2(r.ok(), qPrintable(r.problem));
    }

    void entriesUnderDifferentKeysAreSeparate()
    {
        const QString token = uniqueToken();
        const QString password = uniqueToken();
        QVERIFY(SystemKeychain::writeNow(SystemKeychain::AccessTokenKey, token).ok());
        QVERIFY(SystemKeychain::writeNow(u"database-password:postgresql://u@h:5432/d"_s, password).ok());
        QCOMPARE(SystemKeychain::readNow(SystemKeychain::AccessTokenKey).secret, token);
        QCOMPARE(SystemKeychain::readNow(u"database-password:postgresql://u@h:5432/d"_s).secret, password);
        QVERIFY(SystemKeychain::removeNow(SystemKeychain::AccessTokenKey).ok());
        QCOMPARE(SystemKeychain::readNow(u"database-password:postgresql://u@h:5432/d"_s).secret, password);
    }

    void anEmptySecretIsRefusedAndNothingIsStored()
    {
        const QString key = u"test-empty"_s;
        const KeychainResult r = SystemKeychain::writeNow(key, QString());
        QVERIFY(!r.ok());
        QVERIFY(!r.problem.isEmpty());
        QVERIFY(SystemKeychain::readNow(key).notFound());
    }

    void theAnswerComesAfterTheCallReturnsAndNeverToAContextThatIsGone()
    {
        const QString key = u"test-async"_s;
        const QString secret = uniqueToken();
        QVERIFY(SystemKeychain::writeNow(key, secret).ok());

        QObject context;
        std::optional<KeychainResult> answer;
        SystemKeychain::read(key, &context, [&](const KeychainResult &r) { answer = r; });
        QVERIFY(!answer); // never inside the call, even when the keychain answers at once
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QCOMPARE(answer->secret, secret);

        bool calledAfterDeath = false;
        auto doomed = std::make_unique<QObject>();
        SystemKeychain::read(key, doomed.get(), [&](const KeychainResult &) { calledAfterDeath = true; });
        doomed.reset();
        // A later request on a living context has its answer; the earlier one must stay silent.
        std::optional<KeychainResult> later;
        SystemKeychain::read(key, &context, [&](const KeychainResult &r) { later = r; });
        QTRY_VERIFY_WITH_TIMEOUT(later.has_value(), 10000);
        QTest::qWait(200);
        QVERIFY(!calledAfterDeath);
    }

    void aQuickKeychainIsNotGivenUpByTheCommandLineTimeout()
    {
        const QString key = u"test-timing"_s;
        QVERIFY(SystemKeychain::writeNow(key, uniqueToken()).ok());
        QElapsedTimer clock;
        clock.start();
        const KeychainResult r = SystemKeychain::readNow(key);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        QVERIFY2(clock.elapsed() < SystemKeychain::CommandLineTimeout.count(),
                 qPrintable(QString::number(clock.elapsed())));
    }

    void theSecretIsInNoFileAsPlainText()
    {
        const QString secret = uniqueToken();
        QVERIFY(SystemKeychain::writeNow(u"test-at-rest"_s, secret).ok());
        QVERIFY(SystemKeychain::readNow(u"test-at-rest"_s).ok());
        // The keyring's own file is there (encrypted); nothing else holds the secret either,
        // such as QtKeychain's plain-text fallback in a settings file.
        QVERIFY(fileCount({m_scratch}) > 0);
        const QStringList leaks = filesContaining(
            {m_scratch, QStandardPaths::writableLocation(QStandardPaths::ConfigLocation)}, secret);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "test_keychain.moc"
