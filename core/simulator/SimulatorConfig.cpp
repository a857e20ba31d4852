#include "simulator/SimulatorConfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

// Written as Graph returns it, so the catalogue doubles as an example of the listing format.
constexpr char kDefaultCatalogue[] = R"json([
 {"id":"1192339204654487","name":"hello_world","language":"en_US","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Hello World"},
   {"type":"BODY","text":"Welcome and congratulations!! This message demonstrates your ability to send a message notification from WhatsApp Business Platform's Cloud API."},
   {"type":"FOOTER","text":"WhatsApp Business API Team"}]},
 {"id":"920070352646140","name":"order_update","language":"en_US","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.com/a.jpg"]}},
   {"type":"BODY","text":"Hi {{1}}, your order {{2}} has shipped.","example":{"body_text":[["Alex","A12345"]]}},
   {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/track/{{1}}","example":["https://example.com/track/A12345"]}]}]},
 {"id":"920070352646141","name":"order_update","language":"de","status":"APPROVED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.com/a.jpg"]}},
   {"type":"BODY","text":"Hallo {{1}}, deine Bestellung {{2}} ist unterwegs.","example":{"body_text":[["Alex","A12345"]]}},
   {"type":"BUTTONS","buttons":[{"type":"URL","text":"Verfolgen","url":"https://example.com/track/{{1}}","example":["https://example.com/track/A12345"]}]}]},
 {"id":"1029384756102938","name":"spring_sale","language":"en_US","status":"APPROVED",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Spring Sale"},
   {"type":"BODY","text":"Hi {{1}}, our Spring Sale is on! Use promo code {{2}} to get {{3}} off.","example":{"body_text":[["Mark","SPRING25","25%"]]}},
   {"type":"FOOTER","text":"Not interested? Tap Stop promotions"},
   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop promotions"}]}]},
 {"id":"1029384756102939","name":"appointment_reminder","language":"en_US","status":"APPROVED",
  "category":"UTILITY","parameter_format":"NAMED","components":[
   {"type":"BODY","text":"Hello {{first_name}}, this is a reminder of your appointment on {{date}}.","example":{"body_text_named_params":[{"param_name":"first_name","example":"Jess"},{"param_name":"date","example":"May 4"}]}}]},
 {"id":"1029384756102940","name":"login_code","language":"en_US","status":"APPROVED",
  "category":"AUTHENTICATION","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"{{1}} is your verification code.","example":{"body_text":[["123456"]]}},
   {"type":"BUTTONS","buttons":[{"type":"URL","text":"Copy code","url":"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}","example":["https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp123456"]}]}]},
 {"id":"1029384756102941","name":"winter_promo","language":"en_US","status":"PAUSED",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Hi {{1}}, winter deals are here."}]},
 {"id":"1029384756102942","name":"legacy_notice","language":"en_US","status":"DISABLED",
  "category":"UTILITY","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Our terms have changed."}]},
 {"id":"1029384756102943","name":"new_feature","language":"en_US","status":"PENDING",
  "category":"MARKETING","parameter_format":"POSITIONAL","components":[
   {"type":"BODY","text":"Hi {{1}}, meet our new feature."}]}
])json";

bool rateOk(double r)
{
    return r >= 0.0 && r <= 1.0;
}

} // namespace

QList<SimTemplate> SimulatorConfig::defaultTemplates()
{
    static const QList<SimTemplate> catalogue = [] {
        QList<SimTemplate> out;
        const QJsonArray items = QJsonDocument::fromJson(QByteArray(kDefaultCatalogue)).array();
        for (const QJsonValue &v : items) {
            const QJsonObject o = v.toObject();
            out.append(
                SimTemplate{o.value("id"_L1).toString(), o.value("name"_L1).toString(),
                            o.value("language"_L1).toString(), o.value("status"_L1).toString(),
                            o.value("category"_L1).toString(), o.value("previous_category"_L1).toString(),
                            o.value("parameter_format"_L1).toString(), o.value("components"_L1).toArray()});
        }
        return out;
    }();
    return catalogue;
}

const NumberFault *SimulatorConfig::faultOf(const QString &id) const
{
    for (const NumberFault &f : numberFaults) {
        if (f.phoneNumberId == id)
            return &f;
    }
    return nullptr;
}

bool SimulatorConfig::validate(QString *error) const
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (accessToken.isEmpty())
        return fail(u"the access token must not be empty"_s);
    static const QRegularExpression versionPattern(u"^v\\d+\\.\\d+$"_s);
    if (!apiVersion.isEmpty() && !versionPattern.match(apiVersion).hasMatch())
        return fail(u"the API version must look like v23.0, not '%1'"_s.arg(apiVersion));
    if (phoneNumberId.isEmpty() || wabaId.isEmpty())
        return fail(u"the phone number id and the WABA id must not be empty"_s);
    if (threads < 1 || threads > 64)
        return fail(u"threads must be between 1 and 64"_s);
    if (latencyMs < 0 || latencyP99Ms < 0 || latencyMs > 600000 || latencyP99Ms > 600000)
        return fail(u"latencies must be between 0 and 600000 ms"_s);
    if (throughputPerSecond < 0 || throughputPerSecond > 10000000)
        return fail(u"the throughput cap must be between 0 (off) and 10000000 messages/s"_s);
    if (pairLimitMs < 0)
        return fail(u"the pair limit window must not be negative"_s);
    if (closeAfterAcceptEvery < 0)
        return fail(u"close-after-accept-every must be 0 (off) or a positive count"_s);
    const double rates[] = {resetRate,    timeoutRate,   error500Rate,
                            error503Rate, htmlErrorRate, error131000Rate};
    double sum = 0.0;
    for (double r : rates) {
        if (!rateOk(r))
            return fail(u"fault rates are probabilities between 0 and 1"_s);
        sum += r;
    }
    if (sum > 1.0 + 1e-9)
        return fail(u"the fault rates add up to more than 1"_s);
    const double afterAccept[] = {truncatedBodyRate, malformedJsonRate, oversizedBodyRate};
    sum = 0.0;
    for (double r : afterAccept) {
        if (!rateOk(r))
            return fail(u"fault rates are probabilities between 0 and 1"_s);
        sum += r;
    }
    if (sum > 1.0 + 1e-9)
        return fail(u"the rates of spoiled answers add up to more than 1"_s);
    if (!statusWebhookUrl.isEmpty()) {
        const QUrl url(statusWebhookUrl);
        if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) ||
            url.host().isEmpty())
            return fail(
                u"the status webhook URL must be an http or https URL, not '%1'"_s.arg(statusWebhookUrl));
        if (webhookAppSecret.isEmpty())
            return fail(u"status webhooks need an app secret to sign them with"_s);
    }
    if (deliveredAfterMs < 0 || readAfterMs < 0 || reorderMs < 0 || deliveredAfterMs > 86400000 ||
        readAfterMs > 86400000 || reorderMs > 86400000 || webhookRetryMs < 1 || webhookRetryMs > 3600000)
        return fail(u"callback delays must be between 0 and 86400000 ms, the retry pause at least 1 ms"_s);
    if (!rateOk(readShare) || !rateOk(lateFailureShare) || !rateOk(duplicateShare))
        return fail(u"callback shares are between 0 and 1"_s);
    if (webhookBatch < 1 || webhookBatch > 1000)
        return fail(u"statuses per callback must be between 1 and 1000"_s);
    if (oversizedBodyBytes < 0 || oversizedBodyBytes > 256 * 1024 * 1024)
        return fail(u"the oversized body must be between 0 and 256 MiB"_s);
    if (resetBeforeReadEvery < 0 || silentConnectionEvery < 0)
        return fail(
            u"reset-before-read-every and silent-connection-every must be 0 (off) or a positive count"_s);
    if (maxRequestBytes < 1024 || maxConnections < 1)
        return fail(
            u"the request size limit must be at least 1024 bytes and the connection limit at least 1"_s);
    for (const CategoryChange &c : categoryChanges) {
        if (c.templateName.isEmpty() || c.newCategory.isEmpty() || c.afterListings < 0)
            return fail(u"a category change needs a template name, a category and afterListings >= 0"_s);
    }
    return true;
}

} // namespace herald
