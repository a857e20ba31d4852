#pragma once

#include "cloudapi/ApiSettings.h"

#include <QNetworkRequest>
#include <QSslConfiguration>

namespace herald {

// Makes every request Herald sends to the Graph API the same way: the bearer token, the
// request timeout and the TLS configuration (the system's CAs plus api.ca_file's, read once).
// Certificate errors are never ignored anywhere.
class ApiRequests
{
public:
    explicit ApiRequests(const ApiSettings &settings);

    QNetworkRequest make(const QUrl &url) const;
    // Empty unless api.ca_file could not be used (validate() reports the same).
    const QString &problem() const { return m_problem; }

private:
    QByteArray m_authorization;
    int m_timeoutMs = 0;
    QString m_problem; // before m_tls: its initialiser writes here
    QSslConfiguration m_tls;
};

} // namespace herald
