#pragma once

#include "cloudapi/MessageTypes.h"

#include <QByteArray>
#include <QString>

namespace herald {

// Turns a message value into the exact request body of POST /{version}/{phone-number-id}/messages:
// compact JSON, keys in the order of Meta's documentation, always with messaging_product,
// recipient_type "individual", `to` as E.164 digits without "+", and language.policy
// "deterministic" (required by Meta's OpenAPI file though Meta's own examples omit it).
//
// Everything Meta would reject for the message's own sake is checked first and reported in
// one sentence a user can act on, so such a message fails here instead of costing a request.
class MessageBuilder
{
public:
    struct Result
    {
        QByteArray json;
        QString error; // empty on success; json is empty on error
        bool ok() const noexcept { return error.isEmpty(); }
    };

    static constexpr int MaxHeaderTextLength = 60;
    static constexpr int MaxParameterTextLength = 32768;
    static constexpr int MaxTextBodyLength = 4096;
    static constexpr int MaxTemplateNameLength = 512;
    static constexpr int MaxButtonIndex = 9;
    static constexpr int MaxCallbackDataLength = 512;

    static Result build(const TemplateMessage &message);
    static Result build(const TextMessage &message);

    // Empty when the message is valid, else the first problem found.
    static QString validate(const TemplateMessage &message);
    static QString validate(const TextMessage &message);

    // "+4915123456789" or "4915123456789" → "4915123456789"; empty when `to` is not 7–15
    // digits without a leading zero (a national number would reach someone else, or no one).
    static QString recipientDigits(const QString &to);
};

} // namespace herald
