#include "cloudapi/ParameterMapping.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

bool isPositional(const QString &variable)
{
    return !variable.isEmpty() &&
           std::all_of(variable.cbegin(), variable.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QString nameFor(const QString &variable)
{
    return isPositional(variable) ? QString() : variable;
}

QJsonValue lookup(const QJsonObject &values, const QJsonObject &defaults, const QString &key)
{
    const auto it = values.constFind(key);
    if (it != values.constEnd() && !it->isNull() && !it->isUndefined()) {
        return *it;
    }
    return defaults.value(key);
}

QString missing(const QString &key)
{
    return QCoreApplication::translate("ParameterMapping", "No value for %1.").arg(key);
}

QString textParameter(const QJsonValue &v, const QString &key, const QString &name, TemplateParameter &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const QString type = o.value("type"_L1).toString(u"text"_s);
        if (type == "currency"_L1) {
            const QJsonValue amount = o.value("amount_1000"_L1);
            if (!amount.isDouble() || std::floor(amount.toDouble()) != amount.toDouble()) {
                return QCoreApplication::translate(
                           "ParameterMapping",
                           "%1: a currency needs amount_1000 as a whole number (the amount × 1000).")
                    .arg(key);
            }
            out = TemplateParameter::currency(o.value("fallback_value"_L1).toString(),
                                              o.value("code"_L1).toString(),
                                              static_cast<qint64>(amount.toDouble()), name);
            return {};
        }
        if (type == "date_time"_L1) {
            out = TemplateParameter::dateTime(o.value("fallback_value"_L1).toString(), name);
            return {};
        }
        if (type == "text"_L1) {
            out = TemplateParameter::textValue(ParameterMapping::scalarText(o.value("text"_L1)), name);
            return {};
        }
        return QCoreApplication::translate("ParameterMapping",
                                           "%1: unknown value type \"%2\" (use text, currency or date_time).")
            .arg(key, type);
    }
    if (v.isArray()) {
        return QCoreApplication::translate("ParameterMapping", "%1: a list is not a parameter value.")
            .arg(key);
    }
    out = TemplateParameter::textValue(ParameterMapping::scalarText(v), name);
    return {};
}

QString mediaParameter(const QJsonValue &v, const QString &key, ParameterType type, TemplateParameter &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains("id"_L1)) {
            out = TemplateParameter::mediaById(type, ParameterMapping::scalarText(o.value("id"_L1)));
            return {};
        }
        if (o.contains("link"_L1)) {
            out = TemplateParameter::mediaByLink(type, o.value("link"_L1).toString());
            return {};
        }
        return QCoreApplication::translate("ParameterMapping", "%1: a media value needs an id or a link.")
            .arg(key);
    }
    const QString s = ParameterMapping::scalarText(v).trimmed();
    if (s.isEmpty()) {
        return QCoreApplication::translate("ParameterMapping", "%1: a media value needs an id or a link.")
            .arg(key);
    }
    const bool link =
        s.startsWith("https://"_L1, Qt::CaseInsensitive) || s.startsWith("http://"_L1, Qt::CaseInsensitive);
    out = link ? TemplateParameter::mediaByLink(type, s) : TemplateParameter::mediaById(type, s);
    return {};
}

ParameterType mediaType(TemplateSlots::HeaderFormat f)
{
    switch (f) {
    case TemplateSlots::HeaderFormat::Document:
        return ParameterType::Document;
    case TemplateSlots::HeaderFormat::Video:
        return ParameterType::Video;
    default:
        return ParameterType::Image;
    }
}

} // namespace

QStringList TemplateSlots::keys() const
{
    QStringList k;
    if (header == HeaderFormat::Text && !headerVariable.isEmpty()) {
        k << u"header."_s + headerVariable;
    } else if (header != HeaderFormat::None && header != HeaderFormat::Text) {
        k << u"header.1"_s;
    }
    for (const QString &v : bodyVariables) {
        k << u"body."_s + v;
    }
    for (const Button &b : buttons) {
        k << u"button."_s + QString::number(b.index);
    }
    return k;
}

QString ParameterMapping::fill(const TemplateSlots &tmpl, const QJsonObject &values, TemplateMessage &message,
                               const QJsonObject &defaults)
{
    message.header.clear();
    message.body.clear();
    message.buttons.clear();

    if (tmpl.header == TemplateSlots::HeaderFormat::Text && !tmpl.headerVariable.isEmpty()) {
        const QString key = u"header."_s + tmpl.headerVariable;
        const QJsonValue v = lookup(values, defaults, key);
        if (v.isUndefined() || v.isNull()) {
            return missing(key);
        }
        TemplateParameter p;
        if (QString problem = textParameter(v, key, nameFor(tmpl.headerVariable), p); !problem.isEmpty()) {
            return problem;
        }
        message.header.append(p);
    } else if (tmpl.header != TemplateSlots::HeaderFormat::None &&
               tmpl.header != TemplateSlots::HeaderFormat::Text) {
        // A media header always needs its media, though the template shows no {{1}}.
        const QString key = u"header.1"_s;
        const QJsonValue v = lookup(values, defaults, key);
        if (v.isUndefined() || v.isNull()) {
            return missing(key);
        }
        TemplateParameter p;
        if (QString problem = mediaParameter(v, key, mediaType(tmpl.header), p); !problem.isEmpty()) {
            return problem;
        }
        message.header.append(p);
    }

    message.body.reserve(tmpl.bodyVariables.size());
    for (const QString &variable : tmpl.bodyVariables) {
        const QString key = u"body."_s + variable;
        const QJsonValue v = lookup(values, defaults, key);
        if (v.isUndefined() || v.isNull()) {
            return missing(key);
        }
        TemplateParameter p;
        if (QString problem = textParameter(v, key, nameFor(variable), p); !problem.isEmpty()) {
            return problem;
        }
        message.body.append(p);
    }

    for (const TemplateSlots::Button &b : tmpl.buttons) {
        const QString key = u"button."_s + QString::number(b.index);
        const QJsonValue v = lookup(values, defaults, key);
        const bool absent = v.isUndefined() || v.isNull();
        if (absent && b.subType != ButtonSubType::Catalog) {
            return missing(key);
        }
        if (v.isObject() || v.isArray()) {
            return QCoreApplication::translate("ParameterMapping", "%1: a button takes a plain text value.")
                .arg(key);
        }
        message.buttons.append(
            TemplateButton{b.subType, b.index, absent ? QString() : ParameterMapping::scalarText(v)});
    }
    return {};
}

QString ParameterMapping::scalarText(const QJsonValue &v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 1e15) {
            return QString::number(static_cast<qint64>(d));
        }
        return QString::number(d, 'g', 15);
    }
    if (v.isBool()) {
        return v.toBool() ? u"true"_s : u"false"_s;
    }
    return {};
}

} // namespace herald
