#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace herald::ui {

// Where the console gets the access token, in order: HERALD_ACCESS_TOKEN, a token kept in
// memory for this session, the operating system's keychain. The token is never written to
// settings files, the database or logs. Answers arrive by callback (the keychain answers over
// D-Bus), never by waiting on the GUI thread.
class Credentials : public QObject
{
    Q_OBJECT

public:
    explicit Credentials(QObject *parent = nullptr);

    // `done(token, problem)`: a token, or an empty one with why there is none in words.
    virtual void accessToken(std::function<void(QString token, QString problem)> done);
    // Kept only in this process's memory (when no keychain is reachable), or cleared.
    void setSessionToken(const QString &token);
    bool hasSessionToken() const { return !m_sessionToken.isEmpty(); }

    static constexpr auto EnvironmentVariable = "HERALD_ACCESS_TOKEN";

Q_SIGNALS:
    void changed();

protected:
    QString m_sessionToken;
};

} // namespace herald::ui
