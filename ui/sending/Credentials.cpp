#include "sending/Credentials.h"

#include <QTimer>

namespace herald::ui {

Credentials::Credentials(QObject *parent)
    : QObject(parent)
{}

void Credentials::accessToken(std::function<void(QString, QString)> done)
{
    QString token = qEnvironmentVariable(EnvironmentVariable).trimmed();
    if (token.isEmpty()) {
        token = m_sessionToken;
    }
    QString problem;
    if (token.isEmpty()) {
        problem =
            tr("No access token is set. Enter it in Settings; Herald keeps it in the operating system's "
               "keychain.");
    }
    QTimer::singleShot(0, this, [done = std::move(done), token, problem] { done(token, problem); });
}

void Credentials::setSessionToken(const QString &token)
{
    m_sessionToken = token.trimmed();
    Q_EMIT changed();
}

} // namespace herald::ui
