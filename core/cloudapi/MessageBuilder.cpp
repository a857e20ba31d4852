#include "cloudapi/MessageBuilder.h"

#include "cloudapi/JsonWriter.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// Meta counts characters as users see them, so a surrogate pair (an emoji) counts once.
qsizetype codePointCount(QStringView s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

bool isBlank(const QString &s)
{
    return s.trimmed().isEmpty();
}

// Meta refuses template parameters with these (error 132018, "Param text cannot have
// new-line/tab characters or more than 4 consecutive spaces"); catching it here names the
// parameter instead of failing every message of a campaign one request at a time.
bool hasForbiddenWhitespace(QStringView s)
{
    int spaces = 0;
    for (QChar c : s) {
        if (c == u'\n' || c == u'\t' || c == u'\r') {
            return true;
        }
        spaces = c == u' ' ? spaces + 1 : 0;
        if (spaces > 4) {
            return true;
        }
    }
    return false;
}

bool isParameterName(QStringView s)
{
    if (s.isEmpty() || !(s[0] == u'_' || (s[0] >= u'a' && s[0] <= u'z'))) {
        return false;
    }
    for (QChar c : s) {
        if (!(c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))) {
            return false;
        }
    }
    return true;
}

bool isTemplateName(QStringView s)
{
    for (QChar c : s) {
        if (!(c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))) {
            return false;
        }
    }
    return !s.isEmpty();
}

// "en", "en_US", "zh_CN", "fil", "es_419" — letters, then an optional region after "_".
bool isLanguageCode(QStringView s)
{
    if (s.size() < 2 || s.size() > 15) {
        return false;
    }
    for (QChar c : s) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'_') {
            return false;
        }
    }
    return s[0].isLetter();
}

bool isHttpLink(const QString &s)
{
    return (s.startsWith("https://"_L1) && s.size() > 8) || (s.startsWith("http://"_L1) && s.size() > 7);
}

QString checkParameter(const TemplateParameter &p, const QString &where, bool inHeader)
{
    switch (p.type) {
    case ParameterType::Text: {
        if (isBlank(p.text)) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: the text is empty; Meta rejects empty parameters.")
                .arg(where);
        }
        const qsizetype limit =
            inHeader ? MessageBuilder::MaxHeaderTextLength : MessageBuilder::MaxParameterTextLength;
        const qsizetype len = codePointCount(p.text);
        if (len > limit) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: the text has %2 characters; at most %3 are allowed.")
                .arg(where)
                .arg(len)
                .arg(limit);
        }
        if (hasForbiddenWhitespace(p.text)) {
            return QCoreApplication::translate(
                       "MessageBuilder",
                       "%1: the text contains a line break, a tab or more than 4 spaces in a row, "
                       "which Meta does not accept in template parameters.")
                .arg(where);
        }
        return {};
    }
    case ParameterType::Currency:
        if (inHeader) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: a header cannot take a currency parameter.")
                .arg(where);
        }
        if (isBlank(p.fallbackValue)) {
            return QCoreApplication::translate(
                       "MessageBuilder", "%1: the currency needs a fallback value (the text shown as is).")
                .arg(where);
        }
        if (p.currencyCode.size() != 3 || !std::all_of(p.currencyCode.cbegin(), p.currencyCode.cend(),
                                                       [](QChar c) { return c >= u'A' && c <= u'Z'; })) {
            return QCoreApplication::translate(
                       "MessageBuilder", "%1: \"%2\" is not an ISO 4217 currency code such as EUR or USD.")
                .arg(where, p.currencyCode);
        }
        return {};
    case ParameterType::DateTime:
        if (inHeader) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: a header cannot take a date_time parameter.")
                .arg(where);
        }
        if (isBlank(p.fallbackValue)) {
            return QCoreApplication::translate(
                       "MessageBuilder", "%1: the date_time needs a fallback value (the text shown as is).")
                .arg(where);
        }
        return {};
    case ParameterType::Image:
    case ParameterType::Document:
    case ParameterType::Video:
        if (!inHeader) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: media (%2) can only be sent in the header.")
                .arg(where, parameterTypeName(p.type));
        }
        if (p.mediaId.isEmpty() == p.mediaLink.isEmpty()) {
            return QCoreApplication::translate(
                       "MessageBuilder", "%1: give either a media id or a link, not both and not neither.")
                .arg(where);
        }
        if (!p.mediaLink.isEmpty() && !isHttpLink(p.mediaLink)) {
            return QCoreApplication::translate("MessageBuilder",
                                               "%1: the media link must start with https:// or http://.")
                .arg(where);
        }
        return {};
    }
    return QCoreApplication::translate("MessageBuilder", "%1: unknown parameter type.").arg(where);
}

QString checkButton(const TemplateButton &b, const QString &where)
{
    if (b.index < 0 || b.index > MessageBuilder::MaxButtonIndex) {
        return QCoreApplication::translate("MessageBuilder", "%1: the index %2 is outside 0..9.")
            .arg(where)
            .arg(b.index);
    }
    if (b.subType == ButtonSubType::QuickReply && b.value.isEmpty()) {
        return QCoreApplication::translate("MessageBuilder", "%1: a quick_reply button needs a payload.")
            .arg(where);
    }
    if (b.subType == ButtonSubType::Url && isBlank(b.value)) {
        return QCoreApplication::translate("MessageBuilder",
                                           "%1: a url button needs the text appended to the template's URL.")
            .arg(where);
    }
    return {};
}

QLatin1StringView typeKey(ParameterType type)
{
    switch (type) {
    case ParameterType::Text:
        return "text"_L1;
    case ParameterType::Currency:
        return "currency"_L1;
    case ParameterType::DateTime:
        return "date_time"_L1;
    case ParameterType::Image:
        return "image"_L1;
    case ParameterType::Document:
        return "document"_L1;
    case ParameterType::Video:
        return "video"_L1;
    }
    return "text"_L1;
}

void writeParameter(QByteArray &out, const TemplateParameter &p)
{
    JsonWriter::appendRaw(out, "{\"type\":\""_L1);
    JsonWriter::appendRaw(out, typeKey(p.type));
    out.append('"');
    if (!p.name.isEmpty()) {
        JsonWriter::appendRaw(out, ",\"parameter_name\":"_L1);
        JsonWriter::appendString(out, p.name);
    }
    switch (p.type) {
    case ParameterType::Text:
        JsonWriter::appendRaw(out, ",\"text\":"_L1);
        JsonWriter::appendString(out, p.text);
        break;
    case ParameterType::Currency:
        JsonWriter::appendRaw(out, ",\"currency\":{\"fallback_value\":"_L1);
        JsonWriter::appendString(out, p.fallbackValue);
        JsonWriter::appendRaw(out, ",\"code\":"_L1);
        JsonWriter::appendString(out, p.currencyCode);
        JsonWriter::appendRaw(out, ",\"amount_1000\":"_L1);
        JsonWriter::appendInteger(out, p.amount1000);
        out.append('}');
        break;
    case ParameterType::DateTime:
        JsonWriter::appendRaw(out, ",\"date_time\":{\"fallback_value\":"_L1);
        JsonWriter::appendString(out, p.fallbackValue);
        out.append('}');
        break;
    case ParameterType::Image:
    case ParameterType::Document:
    case ParameterType::Video:
        out.append(",\"", 2);
        JsonWriter::appendRaw(out, typeKey(p.type));
        out.append("\":{", 3);
        if (p.mediaId.isEmpty()) {
            JsonWriter::appendRaw(out, "\"link\":"_L1);
            JsonWriter::appendString(out, p.mediaLink);
        } else {
            JsonWriter::appendRaw(out, "\"id\":"_L1);
            JsonWriter::appendString(out, p.mediaId);
        }
        out.append('}');
        break;
    }
    out.append('}');
}

void writeComponent(QByteArray &out, QLatin1StringView type, const QList<TemplateParameter> &params)
{
    JsonWriter::appendRaw(out, "{\"type\":\""_L1);
    JsonWriter::appendRaw(out, type);
    JsonWriter::appendRaw(out, "\",\"parameters\":["_L1);
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (i > 0) {
            out.append(',');
        }
        writeParameter(out, params[i]);
    }
    out.append("]}", 2);
}

void writeButton(QByteArray &out, const TemplateButton &b)
{
    JsonWriter::appendRaw(out, "{\"type\":\"button\",\"sub_type\":\""_L1);
    switch (b.subType) {
    case ButtonSubType::QuickReply:
        JsonWriter::appendRaw(out, "quick_reply"_L1);
        break;
    case ButtonSubType::Url:
        JsonWriter::appendRaw(out, "url"_L1);
        break;
    case ButtonSubType::Catalog:
        JsonWriter::appendRaw(out, "catalog"_L1);
        break;
    }
    const char index[] = {
        '"', ',', '"', 'i', 'n', 'd', 'e', 'x', '"', ':', '"', static_cast<char>('0' + b.index), '"'};
    out.append(index, sizeof index);
    JsonWriter::appendRaw(out, ",\"parameters\":[{\"type\":"_L1);
    switch (b.subType) {
    case ButtonSubType::QuickReply:
        JsonWriter::appendRaw(out, "\"payload\",\"payload\":"_L1);
        JsonWriter::appendString(out, b.value);
        break;
    case ButtonSubType::Url:
        JsonWriter::appendRaw(out, "\"text\",\"text\":"_L1);
        JsonWriter::appendString(out, b.value);
        break;
    case ButtonSubType::Catalog:
        // The OpenAPI file's enum lists only payload|text, but its own "Send Catalog Template
        // Message" example and Meta's guide use an "action" parameter for catalog buttons.
        JsonWriter::appendRaw(out, "\"action\",\"action\":{"_L1);
        if (!b.value.isEmpty()) {
            JsonWriter::appendRaw(out, "\"thumbnail_product_retailer_id\":"_L1);
            JsonWriter::appendString(out, b.value);
        }
        out.append('}');
        break;
    }
    out.append("}]}", 3);
}

void writeEnvelope(QByteArray &out, const QString &digits, QLatin1StringView type)
{
    JsonWriter::appendRaw(out, R"({"messaging_product":"whatsapp","recipient_type":"individual","to":")"_L1);
    out.append(digits.toLatin1());
    JsonWriter::appendRaw(out, R"(","type":")"_L1);
    JsonWriter::appendRaw(out, type);
    out.append('"');
}

qsizetype roughSize(const TemplateParameter &p)
{
    return 48 + p.name.size() + p.text.size() + p.fallbackValue.size() + p.mediaId.size() +
           p.mediaLink.size();
}

} // namespace

QString MessageBuilder::recipientDigits(const QString &to)
{
    QStringView v(to);
    if (v.startsWith(u'+')) {
        v = v.mid(1);
    }
    if (v.size() < 7 || v.size() > 15 || v[0] == u'0') {
        return {};
    }
    for (QChar c : v) {
        if (c < u'0' || c > u'9') {
            return {};
        }
    }
    return v.toString();
}

QString MessageBuilder::validate(const TemplateMessage &m)
{
    if (recipientDigits(m.to).isEmpty()) {
        return QCoreApplication::translate(
                   "MessageBuilder",
                   "The recipient \"%1\" is not an international number (E.164: country code and number, "
                   "7 to 15 digits).")
            .arg(m.to);
    }
    if (m.name.size() > MaxTemplateNameLength || !isTemplateName(m.name)) {
        return QCoreApplication::translate(
                   "MessageBuilder",
                   "The template name \"%1\" is not valid: Meta uses lowercase letters, digits and "
                   "underscores, at most 512 characters.")
            .arg(m.name);
    }
    if (!isLanguageCode(m.languageCode)) {
        return QCoreApplication::translate(
                   "MessageBuilder",
                   "The language code \"%1\" is not valid; use the template's code, such as en_US or de.")
            .arg(m.languageCode);
    }
    if (m.header.size() > 1) {
        return QCoreApplication::translate("MessageBuilder",
                                           "The header takes one parameter, but %1 were given.")
            .arg(m.header.size());
    }
    int named = 0;
    int positional = 0;
    const auto checkAll = [&](const QList<TemplateParameter> &params, const QString &component,
                              bool inHeader) -> QString {
        for (qsizetype i = 0; i < params.size(); ++i) {
            const TemplateParameter &p = params[i];
            const QString where = p.name.isEmpty() ? u"%1 {{%2}}"_s.arg(component).arg(i + 1)
                                                   : u"%1 {{%2}}"_s.arg(component, p.name);
            if (QString problem = checkParameter(p, where, inHeader); !problem.isEmpty()) {
                return problem;
            }
            if (!p.name.isEmpty() && !isParameterName(p.name)) {
                return QCoreApplication::translate(
                           "MessageBuilder",
                           "%1: a parameter name may contain only lowercase letters, digits and underscores.")
                    .arg(where);
            }
            (p.name.isEmpty() ? positional : named) += 1;
        }
        return {};
    };
    if (QString problem = checkAll(m.header, u"header"_s, true); !problem.isEmpty()) {
        return problem;
    }
    if (QString problem = checkAll(m.body, u"body"_s, false); !problem.isEmpty()) {
        return problem;
    }
    if (named > 0 && positional > 0) {
        return QCoreApplication::translate(
            "MessageBuilder", "Named and positional parameters are mixed; a template uses one kind only.");
    }
    if (const qsizetype len = codePointCount(m.bizOpaqueCallbackData); len > MaxCallbackDataLength) {
        return QCoreApplication::translate("MessageBuilder",
                                           "The callback data has %1 characters; Meta accepts at most %2.")
            .arg(len)
            .arg(MaxCallbackDataLength);
    }
    quint32 seen = 0;
    for (const TemplateButton &b : m.buttons) {
        const QString where = u"button %1"_s.arg(b.index);
        if (QString problem = checkButton(b, where); !problem.isEmpty()) {
            return problem;
        }
        if (seen & (1u << b.index)) {
            return QCoreApplication::translate("MessageBuilder", "%1: two buttons have the same index.")
                .arg(where);
        }
        seen |= 1u << b.index;
    }
    return {};
}

QString MessageBuilder::validate(const TextMessage &m)
{
    if (recipientDigits(m.to).isEmpty()) {
        return QCoreApplication::translate(
                   "MessageBuilder",
                   "The recipient \"%1\" is not an international number (E.164: country code and number, "
                   "7 to 15 digits).")
            .arg(m.to);
    }
    if (isBlank(m.body)) {
        return QCoreApplication::translate("MessageBuilder", "The text message is empty.");
    }
    if (const qsizetype len = codePointCount(m.body); len > MaxTextBodyLength) {
        return QCoreApplication::translate("MessageBuilder",
                                           "The text message has %1 characters; at most %2 are allowed.")
            .arg(len)
            .arg(MaxTextBodyLength);
    }
    return {};
}

MessageBuilder::Result MessageBuilder::build(const TemplateMessage &m)
{
    Result r;
    r.error = validate(m);
    if (!r.error.isEmpty()) {
        return r;
    }
    qsizetype estimate = 256 + m.name.size() + m.bizOpaqueCallbackData.size();
    for (const auto &p : m.header) {
        estimate += roughSize(p);
    }
    for (const auto &p : m.body) {
        estimate += roughSize(p);
    }
    for (const auto &b : m.buttons) {
        estimate += 96 + b.value.size();
    }
    QByteArray &out = r.json;
    out.reserve(estimate);

    writeEnvelope(out, recipientDigits(m.to), "template"_L1);
    JsonWriter::appendRaw(out, R"(,"template":{"name":)"_L1);
    JsonWriter::appendString(out, m.name);
    JsonWriter::appendRaw(out, R"(,"language":{"policy":"deterministic","code":)"_L1);
    JsonWriter::appendString(out, m.languageCode);
    out.append('}');
    // A template without variables needs no components at all; Meta accepts the key missing.
    if (!m.header.isEmpty() || !m.body.isEmpty() || !m.buttons.isEmpty()) {
        JsonWriter::appendRaw(out, R"(,"components":[)"_L1);
        bool first = true;
        const auto separate = [&] {
            if (!first) {
                out.append(',');
            }
            first = false;
        };
        if (!m.header.isEmpty()) {
            separate();
            writeComponent(out, "header"_L1, m.header);
        }
        if (!m.body.isEmpty()) {
            separate();
            writeComponent(out, "body"_L1, m.body);
        }
        for (const TemplateButton &b : m.buttons) {
            separate();
            writeButton(out, b);
        }
        out.append(']');
    }
    out.append('}');
    if (!m.bizOpaqueCallbackData.isEmpty()) {
        JsonWriter::appendRaw(out, R"(,"biz_opaque_callback_data":)"_L1);
        JsonWriter::appendString(out, m.bizOpaqueCallbackData);
    }
    out.append('}');
    return r;
}

MessageBuilder::Result MessageBuilder::build(const TextMessage &m)
{
    Result r;
    r.error = validate(m);
    if (!r.error.isEmpty()) {
        return r;
    }
    r.json.reserve(160 + m.body.size() * 3 / 2);
    writeEnvelope(r.json, recipientDigits(m.to), "text"_L1);
    JsonWriter::appendRaw(r.json, m.previewUrl ? R"(,"text":{"preview_url":true,"body":)"_L1
                                               : R"(,"text":{"preview_url":false,"body":)"_L1);
    JsonWriter::appendString(r.json, m.body);
    r.json.append("}}", 2);
    return r;
}

} // namespace herald
