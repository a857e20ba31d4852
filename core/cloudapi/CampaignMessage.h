#pragma once

#include "cloudapi/MessageBuilder.h"
#include "cloudapi/ParameterMapping.h"

#include <QJsonObject>
#include <QString>

namespace herald {

// One campaign message as it goes out: the template's slots filled from the recipient's own
// values and the campaign's defaults (ParameterMapping), then the Cloud API payload
// (MessageBuilder). The sender, a test send and the wizard's preview all build it here, so
// what the user previews is exactly what is sent.
struct CampaignMessage
{
    QString templateName;
    QString templateLanguage;
    TemplateSlots slots;
    QJsonObject defaults;

    // The filled message (for previews), or why not in `error`.
    TemplateMessage fill(const QString &to, const QJsonObject &values, QString *error) const;
    // The request body, or the reason in Result::error. The sender passes the callback data
    // that names the queue row and claim (CallbackData); previews and test sends pass none.
    MessageBuilder::Result build(const QString &to, const QJsonObject &values,
                                 const QString &bizOpaqueCallbackData = {}) const;
};

} // namespace herald
