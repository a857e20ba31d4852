#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace herald {

// A message's delivery as Meta reports it, in the order it only ever moves forward; a late
// failure is outside that order (see DeliveryWriter).
enum class DeliveryStatus { Sent, Delivered, Read, Failed };

QString deliveryStatusName(DeliveryStatus status); // "sent", "delivered", "read", "failed"
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name);

struct WebhookError
{
    std::optional<int> code;
    QString title;
    QString message;
    QString details; // error_data.details
};

// entry[].changes[].value.statuses[] of a "messages" change.
struct StatusUpdate
{
    QString wamid; // "id"
    DeliveryStatus status = DeliveryStatus::Sent;
    QDateTime timestamp; // UTC, whole seconds
    QString recipientId; // the recipient's WhatsApp id (their number's digits)
    QList<WebhookError> errors;
    QString bizOpaqueCallbackData;
    QString pricingCategory;
    QString phoneNumberId; // value.metadata.phone_number_id: the business number it is for
    QString wabaId;        // entry[].id
    QByteArray raw;        // the status object as compact JSON
};

// entry[].changes[].value.messages[]: what a customer sent.
struct InboundMessage
{
    QString from;
    QString id;
    QDateTime timestamp;
    QString type;
    QString text;          // text.body
    QString buttonPayload; // button.payload, or interactive.button_reply.id
    QString phoneNumberId;
    QString wabaId;
    QByteArray raw;
};

// A change with field message_template_status_update or template_category_update.
struct TemplateEvent
{
    QString field;
    QString event; // APPROVED, REJECTED, PAUSED, … (status updates)
    QString templateId;
    QString name;
    QString language;
    QString reason;
    QString previousCategory; // category updates
    QString newCategory;
    QString correctCategory;
    QString wabaId;
    QByteArray raw;
};

// Anything else, kept raw: unknown change fields, items that could not be read (with why).
struct UnknownItem
{
    QString kind;   // the change's field, or "status" / "message" for an unreadable item
    QString reason; // empty for a kind Herald does not handle; why, for an unreadable item
    QByteArray raw;
};

// Everything one webhook POST asks Herald to store.
struct WebhookWork
{
    QList<StatusUpdate> statuses;
    QList<InboundMessage> messages;
    QList<TemplateEvent> templateEvents;
    QList<UnknownItem> unknown;

    qsizetype size() const
    {
        return statuses.size() + messages.size() + templateEvents.size() + unknown.size();
    }
};

} // namespace herald
