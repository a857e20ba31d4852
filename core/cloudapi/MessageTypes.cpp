#include "cloudapi/MessageTypes.h"

using namespace Qt::StringLiterals;

namespace herald {

TemplateParameter TemplateParameter::textValue(const QString &text, const QString &name)
{
    TemplateParameter p;
    p.type = ParameterType::Text;
    p.text = text;
    p.name = name;
    return p;
}

TemplateParameter TemplateParameter::currency(const QString &fallback, const QString &code, qint64 amount1000,
                                              const QString &name)
{
    TemplateParameter p;
    p.type = ParameterType::Currency;
    p.fallbackValue = fallback;
    p.currencyCode = code;
    p.amount1000 = amount1000;
    p.name = name;
    return p;
}

TemplateParameter TemplateParameter::dateTime(const QString &fallback, const QString &name)
{
    TemplateParameter p;
    p.type = ParameterType::DateTime;
    p.fallbackValue = fallback;
    p.name = name;
    return p;
}

TemplateParameter TemplateParameter::mediaById(ParameterType type, const QString &id)
{
    TemplateParameter p;
    p.type = type;
    p.mediaId = id;
    return p;
}

TemplateParameter TemplateParameter::mediaByLink(ParameterType type, const QString &link)
{
    TemplateParameter p;
    p.type = type;
    p.mediaLink = link;
    return p;
}

QString parameterTypeName(ParameterType type)
{
    switch (type) {
    case ParameterType::Text:
        return u"text"_s;
    case ParameterType::Currency:
        return u"currency"_s;
    case ParameterType::DateTime:
        return u"date_time"_s;
    case ParameterType::Image:
        return u"image"_s;
    case ParameterType::Document:
        return u"document"_s;
    case ParameterType::Video:
        return u"video"_s;
    }
    return {};
}

QString buttonSubTypeName(ButtonSubType type)
{
    switch (type) {
    case ButtonSubType::QuickReply:
        return u"quick_reply"_s;
    case ButtonSubType::Url:
        return u"url"_s;
    case ButtonSubType::Catalog:
        return u"catalog"_s;
    }
    return {};
}

} // namespace herald
