#include "templates/TemplateParser.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TemplateParser", text);
}

const QRegularExpression &placeholderPattern()
{
    // Meta allows digits (positional) or lower-case letters, digits and underscores (named);
    // upper case is accepted here too so that a template is never silently read as variable-free.
    static const QRegularExpression pattern(u"\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"_s);
    return pattern;
}

bool isPositional(const QString &variable)
{
    return !variable.isEmpty() &&
           std::all_of(variable.cbegin(), variable.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// What the recipient would see for a sample value: scalars as ParameterMapping sends them,
// currency and date_time objects as their fallback text.
QString scalarText(const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains("fallback_value"_L1)) {
            return o.value("fallback_value"_L1).toString();
        }
        return scalarText(o.value("text"_L1));
    }
    return ParameterMapping::scalarText(v);
}

QString filled(const QString &text, const QString &component, const QJsonObject &values,
               const QJsonObject &defaults)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        const QString key = component + u'.' + m.captured(1);
        QJsonValue v = values.value(key);
        if (v.isUndefined() || v.isNull()) {
            v = defaults.value(key);
        }
        const QString value = scalarText(v);
        out += value.isEmpty() ? m.captured(0) : value;
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

// A text of the template, cut at the bound; `what` names it in the problem ("the body").
QString boundedText(const QJsonObject &o, QLatin1StringView key, const QString &what, ParsedTemplate &p)
{
    QString text = o.value(key).toString();
    if (text.size() > TemplateParser::kMaxTextLength) {
        const qsizetype length = text.size();
        const qsizetype limit = TemplateParser::kMaxTextLength;
        p.problems
            << tr("%1 is %2 characters long; Herald reads templates with texts of at most %3 characters.")
                   .arg(what, QString::number(length), QString::number(limit));
        text.truncate(TemplateParser::kMaxTextLength);
    }
    return text;
}

TemplateSlots::HeaderFormat headerFormatOf(const QString &format)
{
    if (format == "IMAGE"_L1) {
        return TemplateSlots::HeaderFormat::Image;
    }
    if (format == "DOCUMENT"_L1) {
        return TemplateSlots::HeaderFormat::Document;
    }
    if (format == "VIDEO"_L1) {
        return TemplateSlots::HeaderFormat::Video;
    }
    if (format == "TEXT"_L1) {
        return TemplateSlots::HeaderFormat::Text;
    }
    return TemplateSlots::HeaderFormat::None;
}

void parseHeader(const QJsonObject &c, ParsedTemplate &p)
{
    p.headerFormat = c.value("format"_L1).toString(u"TEXT"_s).toUpper();
    if (p.headerFormat == "LOCATION"_L1) {
        // Sending needs a location parameter (latitude, longitude, name, address), which the
        // message model has no slot for yet; refusing beats 132000 on every message.
        p.problems << tr("The template has a location header, which Herald cannot fill yet.");
        return;
    }
    p.templateSlots.header = headerFormatOf(p.headerFormat);
    if (p.templateSlots.header == TemplateSlots::HeaderFormat::None) {
        p.problems << tr("The template's header has the unknown format \"%1\".").arg(p.headerFormat);
        return;
    }
    if (p.templateSlots.header == TemplateSlots::HeaderFormat::Text) {
        p.headerText = boundedText(c, "text"_L1, tr("The template's header"), p);
        const QStringList vars = TemplateParser::placeholders(p.headerText);
        if (vars.size() > 1) {
            p.problems
                << tr("The template's text header has %1 variables; Meta allows one.").arg(vars.size());
        }
        p.templateSlots.headerVariable = vars.value(0);
    }
}

void parseButtons(const QJsonArray &buttons, ParsedTemplate &p)
{
    if (buttons.size() > TemplateParser::kMaxButtons) {
        const QString count = QString::number(buttons.size());
        const QString limit = QString::number(TemplateParser::kMaxButtons);
        p.problems << tr("The template has %1 buttons; Meta allows at most %2.").arg(count, limit);
    }
    const qsizetype read = std::min(buttons.size(), TemplateParser::kMaxButtons);
    for (qsizetype i = 0; i < read; ++i) {
        const QJsonObject b = buttons.at(i).toObject();
        ParsedTemplate::Button button;
        button.index = int(i);
        button.type = b.value("type"_L1).toString().toUpper();
        const QString number = QString::number(i);
        button.text = boundedText(b, "text"_L1, tr("The text of button %1").arg(number), p);
        button.url = boundedText(b, "url"_L1, tr("The URL of button %1").arg(number), p);
        if (button.type == "URL"_L1 && !TemplateParser::placeholders(button.url).isEmpty()) {
            // A dynamic URL: the parameter is the part that replaces {{1}}. Authentication
            // templates' copy-code buttons are listed this way too and are sent as url buttons.
            button.takesParameter = true;
            p.templateSlots.buttons.append({button.index, ButtonSubType::Url});
        } else if (button.type == "OTP"_L1) {
            // One-time-password buttons (copy code, one tap) take the code as a url parameter.
            button.takesParameter = true;
            p.templateSlots.buttons.append({button.index, ButtonSubType::Url});
        } else if (button.type == "CATALOG"_L1) {
            // The thumbnail product is optional; Meta shows the first item without one.
            button.takesParameter = true;
            p.templateSlots.buttons.append({button.index, ButtonSubType::Catalog});
        } else if (button.type == "COPY_CODE"_L1) {
            // A marketing coupon button is sent with sub_type copy_code and a coupon_code
            // parameter, which the message model cannot express yet.
            button.takesParameter = true;
            p.problems << tr("Button %1 is a copy-code (coupon) button, which Herald cannot fill yet.")
                              .arg(button.index);
        }
        // QUICK_REPLY, PHONE_NUMBER, static URL, FLOW…: nothing to send, Meta uses the template's.
        p.buttons.append(button);
    }
}

QStringList sortedPositional(QStringList vars)
{
    std::sort(vars.begin(), vars.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return vars;
}

} // namespace

QStringList TemplateParser::placeholders(const QString &text)
{
    QStringList vars;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString v = it.next().captured(1);
        if (!vars.contains(v)) {
            vars << v;
        }
    }
    return vars;
}

ParsedTemplate TemplateParser::parse(const QJsonArray &components, const QString &parameterFormat)
{
    ParsedTemplate p;
    if (components.size() > kMaxComponents) {
        const QString count = QString::number(components.size());
        const QString limit = QString::number(kMaxComponents);
        p.problems << tr("The template has %1 components; Herald reads at most %2.").arg(count, limit);
    }
    const qsizetype read = std::min(components.size(), kMaxComponents);
    for (qsizetype i = 0; i < read; ++i) {
        const QJsonObject c = components.at(i).toObject();
        const QString type = c.value("type"_L1).toString().toUpper();
        if (type == "HEADER"_L1) {
            parseHeader(c, p);
        } else if (type == "BODY"_L1) {
            p.bodyText = boundedText(c, "text"_L1, tr("The template's body"), p);
        } else if (type == "FOOTER"_L1) {
            p.footerText = boundedText(c, "text"_L1, tr("The template's footer"), p);
        } else if (type == "BUTTONS"_L1) {
            parseButtons(c.value("buttons"_L1).toArray(), p);
        }
    }

    const QStringList bodyVars = placeholders(p.bodyText);
    QStringList all = bodyVars;
    if (!p.templateSlots.headerVariable.isEmpty()) {
        all << p.templateSlots.headerVariable;
    }
    const bool anyNamed =
        std::any_of(all.cbegin(), all.cend(), [](const QString &v) { return !isPositional(v); });
    const bool anyPositional = std::any_of(all.cbegin(), all.cend(), isPositional);

    p.parameterFormat = parameterFormat.trimmed().toUpper();
    if (p.parameterFormat.isEmpty()) {
        p.parameterFormat = anyNamed ? u"NAMED"_s : u"POSITIONAL"_s;
    }
    if (p.parameterFormat == "POSITIONAL"_L1 && anyNamed) {
        p.problems << tr("The template is positional but uses named variables.");
    } else if (p.parameterFormat == "NAMED"_L1 && anyPositional) {
        p.problems << tr("The template uses named parameters but has numbered variables.");
    }
    // Positional parameters are sent in number order whatever order the text uses them in.
    p.templateSlots.bodyVariables = p.parameterFormat == "NAMED"_L1 ? bodyVars : sortedPositional(bodyVars);
    return p;
}

TemplatePreview TemplateParser::preview(const ParsedTemplate &parsed, const QJsonObject &values,
                                        const QJsonObject &defaults)
{
    TemplatePreview out;
    if (parsed.templateSlots.header == TemplateSlots::HeaderFormat::Text) {
        out.header = filled(parsed.headerText, u"header"_s, values, defaults);
    } else if (!parsed.headerFormat.isEmpty()) {
        out.header = u'[' + parsed.headerFormat + u']';
    }
    out.body = filled(parsed.bodyText, u"body"_s, values, defaults);
    out.footer = parsed.footerText;
    for (const ParsedTemplate::Button &b : parsed.buttons) {
        out.buttons << b.text;
    }
    return out;
}

} // namespace herald
