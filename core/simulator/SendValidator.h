#pragma once

#include "simulator/SimGraphError.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace herald {

// Checks a POST …/messages body the way Graph does before it looks at the recipient:
// required members, enumerations, template name/language and component structure, text
// body length. What it reports is Graph's error 100 wording.
class SendValidator
{
public:
    struct Result
    {
        QString to;           // as sent (empty when missing or not a string)
        QString recipientKey; // digits of `to`, empty when `to` is unusable
        QString type;
        QString templateName;
        QString languageCode;
        int bodyParameters = 0;
        QString bizOpaqueCallbackData;      // echoed in the status callbacks
        std::optional<SimGraphError> error; // empty: the request is well formed
    };

    static Result check(const QByteArray &body);
};

} // namespace herald
