#include "settings/DatabaseChoice.h"

#include "SystemKeychain.h"

#include <QMetaObject>
#include <QObject>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

bool isPostgres(const QString &spec)
{
    return spec.startsWith("postgresql://"_L1, Qt::CaseInsensitive) ||
           spec.startsWith("postgres://"_L1, Qt::CaseInsensitive);
}

void deliver(QObject *context, std::function<void(const DatabaseChoice::Resolved &)> done,
             const DatabaseChoice::Resolved &r)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), r] { done(r); }, Qt::QueuedConnection);
}

DatabaseChoice::Resolved parsed(const QString &spec, DatabaseChoice::Source source)
{
    DatabaseChoice::Resolved r;
    r.source = source;
    QString error;
    if (!DatabaseConfig::parse(spec, &r.config, &error)) {
        switch (source) {
        case DatabaseChoice::Source::CommandLine:
            r.error = DatabaseChoice::tr("--db: %1").arg(error);
            break;
        case DatabaseChoice::Source::Environment:
            r.error = DatabaseChoice::tr("HERALD_DB: %1").arg(error);
            break;
        default:
            r.error = DatabaseChoice::tr("The database chosen in Settings cannot be used: %1 Start Herald "
                                         "with --db to open another one.")
                          .arg(error);
            break;
        }
    }
    return r;
}

} // namespace

QString DatabaseChoice::storedLocation()
{
    return QSettings().value(LocationKey).toString().trimmed();
}

bool DatabaseChoice::storedPasswordInKeychain()
{
    return QSettings().value(PasswordInKeychainKey, false).toBool();
}

bool DatabaseChoice::split(const QString &rawSpec, QString *location, QString *password, QString *error)
{
    const QString spec = rawSpec.trimmed();
    DatabaseConfig probe;
    if (!DatabaseConfig::parse(spec, &probe, error)) {
        return false;
    }
    if (!isPostgres(spec)) {
        *location = spec;
        password->clear();
        return true;
    }
    const QUrl url(spec, QUrl::StrictMode);
    *password = url.password(QUrl::FullyDecoded);
    *location = url.toString(QUrl::RemovePassword);
    return true;
}

QString DatabaseChoice::withPassword(const QString &location, const QString &password)
{
    if (password.isEmpty() || !isPostgres(location)) {
        return location;
    }
    QUrl url(location, QUrl::StrictMode);
    url.setPassword(password);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseChoice::keychainKey(const QString &location)
{
    // One entry per server, user and database, named without the password.
    DatabaseConfig config;
    QString ignored;
    const QString name = DatabaseConfig::parse(location, &config, &ignored) ? config.displayName() : location;
    return u"database-password:"_s + name;
}

void DatabaseChoice::resolve(const QString &commandLineValue, QObject *context,
                             std::function<void(const Resolved &)> done)
{
    if (!commandLineValue.trimmed().isEmpty()) {
        deliver(context, std::move(done), parsed(commandLineValue, Source::CommandLine));
        return;
    }
    if (const QString env = qEnvironmentVariable("HERALD_DB").trimmed(); !env.isEmpty()) {
        deliver(context, std::move(done), parsed(env, Source::Environment));
        return;
    }
    if (const QString location = storedLocation(); !location.isEmpty()) {
        complete(location, storedPasswordInKeychain(), context, std::move(done));
        return;
    }
    deliver(context, std::move(done), parsed(QString(), Source::Embedded));
}

void DatabaseChoice::complete(const QString &location, bool passwordInKeychain, QObject *context,
                              std::function<void(const Resolved &)> done)
{
    Resolved r = parsed(location, Source::UserChoice);
    if (!r.ok() || !passwordInKeychain || r.config.dialect() != Dialect::Postgres) {
        deliver(context, std::move(done), r);
        return;
    }
    SystemKeychain::read(keychainKey(location), context,
                         [location, r, done = std::move(done)](const KeychainResult &k) mutable {
                             if (k.ok()) {
                                 r = parsed(withPassword(location, k.secret), Source::UserChoice);
                             } else if (k.notFound()) {
                                 // Tried without it: the server may not need one, and if it does
                                 // its refusal says so and Settings can take the password again.
                                 r.warning = tr("The password of %1 is no longer in the keychain. Enter it "
                                                "again in Settings.")
                                                 .arg(r.config.displayName());
                             } else {
                                 r.warning = tr("The password of %1 could not be read from the keychain: %2")
                                                 .arg(r.config.displayName(), k.problem);
                             }
                             done(r);
                         });
}

void DatabaseChoice::store(const QString &spec, const QString &password, bool keepStoredPassword,
                           QObject *context, std::function<void(QString)> done)
{
    auto answer = [context, done](const QString &problem) {
        QMetaObject::invokeMethod(
            context, [done, problem] { done(problem); }, Qt::QueuedConnection);
    };
    QString location;
    QString typedPassword;
    QString error;
    if (!split(spec, &location, &typedPassword, &error)) {
        answer(error);
        return;
    }
    const QString secret = password.isEmpty() ? typedPassword : password;
    const QString previous = storedLocation();
    const bool previousHadPassword = storedPasswordInKeychain();
    // A password left behind under a location no longer used is removed, best effort.
    auto forgetPrevious = [previous, previousHadPassword, context](const QString &now) {
        if (previousHadPassword && !previous.isEmpty() && keychainKey(previous) != keychainKey(now)) {
            SystemKeychain::remove(keychainKey(previous), context, [](const KeychainResult &) {});
        }
    };
    auto remember = [location](bool passwordInKeychain) {
        QSettings settings;
        settings.setValue(LocationKey, location);
        settings.setValue(PasswordInKeychainKey, passwordInKeychain);
    };

    if (!isPostgres(location)) {
        remember(false);
        forgetPrevious(location);
        answer({});
        return;
    }
    if (secret.isEmpty()) {
        const bool keep =
            keepStoredPassword && previousHadPassword && keychainKey(previous) == keychainKey(location);
        if (!keep && previousHadPassword) {
            SystemKeychain::remove(keychainKey(previous), context, [](const KeychainResult &) {});
        }
        remember(keep);
        answer({});
        return;
    }
    SystemKeychain::write(keychainKey(location), secret, context,
                          [remember, forgetPrevious, location, answer](const KeychainResult &k) {
                              if (!k.ok()) {
                                  answer(tr("The database password was not stored: %1 Herald never writes "
                                            "it to a file; start Herald with --db or HERALD_DB instead.")
                                             .arg(k.problem));
                                  return;
                              }
                              remember(true);
                              forgetPrevious(location);
                              answer({});
                          });
}

QString DatabaseChoice::describe(Source source)
{
    switch (source) {
    case Source::CommandLine:
        return tr("chosen with --db");
    case Source::Environment:
        return tr("chosen with HERALD_DB");
    case Source::UserChoice:
        return tr("chosen in Settings");
    case Source::Embedded:
        break;
    }
    return tr("the embedded default");
}

} // namespace herald::ui
