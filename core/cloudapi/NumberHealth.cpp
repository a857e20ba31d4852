#include "cloudapi/NumberHealth.h"

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/ReplyBodyLimit.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// A number's record is a few hundred bytes; anything far larger is not Graph's.
constexpr qint64 kMaxBodyBytes = 64 * 1024;
constexpr qsizetype kMaxFieldLength = 200;

QString field(const QJsonObject &o, QLatin1StringView key)
{
    return o.value(key).toString().left(kMaxFieldLength);
}

} // namespace

std::optional<qint64> NumberHealth::tierLimit(const QString &tier)
{
    static const QRegularExpression pattern(u"^TIER_(\\d{1,6})(K?)$"_s);
    const QRegularExpressionMatch m = pattern.match(tier.trimmed().toUpper());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 n = m.captured(1).toLongLong();
    return m.captured(2).isEmpty() ? n : n * 1000;
}

NumberHealth NumberHealth::fromJson(const QString &id, const QByteArray &body, QString *problem)
{
    NumberHealth h;
    h.id = id;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *problem = tr("the answer is not a JSON object");
        return h;
    }
    const QJsonObject o = doc.object();
    h.verifiedName = field(o, "verified_name"_L1);
    h.displayPhoneNumber = field(o, "display_phone_number"_L1);
    h.qualityRating = field(o, "quality_rating"_L1).toUpper();
    h.messagingLimitTier = field(o, "messaging_limit_tier"_L1).toUpper();
    h.status = field(o, "status"_L1).toUpper();
    h.throughputLevel =
        o.value("throughput"_L1).toObject().value("level"_L1).toString().left(kMaxFieldLength).toUpper();
    if (h.qualityRating.isEmpty() && h.messagingLimitTier.isEmpty() && h.status.isEmpty()) {
        *problem = tr("the answer has no quality rating, messaging limit or status");
    }
    return h;
}

NumberHealthCheck::NumberHealthCheck(const ApiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setTransferTimeout(int(m_settings.requestTimeout().count()));
}

NumberHealthCheck::~NumberHealthCheck()
{
    if (m_reply) {
        m_reply->abort();
    }
}

void NumberHealthCheck::start(const QStringList &phoneNumberIds)
{
    m_pending = phoneNumberIds;
    m_results.clear();
    // Reported asynchronously, also for an empty list, so callers have one path.
    QMetaObject::invokeMethod(this, &NumberHealthCheck::next, Qt::QueuedConnection);
}

QList<NumberHealth> NumberHealthCheck::checkAndWait(const ApiSettings &settings,
                                                    const QStringList &phoneNumberIds)
{
    NumberHealthCheck check(settings);
    QList<NumberHealth> results;
    QEventLoop loop;
    QObject::connect(&check, &NumberHealthCheck::finished, &loop, [&](const QList<NumberHealth> &r) {
        results = r;
        loop.quit();
    });
    check.start(phoneNumberIds);
    loop.exec();
    return results;
}

void NumberHealthCheck::next()
{
    if (m_pending.isEmpty()) {
        Q_EMIT finished(m_results);
        return;
    }
    const QString id = m_pending.first();
    ApiSettings probe = m_settings;
    probe.setPhoneNumberId(id);
    if (const QString why = probe.validate(); !why.isEmpty()) {
        NumberHealth h;
        h.id = id;
        h.error = why;
        h.checkedAt = QDateTime::currentDateTimeUtc();
        m_results << h;
        m_pending.removeFirst();
        QMetaObject::invokeMethod(this, &NumberHealthCheck::next, Qt::QueuedConnection);
        return;
    }
    m_reply = m_network->get(ApiRequests(m_settings).make(m_settings.phoneNumberUrl(id)));
    ReplyBodyLimit::apply(m_reply, kMaxBodyBytes);
    connect(m_reply, &QNetworkReply::finished, this, &NumberHealthCheck::onReply);
}

void NumberHealthCheck::onReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply) {
        return;
    }
    reply->deleteLater();
    const QString id = m_pending.takeFirst();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QByteArray body = reply->readAll();
    NumberHealth h;
    h.id = id;
    if (const qint64 bytes = ReplyBodyLimit::exceeded(reply); bytes > 0) {
        h.error = tr("The answer about %1 was larger than %2 bytes; it is not Graph API's.")
                      .arg(id)
                      .arg(kMaxBodyBytes);
    } else if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        QString problem;
        h = NumberHealth::fromJson(id, body, &problem);
        if (!problem.isEmpty()) {
            h = NumberHealth();
            h.id = id;
            h.error = tr("Graph API's answer about %1 cannot be read: %2.").arg(id, problem);
        }
    } else {
        const Redactor redactor = m_settings.redactor();
        const ApiResponse response = ApiResponse::parse(status, body, TransportInfo::of(*reply), redactor);
        if (response.kind == ApiResponse::Kind::NetworkFailure) {
            h.error =
                tr("Graph API could not be reached at %1: %2").arg(m_settings.baseUrl(), response.summary());
        } else if (response.error.code == 190 || (!response.error.code && status == 401)) {
            h.error = tr("Meta refused the access token (%1).").arg(response.summary());
        } else {
            h.error =
                redactor.redact(tr("Meta did not tell the health of %1 (%2): the token may lack the "
                                   "whatsapp_business_management permission, the ID may belong to another "
                                   "account, or the API version may not offer these fields.")
                                    .arg(id, response.summary()));
        }
    }
    h.checkedAt = QDateTime::currentDateTimeUtc();
    m_results << h;
    next();
}

} // namespace herald
