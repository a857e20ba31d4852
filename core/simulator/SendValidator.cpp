#include "simulator/SendValidator.h"

#include "simulator/RequestLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

const QSet<QString> &messageTypes()
{
    static const QSet<QString> types{u"audio"_s,       u"contacts"_s, u"document"_s, u"image"_s,
                                     u"interactive"_s, u"location"_s, u"reaction"_s, u"sticker"_s,
                                     u"template"_s,    u"text"_s,     u"video"_s};
    return types;
}

const QSet<QString> &parameterTypes()
{
    static const QSet<QString> types{u"text"_s,     u"currency"_s,   u"date_time"_s, u"image"_s,
                                     u"document"_s, u"video"_s,      u"payload"_s,   u"location"_s,
                                     u"action"_s,   u"coupon_code"_s};
    return types;
}

// A phone number in international form: optional '+', 6 to 15 digits, nothing else. Graph
// tolerates more punctuation, but a sender that sends anything but E.164 digits has a bug.
bool isPhoneNumber(const QString &to)
{
    const QStringView digits = to.startsWith(u'+') ? QStringView(to).mid(1) : QStringView(to);
    if (digits.size() < 6 || digits.size() > 15)
        return false;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

std::optional<SimGraphError> checkParameter(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return SimGraphError::invalidParameter(u"%1 must be an object"_s.arg(where));
    const QJsonObject p = value.toObject();
    const QString type = p.value("type"_L1).toString();
    if (type.isEmpty())
        return SimGraphError::requiredParameter(where + u"['type']"_s);
    if (!parameterTypes().contains(type))
        return SimGraphError::paramMustBeOneOf(
            where + u"['type']"_s, u"text, currency, date_time, image, document, video, payload"_s, type);
    if (type == "text"_L1) {
        if (!p.value("text"_L1).isString())
            return SimGraphError::requiredParameter(where + u"['text']"_s);
        if (p.value("text"_L1).toString().size() > 32768)
            return SimGraphError::invalidParameter(where + u"['text'] is longer than 32768 characters"_s);
    } else if (type == "currency"_L1) {
        const QJsonObject c = p.value("currency"_L1).toObject();
        if (!c.value("fallback_value"_L1).isString() || !c.value("code"_L1).isString() ||
            !c.value("amount_1000"_L1).isDouble())
            return SimGraphError::requiredParameter(where + u"['currency']"_s);
    } else if (type == "date_time"_L1) {
        if (!p.value("date_time"_L1).toObject().value("fallback_value"_L1).isString())
            return SimGraphError::requiredParameter(where + u"['date_time']['fallback_value']"_s);
    } else if (type == "image"_L1 || type == "document"_L1 || type == "video"_L1) {
        const QJsonObject media = p.value(type).toObject();
        if (!media.value("id"_L1).isString() && !media.value("link"_L1).isString())
            return SimGraphError::requiredParameter(where + u"['%1']['link']"_s.arg(type));
    } else if (type == "payload"_L1) {
        if (!p.value("payload"_L1).isString())
            return SimGraphError::requiredParameter(where + u"['payload']"_s);
    }
    return std::nullopt;
}

std::optional<SimGraphError> checkComponents(const QJsonValue &value, int *bodyParameters)
{
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray())
        return SimGraphError::invalidParameter(u"template['components'] must be an array"_s);
    const QJsonArray components = value.toArray();
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QString where = u"template['components'][%1]"_s.arg(i);
        const QJsonObject c = components.at(i).toObject();
        const QString type = c.value("type"_L1).toString().toLower();
        if (type.isEmpty())
            return SimGraphError::requiredParameter(where + u"['type']"_s);
        if (type != "header"_L1 && type != "body"_L1 && type != "button"_L1)
            return SimGraphError::paramMustBeOneOf(where + u"['type']"_s, u"HEADER, BODY, BUTTON"_s, type);
        const QJsonValue params = c.value("parameters"_L1);
        if (type == "button"_L1) {
            const QString subType = c.value("sub_type"_L1).toString();
            if (subType != "quick_reply"_L1 && subType != "url"_L1 && subType != "catalog"_L1 &&
                subType != "copy_code"_L1 && subType != "flow"_L1)
                return SimGraphError::paramMustBeOneOf(where + u"['sub_type']"_s,
                                                       u"QUICK_REPLY, URL, CATALOG"_s, subType);
            const QJsonValue index = c.value("index"_L1);
            bool indexOk = false;
            const int n = index.isString() ? index.toString().toInt(&indexOk) : index.toInt(-1);
            if (!(indexOk || index.isDouble()) || n < 0 || n > 9)
                return SimGraphError::invalidParameter(where + u"['index'] must be a number from 0 to 9"_s);
            if (!params.isArray() || params.toArray().isEmpty())
                return SimGraphError::requiredParameter(where + u"['parameters']"_s);
        }
        if (params.isUndefined())
            continue;
        if (!params.isArray())
            return SimGraphError::invalidParameter(where + u"['parameters'] must be an array"_s);
        const QJsonArray list = params.toArray();
        for (qsizetype j = 0; j < list.size(); ++j) {
            if (auto error = checkParameter(list.at(j), where + u"['parameters'][%1]"_s.arg(j)))
                return error;
        }
        if (type == "body"_L1)
            *bodyParameters += int(list.size());
    }
    return std::nullopt;
}

std::optional<SimGraphError> checkTemplate(const QJsonObject &message, SendValidator::Result &r)
{
    const QJsonValue tmplValue = message.value("template"_L1);
    if (!tmplValue.isObject())
        return SimGraphError::requiredParameter(u"template"_s);
    const QJsonObject tmpl = tmplValue.toObject();
    r.templateName = tmpl.value("name"_L1).toString();
    if (r.templateName.isEmpty())
        return SimGraphError::requiredParameter(u"template['name']"_s);
    const QJsonValue language = tmpl.value("language"_L1);
    if (!language.isObject())
        return SimGraphError::requiredParameter(u"template['language']"_s);
    r.languageCode = language.toObject().value("code"_L1).toString();
    if (r.languageCode.isEmpty())
        return SimGraphError::requiredParameter(u"template['language']['code']"_s);
    const QJsonValue policy = language.toObject().value("policy"_L1);
    if (!policy.isUndefined() && policy.toString() != "deterministic"_L1)
        return SimGraphError::paramMustBeOneOf(u"template['language']['policy']"_s, u"DETERMINISTIC"_s,
                                               policy.toString());
    return checkComponents(tmpl.value("components"_L1), &r.bodyParameters);
}

std::optional<SimGraphError> checkText(const QJsonObject &message)
{
    const QJsonValue text = message.value("text"_L1);
    if (!text.isObject() || !text.toObject().value("body"_L1).isString())
        return SimGraphError::requiredParameter(u"text['body']"_s);
    const QString body = text.toObject().value("body"_L1).toString();
    if (body.isEmpty())
        return SimGraphError::requiredParameter(u"text['body']"_s);
    if (body.size() > 4096)
        return SimGraphError::invalidParameter(u"text['body'] is longer than 4096 characters"_s);
    return std::nullopt;
}

} // namespace

SendValidator::Result SendValidator::check(const QByteArray &body)
{
    Result r;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        r.error = SimGraphError::invalidParameter(u"The request body is not a JSON object."_s);
        return r;
    }
    const QJsonObject message = doc.object();

    // The recipient is read first so that even a malformed request is logged against it.
    const QJsonValue to = message.value("to"_L1);
    if (to.isString()) {
        r.to = to.toString();
        if (isPhoneNumber(r.to))
            r.recipientKey = RequestLog::recipientKey(r.to);
    }

    const QJsonValue product = message.value("messaging_product"_L1);
    if (product.isUndefined()) {
        r.error = SimGraphError::requiredParameter(u"messaging_product"_s);
        return r;
    }
    if (product.toString() != "whatsapp"_L1) {
        r.error = SimGraphError::paramMustBeOneOf(u"messaging_product"_s, u"WHATSAPP"_s, product.toString());
        return r;
    }
    const QJsonValue recipientType = message.value("recipient_type"_L1);
    if (!recipientType.isUndefined() && recipientType.toString() != "individual"_L1) {
        r.error =
            SimGraphError::paramMustBeOneOf(u"recipient_type"_s, u"INDIVIDUAL"_s, recipientType.toString());
        return r;
    }
    if (to.isUndefined()) {
        r.error = SimGraphError::requiredParameter(u"to"_s);
        return r;
    }
    if (r.recipientKey.isEmpty()) {
        r.error = SimGraphError::invalidParameter(u"Invalid WhatsApp ID or phone number in 'to'."_s);
        return r;
    }
    // Echoed in the message's status callbacks; Graph allows at most 512 characters.
    const QJsonValue opaque = message.value("biz_opaque_callback_data"_L1);
    if (!opaque.isUndefined()) {
        if (!opaque.isString() || opaque.toString().size() > 512) {
            r.error = SimGraphError::invalidParameter(
                u"biz_opaque_callback_data must be a string of at most 512 characters."_s);
            return r;
        }
        r.bizOpaqueCallbackData = opaque.toString();
    }
    r.type = message.value("type"_L1).toString();
    if (r.type.isEmpty()) {
        r.error = SimGraphError::requiredParameter(u"type"_s);
        return r;
    }
    if (!messageTypes().contains(r.type)) {
        r.error = SimGraphError::paramMustBeOneOf(u"type"_s,
                                                  u"AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, "
                                                  "REACTION, STICKER, TEMPLATE, TEXT, VIDEO"_s,
                                                  r.type);
        return r;
    }
    if (r.type == "template"_L1)
        r.error = checkTemplate(message, r);
    else if (r.type == "text"_L1)
        r.error = checkText(message);
    else if (!message.value(r.type).isObject())
        r.error = SimGraphError::requiredParameter(r.type);
    return r;
}

} // namespace herald
