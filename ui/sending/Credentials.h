#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace herald::ui {

// Where the console gets the access token, in order: HERALD_ACCESS_TOKEN, a token kept in
// memory for this session, the operating system's keychain. The token is never written to
// settings files, the database or logs. Answers arrive by callback (the keychain answers over
// D-Bus), never by waiting on the GUI thread. When no keychain can be used, the answer says so
// plainly; the Settings dialog then offers to keep the token for this session only — there is
// no plain-text fallback.
class Credentials : public QObject
{
    Q_OBJECT

public:
    enum class Source { None, Environment, Session, Keychain };

    // Where a token came from, or why there is none (`problem`, in words).
    struct Lookup
    {
        QString token;
        Source source = Source::None;
        QString problem;
        // The keychain could not be asked or did not answer (not merely empty), and why.
        bool keychainFailed = false;
        QString keychainProblem;
    };

    explicit Credentials(QObject *parent = nullptr);

    // `done(token, problem)`: a token, or an empty one with why there is none in words.
    virtual void accessToken(std::function<void(QString token, QString problem)> done);
    void lookup(std::function<void(const Lookup &)> done);

    // Kept only in this process's memory (when no keychain is reachable), or cleared.
    void setSessionToken(const QString &token);
    bool hasSessionToken() const { return !m_sessionToken.isEmpty(); }
    static bool environmentOverrides();

    // Stores the token in the keychain; `done(problem)` is empty when it is there. The session
    // token is dropped once the keychain holds one, so the stored one is what is used.
    void storeToken(const QString &token, std::function<void(QString problem)> done);
    // Removes the token from the keychain and from this session.
    void forgetToken(std::function<void(QString problem)> done);

    static constexpr auto EnvironmentVariable = "HERALD_ACCESS_TOKEN";

Q_SIGNALS:
    void changed();

protected:
    QString m_sessionToken;
};

} // namespace herald::ui
