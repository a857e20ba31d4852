#pragma once

#include "cloudapi/Redactor.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>

class QDebug;

namespace herald {

// Where and as whom Herald talks to the Graph API. The base URL and version are settings,
// not constants: proxies, the built-in simulator and tests point elsewhere, and Meta retires
// versions (v23.0 is served until 2027-10).
//
// The access token is a credential: no text produced here (validate(), operator<<) contains
// it, and redactor() masks it in texts produced elsewhere.
class ApiSettings
{
public:
    static constexpr std::chrono::milliseconds DefaultRequestTimeout{30000};
    static QString defaultBaseUrl();    // https://graph.facebook.com
    static QString defaultApiVersion(); // v23.0

    QString baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QString &url); // a trailing "/" is dropped
    QString apiVersion() const { return m_apiVersion; }
    void setApiVersion(const QString &version) { m_apiVersion = version.trimmed(); }
    QString phoneNumberId() const { return m_phoneNumberId; }
    void setPhoneNumberId(const QString &id) { m_phoneNumberId = id.trimmed(); }
    QString wabaId() const { return m_wabaId; }
    void setWabaId(const QString &id) { m_wabaId = id.trimmed(); }
    QString accessToken() const { return m_accessToken; }
    void setAccessToken(const QString &token) { m_accessToken = token.trimmed(); }
    bool hasAccessToken() const { return !m_accessToken.isEmpty(); }
    std::chrono::milliseconds requestTimeout() const { return m_requestTimeout; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }
    // An extra certificate authority to trust beside the system's (PEM or DER, one or more
    // certificates): a TLS-inspecting corporate proxy's, or a test CA. Empty: the system's only.
    QString caFile() const { return m_caFile; }
    void setCaFile(const QString &path) { m_caFile = path.trimmed(); }

    // Empty when sending can start, else the first problem in words a user can act on.
    // Checks the base URL, version, phone number id, token shape and timeout; the WABA id is
    // needed only for the template list and is checked by templatesUrl's caller.
    QString validate() const;

    // Empty when acceptable. https:// anywhere; http:// only for loopback hosts (localhost,
    // 127.0.0.0/8, ::1), where nothing crosses a network — elsewhere the token would travel
    // in clear text. No user info, query or fragment.
    static QString checkBaseUrl(const QString &url);

    // POST {base}/{version}/{phone-number-id}/messages
    QUrl messagesUrl() const;
    // GET {base}/{version}/{waba-id}/message_templates?fields=…&limit=100[&after=cursor]
    QUrl templatesUrl(const QString &afterCursor = {}) const;
    // GET {base}/{version}/{phone-number-id}?fields=…: the number's identity and health.
    QUrl phoneNumberUrl(const QString &phoneNumberId) const;

    // The TLS configuration of every request: the system's CAs plus caFile's. Certificate
    // errors are never ignored. When caFile cannot be used, returns the system's and says why.
    QSslConfiguration sslConfiguration(QString *problem = nullptr) const;
    // Empty when `path` names a readable file holding at least one certificate, else why not.
    static QString checkCaFile(const QString &path);

    QByteArray authorizationHeader() const; // "Bearer <token>": only for the request header
    Redactor redactor() const;              // masks this token (and anything token-shaped)

private:
    QString m_baseUrl = defaultBaseUrl();
    QString m_apiVersion = defaultApiVersion();
    QString m_phoneNumberId;
    QString m_wabaId;
    QString m_accessToken;
    QString m_caFile;
    std::chrono::milliseconds m_requestTimeout = DefaultRequestTimeout;
};

// Shows every setting but the token, which appears only as "set" or "not set".
QDebug operator<<(QDebug debug, const ApiSettings &settings);

} // namespace herald
