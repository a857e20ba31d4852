// A template as the Cloud API lists it (JSON from the network): components, placeholders,
// buttons, problems, and the preview filled with values.
#include "FuzzInput.h"
#include "templates/TemplateParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

using namespace herald;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    const QByteArray json = in.rest();

    const QJsonDocument doc = QJsonDocument::fromJson(json);
    QJsonArray components;
    QString format;
    QJsonObject values;
    if (doc.isArray()) {
        components = doc.array();
    } else if (doc.isObject()) {
        // One template of GET /message_templates: {"components": […], "parameter_format": …}
        const QJsonObject o = doc.object();
        components = o.value(QStringLiteral("components")).toArray();
        format = o.value(QStringLiteral("parameter_format")).toString();
        values = o.value(QStringLiteral("values")).toObject();
    } else {
        // Not JSON: the bytes as one body text, the way a placeholder-heavy text arrives.
        const QString text = QString::fromUtf8(json);
        (void)TemplateParser::placeholders(text);
        QJsonObject body{{QStringLiteral("type"), QStringLiteral("BODY")}, {QStringLiteral("text"), text}};
        components.append(body);
    }
    if (mode & 1)
        format = (mode & 2) ? QStringLiteral("NAMED") : QStringLiteral("POSITIONAL");

    const ParsedTemplate parsed = TemplateParser::parse(components, format);
    if (parsed.bodyText.size() > TemplateParser::kMaxTextLength ||
        parsed.headerText.size() > TemplateParser::kMaxTextLength ||
        parsed.buttons.size() > TemplateParser::kMaxButtons)
        std::abort(); // what is kept of a listed template stays within the bounds
    if (components.size() > TemplateParser::kMaxComponents && parsed.isSendable())
        std::abort(); // a template past a bound cannot start a campaign
    const TemplatePreview preview = TemplateParser::preview(parsed, values);
    (void)preview;
    return 0;
}
