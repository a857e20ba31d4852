#include "simulator/PhoneNumberEndpoint.h"

#include "simulator/SimulatorConfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace herald {

using namespace Qt::StringLiterals;

SimAnswer PhoneNumberEndpoint::handle(const SimulatorConfig &config, const SimRequest &request)
{
    const QString fieldList = request.query.queryItemValue(u"fields"_s, QUrl::FullyDecoded);
    QSet<QString> fields;
    for (const QString &f : fieldList.split(u',', Qt::SkipEmptyParts)) {
        fields.insert(f.trimmed());
    }
    const QJsonObject all{
        {u"verified_name"_s, config.verifiedName},
        {u"display_phone_number"_s, config.displayPhoneNumber},
        {u"quality_rating"_s, config.qualityRating},
        {u"messaging_limit_tier"_s, config.messagingLimitTier},
        {u"status"_s, config.numberStatus},
        {u"throughput"_s, QJsonObject{{u"level"_s, config.throughputLevel}}},
    };
    QJsonObject out;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (fields.isEmpty() || fields.contains(it.key())) {
            out.insert(it.key(), it.value());
        }
    }
    out.insert(u"id"_s, config.phoneNumberId);
    return SimAnswer::json(200, QJsonDocument(out).toJson(QJsonDocument::Compact));
}

} // namespace herald
