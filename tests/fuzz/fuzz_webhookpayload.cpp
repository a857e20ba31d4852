// A webhook POST body as Meta (or anyone who found the URL and the secret) might send it: the
// parser answers with a refusal or with items, never a crash, a leak or undefined behaviour,
// and what it hands on keeps its promises.
#include "FuzzInput.h"
#include "webhook/CallbackData.h"
#include "webhook/WebhookPayload.h"

#include <cstdlib>

using namespace herald;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    WebhookPayload::Limits limits;
    // Small limits now and then, so the refusals for size and item count are reached too.
    const uint8_t options = in.byte();
    if (options & 0x1) {
        limits.maxItems = 1 + (options >> 1);
    }
    if (options & 0x80) {
        limits.maxBodyBytes = 64 + options;
    }
    const QByteArray body = in.rest();
    const WebhookPayload p = WebhookPayload::parse(body, limits);
    if (!p.ok() && p.itemCount() != 0)
        std::abort(); // a refusal leaves nothing half-read
    if (p.ok() && body.size() > limits.maxBodyBytes)
        std::abort();
    if (p.itemCount() > limits.maxItems)
        std::abort();
    for (const StatusUpdate &s : p.statuses) {
        if (s.wamid.isEmpty() || s.wamid.size() > limits.maxIdLength || !s.timestamp.isValid())
            std::abort();
        if (s.raw.contains("\\u0000") || s.wamid.contains(QChar(0)))
            std::abort(); // PostgreSQL could not store it

        // A parked status is read back from its raw JSON: it must come back the same.
        const auto again = WebhookPayload::parseStatus(s.raw);
        if (!again || again->wamid != s.wamid || again->status != s.status || again->timestamp != s.timestamp)
            std::abort();
        if (const auto cb = CallbackData::parse(s.bizOpaqueCallbackData)) {
            if (cb->rowId <= 0 || cb->claim <= 0 || cb->format().size() > CallbackData::MaxLength)
                std::abort();
        }
    }
    for (const InboundMessage &m : p.messages) {
        if (m.from.isEmpty() || m.id.isEmpty())
            std::abort();
    }
    return 0;
}
