#include "cloudapi/ApiResponse.h"

#include "cloudapi/ErrorPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr qsizetype kExcerptLength = 200;

bool is2xx(int status)
{
    return status >= 200 && status < 300;
}

// Graph sends integers, but proxies and mocks have been seen sending "130429".
std::optional<int> intValue(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d >= -2147483648.0 && d <= 2147483647.0 && static_cast<double>(static_cast<int>(d)) == d) {
            return static_cast<int>(d);
        }
        return std::nullopt;
    }
    if (v.isString()) {
        bool ok = false;
        const int i = v.toString().trimmed().toInt(&ok);
        return ok ? std::optional<int>(i) : std::nullopt;
    }
    return std::nullopt;
}

QString excerpt(const QByteArray &body, const Redactor &redactor)
{
    QString text = QString::fromUtf8(body.left(kExcerptLength * 4)).simplified();
    if (text.size() > kExcerptLength) {
        text.truncate(kExcerptLength);
        text += u'…';
    }
    return redactor.redact(text);
}

GraphError parseError(const QJsonValue &value, const Redactor &redactor)
{
    GraphError e;
    if (value.isString()) {
        e.message = redactor.redact(value.toString());
        return e;
    }
    const QJsonObject o = value.toObject();
    e.code = intValue(o.value("code"_L1));
    e.subcode = intValue(o.value("error_subcode"_L1));
    e.message = redactor.redact(o.value("message"_L1).toString());
    // Shown in summary() too, and a broken proxy or server can put anything there.
    e.type = redactor.redact(o.value("type"_L1).toString());
    e.fbtraceId = redactor.redact(o.value("fbtrace_id"_L1).toString());
    e.isTransient = o.value("is_transient"_L1).toBool(false);
    // error_data is an object in WhatsApp responses; older Graph endpoints send it as a
    // JSON-encoded string, and some only a plain string.
    QJsonValue data = o.value("error_data"_L1);
    if (data.isString()) {
        const QJsonDocument inner = QJsonDocument::fromJson(data.toString().toUtf8());
        if (inner.isObject()) {
            data = inner.object();
        } else {
            e.details = redactor.redact(data.toString());
        }
    }
    if (data.isObject()) {
        e.details = redactor.redact(data.toObject().value("details"_L1).toString());
    }
    return e;
}

QString networkErrorName(QNetworkReply::NetworkError error)
{
    const QMetaEnum me = QMetaEnum::fromType<QNetworkReply::NetworkError>();
    const char *key = me.valueToKey(error);
    return key ? QString::fromLatin1(key) : QString::number(int(error));
}

} // namespace

TransportInfo TransportInfo::of(const QNetworkReply &reply)
{
    TransportInfo t;
    t.error = reply.error();
    t.responseStarted = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    t.requestSent = t.responseStarted || !ErrorPolicy::failsBeforeSending(t.error);
    t.errorString = reply.errorString();
    return t;
}

ApiResponse ApiResponse::parse(int httpStatus, const QByteArray &body, const TransportInfo &transport,
                               const Redactor &redactor)
{
    ApiResponse r;
    r.httpStatus = httpStatus;
    r.transport = transport;
    r.transport.errorString = redactor.redact(transport.errorString);
    if (httpStatus <= 0) {
        r.kind = Kind::NetworkFailure;
        return r;
    }
    r.transport.responseStarted = true;

    const QJsonDocument doc = body.isEmpty() ? QJsonDocument() : QJsonDocument::fromJson(body);
    const QJsonObject root = doc.object();

    if (const QJsonValue error = root.value("error"_L1); error.isObject() || error.isString()) {
        r.kind = Kind::GraphError;
        r.error = parseError(error, redactor);
        return r;
    }
    if (is2xx(httpStatus)) {
        const QJsonObject message = root.value("messages"_L1).toArray().at(0).toObject();
        r.wamid = message.value("id"_L1).toString();
        if (r.wamid.isEmpty()) {
            r.kind = Kind::UnreadableSuccess;
            r.bodyExcerpt = excerpt(body, redactor);
            return r;
        }
        r.kind = Kind::Success;
        r.messageStatus = message.value("message_status"_L1).toString();
        r.waId = root.value("contacts"_L1).toArray().at(0).toObject().value("wa_id"_L1).toString();
        return r;
    }
    r.kind = Kind::HttpError;
    r.bodyExcerpt = excerpt(body, redactor);
    return r;
}

ApiResponse ApiResponse::oversized(int httpStatus, qint64 bytes, const TransportInfo &transport,
                                   const Redactor &redactor)
{
    ApiResponse r;
    r.httpStatus = httpStatus;
    r.transport = transport;
    r.transport.errorString = redactor.redact(transport.errorString);
    r.transport.responseStarted = true;
    r.kind = is2xx(httpStatus) ? Kind::UnreadableSuccess : Kind::HttpError;
    r.bodyExcerpt = u"the body is larger than %1 bytes (%2 bytes received or announced) and was not read"_s
                        .arg(MaxBodyBytes)
                        .arg(bytes);
    return r;
}

QString ApiResponse::summary() const
{
    switch (kind) {
    case Kind::Success:
        return u"HTTP %1, accepted as %2"_s.arg(httpStatus).arg(wamid);
    case Kind::GraphError: {
        QString s = u"HTTP %1"_s.arg(httpStatus);
        if (error.code) {
            s += u", code %1"_s.arg(*error.code);
        }
        if (error.subcode) {
            s += u" (subcode %1)"_s.arg(*error.subcode);
        }
        if (!error.message.isEmpty()) {
            s += u": "_s + error.message;
        }
        if (!error.details.isEmpty() && error.details != error.message) {
            s += u" — "_s + error.details;
        }
        if (!error.fbtraceId.isEmpty()) {
            s += u" (fbtrace_id %1)"_s.arg(error.fbtraceId);
        }
        return s;
    }
    case Kind::UnreadableSuccess:
        return u"HTTP %1 without a message id: %2"_s.arg(httpStatus)
            .arg(bodyExcerpt.isEmpty() ? u"empty body"_s : bodyExcerpt);
    case Kind::HttpError:
        return u"HTTP %1 without a Graph API error: %2"_s.arg(httpStatus)
            .arg(bodyExcerpt.isEmpty() ? u"empty body"_s : bodyExcerpt);
    case Kind::NetworkFailure: {
        QString s = u"network error %1"_s.arg(networkErrorName(transport.error));
        if (!transport.errorString.isEmpty()) {
            s += u": "_s + transport.errorString;
        }
        s += transport.requestSent ? u" (after the request was sent)"_s : u" (before the request was sent)"_s;
        return s;
    }
    }
    return {};
}

} // namespace herald
