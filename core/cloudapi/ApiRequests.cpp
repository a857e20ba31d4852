#include "cloudapi/ApiRequests.h"

#include "log/LogCategories.h"

namespace herald {

ApiRequests::ApiRequests(const ApiSettings &settings)
    : m_authorization(settings.authorizationHeader())
    , m_timeoutMs(int(settings.requestTimeout().count()))
    , m_tls(settings.sslConfiguration(&m_problem))
{}

QNetworkRequest ApiRequests::make(const QUrl &url) const
{
    QNetworkRequest request(url);
    // The URL only: the Authorization header carries the token.
    qCDebug(lcCloudApi).noquote() << "request" << url.toString(QUrl::RemoveUserInfo);
    request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(m_timeoutMs);
    if (url.scheme() == QLatin1StringView("https")) {
        request.setSslConfiguration(m_tls);
    }
    return request;
}

} // namespace herald
