#include "sending/Credentials.h"

#include "SystemKeychain.h"

#include <QPointer>
#include <QTimer>

namespace herald::ui {

Credentials::Credentials(QObject *parent)
    : QObject(parent)
{}

bool Credentials::environmentOverrides()
{
    return !qEnvironmentVariable(EnvironmentVariable).trimmed().isEmpty();
}

void Credentials::lookup(std::function<void(const Lookup &)> done)
{
    Lookup found;
    if (const QString token = qEnvironmentVariable(EnvironmentVariable).trimmed(); !token.isEmpty()) {
        found.token = token;
        found.source = Source::Environment;
    } else if (!m_sessionToken.isEmpty()) {
        found.token = m_sessionToken;
        found.source = Source::Session;
    }
    if (found.source != Source::None) {
        QTimer::singleShot(0, this, [done = std::move(done), found] { done(found); });
        return;
    }
    SystemKeychain::read(
        SystemKeychain::AccessTokenKey, this, [done = std::move(done)](const KeychainResult &r) {
            Lookup l;
            if (r.ok() && !r.secret.trimmed().isEmpty()) {
                l.token = r.secret.trimmed();
                l.source = Source::Keychain;
            } else if (r.ok() || r.notFound()) {
                l.problem = tr("No access token is set. Enter it in Settings; Herald keeps it in "
                               "the operating system's keychain.");
            } else {
                l.keychainFailed = true;
                l.keychainProblem = r.problem;
                l.problem = tr("No access token is available: %1 Enter the token in Settings and "
                               "keep it for this session only, or set %2.")
                                .arg(r.problem, QLatin1StringView(EnvironmentVariable));
            }
            done(l);
        });
}

void Credentials::accessToken(std::function<void(QString, QString)> done)
{
    lookup([done = std::move(done)](const Lookup &l) { done(l.token, l.problem); });
}

void Credentials::setSessionToken(const QString &token)
{
    m_sessionToken = token.trimmed();
    Q_EMIT changed();
}

void Credentials::storeToken(const QString &token, std::function<void(QString)> done)
{
    SystemKeychain::write(SystemKeychain::AccessTokenKey, token.trimmed(), this,
                          [this, done = std::move(done)](const KeychainResult &r) {
                              if (!r.ok()) {
                                  done(tr("The token was not stored: %1").arg(r.problem));
                                  return;
                              }
                              m_sessionToken.clear();
                              Q_EMIT changed();
                              done({});
                          });
}

void Credentials::forgetToken(std::function<void(QString)> done)
{
    m_sessionToken.clear();
    SystemKeychain::remove(SystemKeychain::AccessTokenKey, this,
                           [this, done = std::move(done)](const KeychainResult &r) {
                               Q_EMIT changed();
                               done(r.ok() ? QString() : tr("The token was not removed: %1").arg(r.problem));
                           });
}

} // namespace herald::ui
