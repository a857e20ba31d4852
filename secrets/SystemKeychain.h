#pragma once

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <functional>

class QObject;

namespace herald {

// What a keychain request came to. A read that finds nothing is NotFound, not a failure: no
// secret has been stored yet.
struct KeychainResult
{
    enum class Outcome { Done, NotFound, Failed };

    Outcome outcome = Outcome::Failed;
    QString secret;  // what a read found
    QString problem; // Failed: why, in words a user can act on

    bool ok() const { return outcome == Outcome::Done; }
    bool notFound() const { return outcome == Outcome::NotFound; }
};

// The operating system's keychain (QtKeychain): the Secret Service (GNOME Keyring, KeePassXC)
// or KWallet on Linux, the macOS Keychain, Windows Credential Manager. Secrets — the access
// token, a PostgreSQL password — live there and nowhere else: when no keychain can be used,
// requests fail with why, and nothing is ever written to a plain file instead (QtKeychain's
// "insecure fallback" stays off).
//
// Requests are asynchronous: the answer comes by callback on `context`'s thread, always after
// the call has returned, and is dropped when `context` is gone. A request that gets no answer
// within `timeout` fails (a keychain waiting for a password prompt nobody sees must not hold
// a caller forever). The *Now variants wait in a local event loop, for herald-cli: never on a
// GUI thread.
class SystemKeychain
{
    Q_DECLARE_TR_FUNCTIONS(SystemKeychain)

public:
    // Every Herald program files its secrets under this service name.
    static inline const QString Service = QStringLiteral("Herald");
    // The Cloud API access token, shared by the console and herald-cli.
    static inline const QString AccessTokenKey = QStringLiteral("access-token");

    // The console may wait for a user to unlock the keychain; herald-cli must not hang.
    static constexpr std::chrono::milliseconds InteractiveTimeout{60000};
    static constexpr std::chrono::milliseconds CommandLineTimeout{3000};

    using Callback = std::function<void(const KeychainResult &)>;

    // Empty when a keychain may be reachable, else why none is. On Linux every keychain is a
    // D-Bus service of the user's session, so without a session bus there is none.
    static QString whyUnreachable();

    static void read(const QString &key, QObject *context, Callback done,
                     std::chrono::milliseconds timeout = InteractiveTimeout);
    // An empty secret is refused: use remove().
    static void write(const QString &key, const QString &secret, QObject *context, Callback done,
                      std::chrono::milliseconds timeout = InteractiveTimeout);
    // Removing an entry that does not exist is Done.
    static void remove(const QString &key, QObject *context, Callback done,
                       std::chrono::milliseconds timeout = InteractiveTimeout);

    static KeychainResult readNow(const QString &key, std::chrono::milliseconds timeout = CommandLineTimeout);
    static KeychainResult writeNow(const QString &key, const QString &secret,
                                   std::chrono::milliseconds timeout = CommandLineTimeout);
    static KeychainResult removeNow(const QString &key,
                                    std::chrono::milliseconds timeout = CommandLineTimeout);
};

} // namespace herald
