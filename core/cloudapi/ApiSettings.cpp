#include "cloudapi/ApiSettings.h"

#include <QCoreApplication>
#include <QDebug>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

bool isDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == "localhost"_L1 || h == "localhost."_L1) {
        return true;
    }
    QHostAddress address;
    return address.setAddress(h) && address.isLoopback();
}

// "v23.0": Graph rejects other spellings with an unhelpful "unknown path components" error.
bool isApiVersion(const QString &v)
{
    const qsizetype dot = v.indexOf(u'.');
    return v.size() >= 4 && v.startsWith(u'v') && dot > 1 && isDigits(v.mid(1, dot - 1)) &&
           isDigits(v.mid(dot + 1));
}

QList<QSslCertificate> readCertificates(const QString &path, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem =
            QCoreApplication::translate("ApiSettings", "The CA certificate file %1 cannot be read: %2.")
                .arg(path, file.errorString());
        return {};
    }
    const QByteArray data = file.read(4 * 1024 * 1024);
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) {
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    }
    if (certificates.isEmpty()) {
        *problem = QCoreApplication::translate(
                       "ApiSettings", "The CA certificate file %1 holds no certificate in PEM or DER form.")
                       .arg(path);
    }
    return certificates;
}

QString apiRoot(const ApiSettings &s)
{
    return s.baseUrl() + u'/' + s.apiVersion() + u'/';
}

} // namespace

QString ApiSettings::defaultBaseUrl()
{
    return u"https://graph.facebook.com"_s;
}

QString ApiSettings::defaultApiVersion()
{
    return u"v23.0"_s;
}

void ApiSettings::setBaseUrl(const QString &url)
{
    QString u = url.trimmed();
    while (u.endsWith(u'/')) {
        u.chop(1);
    }
    m_baseUrl = u;
}

QString ApiSettings::checkBaseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty()) {
        return QCoreApplication::translate("ApiSettings",
                                           "The API base URL \"%1\" is not a valid URL; the default is %2.")
            .arg(text, defaultBaseUrl());
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != "https"_L1 && scheme != "http"_L1) {
        return QCoreApplication::translate("ApiSettings", "The API base URL must start with https://.");
    }
    if (!url.userInfo().isEmpty()) {
        return QCoreApplication::translate(
            "ApiSettings",
            "The API base URL must not contain a user name or password; they would be sent with "
            "every request and shown in logs.");
    }
    if (url.hasQuery() || url.hasFragment()) {
        return QCoreApplication::translate(
            "ApiSettings", "The API base URL must not contain a query (?…) or fragment (#…).");
    }
    if (scheme == "http"_L1 && !isLoopbackHost(url.host())) {
        return QCoreApplication::translate(
                   "ApiSettings",
                   "Plain http:// is allowed only for this computer (localhost, 127.x.x.x, ::1). For %1 "
                   "use https://: over http the access token and every message would travel unencrypted.")
            .arg(url.host());
    }
    return {};
}

QString ApiSettings::validate() const
{
    if (QString problem = checkBaseUrl(m_baseUrl); !problem.isEmpty()) {
        return problem;
    }
    if (!isApiVersion(m_apiVersion)) {
        return QCoreApplication::translate("ApiSettings",
                                           "The API version \"%1\" is not valid; it looks like v23.0.")
            .arg(m_apiVersion);
    }
    if (!isDigits(m_phoneNumberId)) {
        return QCoreApplication::translate(
            "ApiSettings",
            "The phone number ID must be the numeric ID shown in Meta's WhatsApp Manager, not the "
            "phone number itself.");
    }
    if (!m_wabaId.isEmpty() && !isDigits(m_wabaId)) {
        return QCoreApplication::translate("ApiSettings",
                                           "The WhatsApp Business Account ID must be numeric.");
    }
    if (m_accessToken.isEmpty()) {
        return QCoreApplication::translate("ApiSettings", "No access token is set.");
    }
    // Whitespace or control characters would break, or inject into, the Authorization header.
    for (QChar c : m_accessToken) {
        if (c.isSpace() || c.unicode() < 0x20 || c.unicode() >= 0x7F) {
            return QCoreApplication::translate(
                "ApiSettings",
                "The access token contains spaces or characters that cannot appear in a token; "
                "copy it again from Meta's developer portal.");
        }
    }
    if (!m_caFile.isEmpty()) {
        if (QString problem = checkCaFile(m_caFile); !problem.isEmpty()) {
            return problem;
        }
    }
    if (m_requestTimeout < std::chrono::seconds(1)) {
        return QCoreApplication::translate("ApiSettings", "The request timeout must be at least one second.");
    }
    return {};
}

QUrl ApiSettings::messagesUrl() const
{
    return QUrl(apiRoot(*this) + m_phoneNumberId + "/messages"_L1, QUrl::StrictMode);
}

QUrl ApiSettings::phoneNumberUrl(const QString &phoneNumberId) const
{
    QUrl url(apiRoot(*this) + phoneNumberId, QUrl::StrictMode);
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"verified_name,display_phone_number,quality_rating,messaging_limit_tier,"
                                    u"status,throughput"_s);
    url.setQuery(query);
    return url;
}

QUrl ApiSettings::templatesUrl(const QString &afterCursor) const
{
    if (m_wabaId.isEmpty()) {
        return {};
    }
    QUrl url(apiRoot(*this) + m_wabaId + "/message_templates"_L1, QUrl::StrictMode);
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"name,language,status,category,previous_category,components"_s);
    query.addQueryItem(u"limit"_s, u"100"_s);
    if (!afterCursor.isEmpty()) {
        // Cursors are base64 and may hold '=' or '+': encode them fully.
        query.addQueryItem(u"after"_s, QString::fromLatin1(QUrl::toPercentEncoding(afterCursor)));
    }
    url.setQuery(query);
    return url;
}

QString ApiSettings::checkCaFile(const QString &path)
{
    QString problem;
    readCertificates(path, &problem);
    return problem;
}

QSslConfiguration ApiSettings::sslConfiguration(QString *problem) const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_caFile.isEmpty()) {
        QString why;
        const QList<QSslCertificate> extra = readCertificates(m_caFile, &why);
        if (problem) {
            *problem = why;
        }
        tls.addCaCertificates(extra);
    }
    return tls;
}

QByteArray ApiSettings::authorizationHeader() const
{
    return "Bearer " + m_accessToken.toLatin1();
}

Redactor ApiSettings::redactor() const
{
    return Redactor(QStringList{m_accessToken});
}

QDebug operator<<(QDebug debug, const ApiSettings &s)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "ApiSettings(base=" << s.baseUrl() << ", version=" << s.apiVersion()
                    << ", phoneNumberId=" << s.phoneNumberId() << ", wabaId=" << s.wabaId()
                    << ", token=" << (s.hasAccessToken() ? "set" : "not set")
                    << ", timeout=" << s.requestTimeout().count() << "ms"
                    << ", caFile=" << (s.caFile().isEmpty() ? u"none"_s : s.caFile()) << ")";
    return debug;
}

} // namespace herald
