#include "webhook/WebhookPayload.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WebhookPayload", text);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Unix seconds, as Meta sends them (a string of digits; a number is accepted too). Invalid
// for anything else, and for times before 2000 or after 2200, which no callback carries.
QDateTime unixTime(const QJsonValue &v)
{
    qint64 secs = -1;
    if (v.isString()) {
        const QString s = v.toString();
        if (s.isEmpty() || s.size() > 12) {
            return {};
        }
        for (QChar c : s) {
            if (c < u'0' || c > u'9') {
                return {};
            }
        }
        secs = s.toLongLong();
    } else if (v.isDouble()) {
        const double d = v.toDouble();
        if (d >= 0 && d < 1e12 && d == double(qint64(d))) {
            secs = qint64(d);
        }
    }
    constexpr qint64 from2000 = 946'684'800;
    constexpr qint64 until2200 = 7'258'118'400;
    if (secs < from2000 || secs >= until2200) {
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

class Reader
{
public:
    Reader(const WebhookPayload::Limits &limits, WebhookPayload &out)
        : m_limits(limits)
        , m_out(out)
    {}

    // False when the item limit was passed: the caller refuses the whole body.
    bool change(const QJsonObject &change, const QString &wabaId);

private:
    bool room() const { return m_out.itemCount() < m_limits.maxItems; }
    bool unknown(const QString &kind, const QString &reason, const QByteArray &raw)
    {
        if (!room()) {
            return false;
        }
        m_out.unknown.append({kind, reason, raw});
        return true;
    }
    // A string field, or why not: absent fields are empty, over-long or non-string ones refuse the item.
    bool text(const QJsonObject &o, QLatin1StringView key, qsizetype limit, QString *value,
              QString *why) const;
    bool statuses(const QJsonArray &list, const QString &phoneNumberId, const QString &wabaId);
    bool messages(const QJsonArray &list, const QString &phoneNumberId, const QString &wabaId);
    bool templateEvent(const QString &field, const QJsonObject &value, const QString &wabaId);

    const WebhookPayload::Limits &m_limits;
    WebhookPayload &m_out;
};

bool Reader::text(const QJsonObject &o, QLatin1StringView key, qsizetype limit, QString *value,
                  QString *why) const
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        value->clear();
        return true;
    }
    if (!v.isString()) {
        *why = tr("\"%1\" is not a string").arg(key);
        return false;
    }
    *value = v.toString();
    if (value->size() > limit) {
        *why = tr("\"%1\" is longer than %2 characters").arg(key).arg(limit);
        return false;
    }
    return true;
}

bool Reader::statuses(const QJsonArray &list, const QString &phoneNumberId, const QString &wabaId)
{
    for (const QJsonValue &item : list) {
        if (!item.isObject()) {
            if (!unknown(u"status"_s, tr("a status that is not an object"),
                         QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact))) {
                return false;
            }
            continue;
        }
        const QJsonObject o = item.toObject();
        StatusUpdate s;
        QString why;
        QString status;
        QString category;
        const bool fields =
            text(o, "id"_L1, m_limits.maxIdLength, &s.wamid, &why) &&
            text(o, "status"_L1, m_limits.maxIdLength, &status, &why) &&
            text(o, "recipient_id"_L1, m_limits.maxIdLength, &s.recipientId, &why) &&
            text(o, "biz_opaque_callback_data"_L1, m_limits.maxTextLength, &s.bizOpaqueCallbackData, &why) &&
            text(o.value("pricing"_L1).toObject(), "category"_L1, m_limits.maxIdLength, &category, &why);
        const auto kind = deliveryStatusFromName(status);
        s.timestamp = unixTime(o.value("timestamp"_L1));
        if (fields && s.wamid.isEmpty()) {
            why = tr("a status without a message id");
        } else if (fields && !kind) {
            why = tr("the status \"%1\" is none of sent, delivered, read and failed").arg(status.left(40));
        } else if (fields && !s.timestamp.isValid()) {
            why = tr("a status without a valid timestamp (Unix seconds)");
        }
        if (why.isEmpty()) {
            for (const QJsonValue &e : o.value("errors"_L1).toArray()) {
                const QJsonObject eo = e.toObject();
                WebhookError err;
                if (eo.value("code"_L1).isDouble()) {
                    const double code = eo.value("code"_L1).toDouble();
                    if (code >= 0 && code <= 2e9 && code == double(int(code))) {
                        err.code = int(code);
                    }
                }
                if (!text(eo, "title"_L1, m_limits.maxTextLength, &err.title, &why) ||
                    !text(eo, "message"_L1, m_limits.maxTextLength, &err.message, &why) ||
                    !text(eo.value("error_data"_L1).toObject(), "details"_L1, m_limits.maxTextLength,
                          &err.details, &why)) {
                    break;
                }
                s.errors.append(err);
            }
        }
        const QByteArray raw = compact(o);
        // PostgreSQL stores neither a NUL in text nor \u0000 in jsonb: a status holding one
        // anywhere could not be kept, and would fail the batch it came in.
        if (why.isEmpty() && raw.contains("\\u0000")) {
            why = tr("a status containing a NUL character (\\u0000)");
        }
        if (!why.isEmpty()) {
            if (!unknown(u"status"_s, why, raw)) {
                return false;
            }
            continue;
        }
        if (!room()) {
            return false;
        }
        s.status = *kind;
        s.pricingCategory = category;
        s.phoneNumberId = phoneNumberId;
        s.wabaId = wabaId;
        s.raw = raw;
        m_out.statuses.append(std::move(s));
    }
    return true;
}

bool Reader::messages(const QJsonArray &list, const QString &phoneNumberId, const QString &wabaId)
{
    for (const QJsonValue &item : list) {
        const QJsonObject o = item.toObject();
        InboundMessage m;
        QString why;
        const QJsonObject interactive =
            o.value("interactive"_L1).toObject().value("button_reply"_L1).toObject();
        const bool fields =
            text(o, "from"_L1, m_limits.maxIdLength, &m.from, &why) &&
            text(o, "id"_L1, m_limits.maxIdLength, &m.id, &why) &&
            text(o, "type"_L1, m_limits.maxIdLength, &m.type, &why) &&
            text(o.value("text"_L1).toObject(), "body"_L1, m_limits.maxTextLength, &m.text, &why) &&
            text(o.value("button"_L1).toObject(), "payload"_L1, m_limits.maxTextLength, &m.buttonPayload,
                 &why) &&
            (!m.buttonPayload.isEmpty() ||
             text(interactive, "id"_L1, m_limits.maxTextLength, &m.buttonPayload, &why));
        m.timestamp = unixTime(o.value("timestamp"_L1));
        if (fields && (m.from.isEmpty() || m.id.isEmpty())) {
            why = tr("a message without a sender or an id");
        }
        if (!why.isEmpty() || !item.isObject()) {
            if (!unknown(u"message"_s, why.isEmpty() ? tr("a message that is not an object") : why,
                         compact(o))) {
                return false;
            }
            continue;
        }
        if (!room()) {
            return false;
        }
        m.phoneNumberId = phoneNumberId;
        m.wabaId = wabaId;
        m.raw = compact(o);
        m_out.messages.append(std::move(m));
    }
    return true;
}

bool Reader::templateEvent(const QString &field, const QJsonObject &value, const QString &wabaId)
{
    TemplateEvent e;
    e.field = field;
    e.wabaId = wabaId;
    QString why;
    const QJsonValue id = value.value("message_template_id"_L1);
    // A number only when it is a whole one a qint64 holds (toInteger checks; a cast of 1e300 would
    // be undefined behaviour, which the fuzz target found).
    const qint64 numericId = id.toInteger(-1);
    e.templateId = numericId >= 0 ? QString::number(numericId) : id.toString().left(m_limits.maxIdLength);
    const bool fields =
        text(value, "event"_L1, m_limits.maxIdLength, &e.event, &why) &&
        text(value, "message_template_name"_L1, m_limits.maxIdLength, &e.name, &why) &&
        text(value, "message_template_language"_L1, m_limits.maxIdLength, &e.language, &why) &&
        text(value, "reason"_L1, m_limits.maxTextLength, &e.reason, &why) &&
        text(value, "previous_category"_L1, m_limits.maxIdLength, &e.previousCategory, &why) &&
        text(value, "new_category"_L1, m_limits.maxIdLength, &e.newCategory, &why) &&
        text(value, "correct_category"_L1, m_limits.maxIdLength, &e.correctCategory, &why);
    if (!fields) {
        return unknown(field, why, compact(value));
    }
    if (!room()) {
        return false;
    }
    e.raw = compact(value);
    m_out.templateEvents.append(std::move(e));
    return true;
}

bool Reader::change(const QJsonObject &change, const QString &wabaId)
{
    const QString field = change.value("field"_L1).toString().left(m_limits.maxIdLength);
    const QJsonObject value = change.value("value"_L1).toObject();
    if (field == "messages"_L1) {
        const QString phoneNumberId = value.value("metadata"_L1)
                                          .toObject()
                                          .value("phone_number_id"_L1)
                                          .toString()
                                          .left(m_limits.maxIdLength);
        if (!statuses(value.value("statuses"_L1).toArray(), phoneNumberId, wabaId) ||
            !messages(value.value("messages"_L1).toArray(), phoneNumberId, wabaId)) {
            return false;
        }
        // Errors about the webhook itself (value.errors) are kept for a person to read.
        if (value.contains("errors"_L1)) {
            return unknown(u"messages.errors"_s, {}, compact(value));
        }
        return true;
    }
    if (field == "message_template_status_update"_L1 || field == "template_category_update"_L1) {
        return templateEvent(field, value, wabaId);
    }
    return unknown(field.isEmpty() ? u"(no field)"_s : field, {}, compact(change));
}

} // namespace

QString deliveryStatusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Sent:
        return u"sent"_s;
    case DeliveryStatus::Delivered:
        return u"delivered"_s;
    case DeliveryStatus::Read:
        return u"read"_s;
    case DeliveryStatus::Failed:
        return u"failed"_s;
    }
    return {};
}

std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name)
{
    for (DeliveryStatus s :
         {DeliveryStatus::Sent, DeliveryStatus::Delivered, DeliveryStatus::Read, DeliveryStatus::Failed}) {
        if (name == deliveryStatusName(s)) {
            return s;
        }
    }
    return std::nullopt;
}

std::optional<StatusUpdate> WebhookPayload::parseStatus(const QByteArray &rawObject)
{
    const QJsonObject status = QJsonDocument::fromJson(rawObject).object();
    if (status.isEmpty()) {
        return std::nullopt;
    }
    WebhookPayload out;
    Limits limits;
    Reader reader(limits, out);
    const QJsonObject change{{u"field"_s, u"messages"_s},
                             {u"value"_s, QJsonObject{{u"statuses"_s, QJsonArray{status}}}}};
    if (!reader.change(change, {}) || out.statuses.size() != 1) {
        return std::nullopt;
    }
    return out.statuses.first();
}

WebhookPayload WebhookPayload::parse(const QByteArray &body, const Limits &limits)
{
    WebhookPayload out;
    if (body.size() > limits.maxBodyBytes) {
        out.refusal =
            tr("The body has %1 bytes; at most %2 are accepted.").arg(body.size()).arg(limits.maxBodyBytes);
        return out;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        out.refusal = tr("The body is not JSON (%1 at byte %2).").arg(error.errorString()).arg(error.offset);
        return out;
    }
    if (!doc.isObject()) {
        out.refusal = tr("The body is not a JSON object.");
        return out;
    }
    const QJsonObject root = doc.object();
    if (root.value("object"_L1).toString() != "whatsapp_business_account"_L1) {
        out.refusal = tr("The body is not a WhatsApp Business Account notification (\"object\" is \"%1\").")
                          .arg(root.value("object"_L1).toString().left(60));
        return out;
    }
    if (!root.value("entry"_L1).isArray()) {
        out.refusal = tr("The body has no \"entry\" list.");
        return out;
    }
    Reader reader(limits, out);
    bool fits = true;
    for (const QJsonValue &entry : root.value("entry"_L1).toArray()) {
        const QJsonObject e = entry.toObject();
        const QString wabaId = e.value("id"_L1).toString().left(limits.maxIdLength);
        for (const QJsonValue &change : e.value("changes"_L1).toArray()) {
            fits = fits && reader.change(change.toObject(), wabaId);
        }
        if (!fits) {
            break;
        }
    }
    if (!fits) {
        const WebhookPayload::Limits used = limits;
        out = WebhookPayload{};
        out.refusal = tr("The body holds more than %1 items.").arg(used.maxItems);
    }
    return out;
}

} // namespace herald
