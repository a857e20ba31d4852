#include "SystemKeychain.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

enum class Kind { Read, Write, Remove };

KeychainResult failed(const QString &problem)
{
    KeychainResult r;
    r.outcome = KeychainResult::Outcome::Failed;
    r.problem = problem;
    return r;
}

KeychainResult resultOf(Kind kind, QKeychain::Job *job)
{
    KeychainResult r;
    switch (job->error()) {
    case QKeychain::NoError:
        r.outcome = KeychainResult::Outcome::Done;
        if (kind == Kind::Read) {
            r.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        }
        return r;
    case QKeychain::EntryNotFound:
        if (kind == Kind::Write) {
            break;
        }
        r.outcome = kind == Kind::Remove ? KeychainResult::Outcome::Done : KeychainResult::Outcome::NotFound;
        return r;
    case QKeychain::AccessDeniedByUser:
        return failed(SystemKeychain::tr("Access to the keychain was not allowed."));
    case QKeychain::AccessDenied:
        return failed(SystemKeychain::tr("The keychain refused access: %1").arg(job->errorString()));
    case QKeychain::NoBackendAvailable:
        return failed(SystemKeychain::tr("No keychain is available (%1). On Linux, start GNOME Keyring, "
                                         "KWallet or another Secret Service.")
                          .arg(job->errorString()));
    default:
        break;
    }
    return failed(SystemKeychain::tr("The keychain could not be used: %1").arg(job->errorString()));
}

void start(Kind kind, const QString &key, const QString &secret, QObject *context,
           SystemKeychain::Callback done, std::chrono::milliseconds timeout)
{
    Q_ASSERT(context);
    // One answer per request: the job's, or the timeout's, whichever comes first. It is always
    // queued, so a caller never sees its callback run inside its own call.
    auto answered = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    auto answer = [answered, guard, done = std::move(done)](const KeychainResult &result) {
        if (*answered || !guard) {
            return;
        }
        *answered = true;
        QMetaObject::invokeMethod(
            guard.data(), [done, result] { done(result); }, Qt::QueuedConnection);
    };

    if (const QString why = SystemKeychain::whyUnreachable(); !why.isEmpty()) {
        answer(failed(why));
        return;
    }
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(SystemKeychain::Service);
        break;
    case Kind::Write: {
        if (secret.isEmpty()) {
            answer(failed(SystemKeychain::tr("An empty secret is not stored.")));
            return;
        }
        auto *write = new QKeychain::WritePasswordJob(SystemKeychain::Service);
        write->setTextData(secret);
        job = write;
        break;
    }
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(SystemKeychain::Service);
        break;
    }
    // Never a plain-text copy in a settings file when the keychain fails.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [answer, kind](QKeychain::Job *j) { answer(resultOf(kind, j)); });
    QTimer::singleShot(timeout, context, [answer, timeout] {
        answer(failed(SystemKeychain::tr("The keychain did not answer within %n second(s).", nullptr,
                                         int(std::chrono::ceil<std::chrono::seconds>(timeout).count()))));
    });
    job->start();
}

KeychainResult wait(const std::function<void(QObject *, SystemKeychain::Callback)> &request)
{
    QEventLoop loop;
    QObject context;
    std::optional<KeychainResult> result;
    request(&context, [&](const KeychainResult &r) {
        result = r;
        loop.quit();
    });
    if (!result) {
        loop.exec();
    }
    return *result;
}

} // namespace

QString SystemKeychain::whyUnreachable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        return {};
    }
    // Without the variable, D-Bus libraries look for the user's bus in the runtime folder.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo::exists(QDir(runtime).filePath(u"bus"_s))) {
        return {};
    }
    return tr("No keychain can be reached: this session has no D-Bus session bus "
              "(DBUS_SESSION_BUS_ADDRESS is not set), and Linux keychains (GNOME Keyring, KWallet, "
              "KeePassXC) are reached through it.");
#else
    return {};
#endif
}

void SystemKeychain::read(const QString &key, QObject *context, Callback done,
                          std::chrono::milliseconds timeout)
{
    start(Kind::Read, key, {}, context, std::move(done), timeout);
}

void SystemKeychain::write(const QString &key, const QString &secret, QObject *context, Callback done,
                           std::chrono::milliseconds timeout)
{
    start(Kind::Write, key, secret, context, std::move(done), timeout);
}

void SystemKeychain::remove(const QString &key, QObject *context, Callback done,
                            std::chrono::milliseconds timeout)
{
    start(Kind::Remove, key, {}, context, std::move(done), timeout);
}

KeychainResult SystemKeychain::readNow(const QString &key, std::chrono::milliseconds timeout)
{
    return wait([&](QObject *context, Callback done) { read(key, context, std::move(done), timeout); });
}

KeychainResult SystemKeychain::writeNow(const QString &key, const QString &secret,
                                        std::chrono::milliseconds timeout)
{
    return wait(
        [&](QObject *context, Callback done) { write(key, secret, context, std::move(done), timeout); });
}

KeychainResult SystemKeychain::removeNow(const QString &key, std::chrono::milliseconds timeout)
{
    return wait([&](QObject *context, Callback done) { remove(key, context, std::move(done), timeout); });
}

} // namespace herald
