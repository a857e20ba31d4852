#pragma once

#include "webhook/WebhookTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace herald {

// A webhook POST body read into what Herald acts on. parse() never throws and never trusts
// the body: a body too large, not JSON, not a WhatsApp Business Account notification or with
// too many items is refused as a whole (`refusal` says why, and nothing else is set); an item
// that cannot be read (a status without an id, an unknown status, a timestamp that is not a
// time) is kept raw in `unknown` with the reason, beside the readable ones.
struct WebhookPayload
{
    struct Limits
    {
        qsizetype maxBodyBytes = 4 * 1024 * 1024; // Meta's payloads stay under 3 MB
        qsizetype maxItems = 10'000;              // statuses, messages, events and unknown items
        qsizetype maxIdLength = 256;              // wamids are at most 128 characters
        qsizetype maxTextLength = 65'536;         // any other string Herald keeps
    };

    QString refusal; // empty when the body was read
    QList<StatusUpdate> statuses;
    QList<InboundMessage> messages;
    QList<TemplateEvent> templateEvents;
    QList<UnknownItem> unknown;

    bool ok() const { return refusal.isEmpty(); }
    qsizetype itemCount() const
    {
        return statuses.size() + messages.size() + templateEvents.size() + unknown.size();
    }

    static WebhookPayload parse(const QByteArray &body, const Limits &limits);
    static WebhookPayload parse(const QByteArray &body) { return parse(body, Limits{}); }
    // One status object as StatusUpdate::raw holds it (a parked callback read back).
    static std::optional<StatusUpdate> parseStatus(const QByteArray &rawObject);
};

} // namespace herald
