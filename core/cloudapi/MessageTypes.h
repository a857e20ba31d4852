#pragma once

#include <QList>
#include <QString>

namespace herald {

// Value types for the two message shapes Herald sends. They mirror Meta's request schema
// (OpenAPI v23.0: TemplateObject, TemplateComponent, ParameterObject, ButtonParameterObject,
// TextMessage) but are structured so that a malformed shape (two headers, a button without an
// index) cannot be expressed; MessageBuilder checks the remaining rules and writes the JSON.

enum class ParameterType { Text, Currency, DateTime, Image, Document, Video };

// One header or body parameter. Which fields matter depends on `type`.
struct TemplateParameter
{
    ParameterType type = ParameterType::Text;
    // Named templates (parameter_format NAMED) send `parameter_name`; positional ones leave it empty.
    QString name;
    QString text;          // Text
    QString fallbackValue; // Currency, DateTime
    QString currencyCode;  // Currency: ISO 4217, e.g. "EUR"
    qint64 amount1000 = 0; // Currency: amount × 1000
    QString mediaId;       // Image, Document, Video: exactly one of id and link
    QString mediaLink;

    static TemplateParameter textValue(const QString &text, const QString &name = {});
    static TemplateParameter currency(const QString &fallback, const QString &code, qint64 amount1000,
                                      const QString &name = {});
    static TemplateParameter dateTime(const QString &fallback, const QString &name = {});
    static TemplateParameter mediaById(ParameterType type, const QString &id);
    static TemplateParameter mediaByLink(ParameterType type, const QString &link);

    friend bool operator==(const TemplateParameter &, const TemplateParameter &) = default;
};

enum class ButtonSubType { QuickReply, Url, Catalog };

// One button component. `value` is the quick_reply payload, the url button's dynamic suffix,
// or the catalog button's thumbnail_product_retailer_id (optional: Meta then shows the first item).
struct TemplateButton
{
    ButtonSubType subType = ButtonSubType::QuickReply;
    int index = 0; // 0..9, position of the button in the template; sent as a string
    QString value;

    friend bool operator==(const TemplateButton &, const TemplateButton &) = default;
};

struct TemplateMessage
{
    QString to; // E.164 digits; a leading '+' is accepted and dropped
    QString name;
    QString languageCode; // "en_US", "de"
    // A header takes exactly one parameter; the list exists so that a caller's mistake is
    // reported instead of silently truncated. Empty: no header component.
    QList<TemplateParameter> header;
    QList<TemplateParameter> body; // empty: no body component
    QList<TemplateButton> buttons;
    // Meta echoes it in the message's status webhooks (at most 512 characters); empty: not sent.
    // The sender names the queue row and claim in it (CallbackData); previews and test sends
    // leave it empty.
    QString bizOpaqueCallbackData;

    friend bool operator==(const TemplateMessage &, const TemplateMessage &) = default;
};

// Free-form text; Meta accepts it only inside a 24 h customer-service window (else 131047).
struct TextMessage
{
    QString to;
    QString body;
    bool previewUrl = false;
};

QString parameterTypeName(ParameterType type); // "text", "currency", "date_time", …
QString buttonSubTypeName(ButtonSubType type); // "quick_reply", "url", "catalog"

} // namespace herald
