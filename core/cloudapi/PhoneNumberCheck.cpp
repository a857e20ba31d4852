#include "cloudapi/PhoneNumberCheck.h"

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/ReplyBodyLimit.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("PhoneNumberCheck", text);
}
} // namespace

std::optional<qint64> PhoneNumberHealth::dailyLimit() const
{
    static const QHash<QString, qint64> tiers{{u"TIER_50"_s, 50},     {u"TIER_250"_s, 250},
                                              {u"TIER_1K"_s, 1000},   {u"TIER_2K"_s, 2000},
                                              {u"TIER_10K"_s, 10000}, {u"TIER_100K"_s, 100000}};
    const auto it = tiers.constFind(messagingLimitTier);
    return it == tiers.cend() ? std::nullopt : std::optional<qint64>(*it);
}

QStringList PhoneNumberHealth::warnings(qint64 recipients) const
{
    QStringList out;
    if (qualityRating == "RED"_L1) {
        out << tr(
            "Meta rates this number's quality low (red): a campaign now risks the template being paused "
            "and the number's limit lowered.");
    } else if (qualityRating == "YELLOW"_L1) {
        out << tr("Meta rates this number's quality medium (yellow): watch the blocks and reports of this "
                  "campaign.");
    }
    if (status == "FLAGGED"_L1 || status == "RESTRICTED"_L1) {
        out << tr("Meta reports the number as %1: messages may be refused.").arg(status.toLower());
    }
    if (const auto limit = dailyLimit(); limit && recipients > *limit) {
        out << tr("The account may message %1 different customers in 24 hours (%2), fewer than this "
                  "campaign's "
                  "%3: the rest will fail until the limit renews.")
                   .arg(QLocale().toString(*limit), messagingLimitTier, QLocale().toString(recipients));
    }
    return out;
}

PhoneNumberCheck::PhoneNumberCheck(const ApiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<PhoneNumberCheckResult>();
}

PhoneNumberCheck::~PhoneNumberCheck() = default;

void PhoneNumberCheck::start()
{
    QUrl url(m_settings.baseUrl() + u'/' + m_settings.apiVersion() + u'/' + m_settings.phoneNumberId());
    QUrlQuery query;
    query.addQueryItem(u"fields"_s,
                       u"verified_name,display_phone_number,quality_rating,messaging_limit_tier,status,"
                       "throughput"_s);
    url.setQuery(query);
    QNetworkReply *reply = m_network->get(ApiRequests(m_settings).make(url));
    ReplyBodyLimit::apply(reply, ApiResponse::MaxBodyBytes);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        TransportInfo transport;
        transport.error = reply->error();
        transport.responseStarted = status.isValid();
        transport.requestSent =
            transport.responseStarted || !ErrorPolicy::failsBeforeSending(transport.error);
        transport.errorString = reply->errorString();
        if (const qint64 bytes = ReplyBodyLimit::exceeded(reply); bytes > 0) {
            const ApiResponse response =
                ApiResponse::oversized(status.toInt(), bytes, transport, m_settings.redactor());
            PhoneNumberCheckResult r;
            r.decision = ErrorPolicy::classify(response);
            r.details = response.summary();
            Q_EMIT finished(r);
            return;
        }
        Q_EMIT finished(interpret(status.toInt(), reply->readAll(), transport, m_settings.redactor()));
    });
}

PhoneNumberCheckResult PhoneNumberCheck::interpret(int httpStatus, const QByteArray &body,
                                                   const TransportInfo &transport, const Redactor &redactor)
{
    PhoneNumberCheckResult r;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (httpStatus >= 200 && httpStatus < 300 && o.contains("id"_L1)) {
        r.ok = true;
        r.health.verifiedName = o.value("verified_name"_L1).toString();
        r.health.displayPhoneNumber = o.value("display_phone_number"_L1).toString();
        r.health.qualityRating = o.value("quality_rating"_L1).toString();
        r.health.messagingLimitTier = o.value("messaging_limit_tier"_L1).toString();
        r.health.status = o.value("status"_L1).toString();
        r.health.throughputLevel = o.value("throughput"_L1).toObject().value("level"_L1).toString();
        return r;
    }
    const ApiResponse response = ApiResponse::parse(httpStatus, body, transport, redactor);
    r.decision = ErrorPolicy::classify(response);
    r.details = response.summary();
    return r;
}

} // namespace herald
