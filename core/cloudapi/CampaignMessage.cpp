#include "cloudapi/CampaignMessage.h"

namespace herald {

TemplateMessage CampaignMessage::fill(const QString &to, const QJsonObject &values, QString *error) const
{
    TemplateMessage msg;
    msg.to = to;
    msg.name = templateName;
    msg.languageCode = templateLanguage;
    *error = ParameterMapping::fill(slots, values, msg, defaults);
    return msg;
}

MessageBuilder::Result CampaignMessage::build(const QString &to, const QJsonObject &values,
                                              const QString &bizOpaqueCallbackData) const
{
    QString error;
    TemplateMessage msg = fill(to, values, &error);
    msg.bizOpaqueCallbackData = bizOpaqueCallbackData;
    if (!error.isEmpty()) {
        return {{}, error};
    }
    return MessageBuilder::build(msg);
}

} // namespace herald
