#include "simulator/SimGraphError.h"

#include "simulator/SimRandom.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <atomic>

namespace herald {

using namespace Qt::StringLiterals;

QByteArray SimGraphError::toJson() const
{
    QJsonObject error{{"message"_L1, message}, {"type"_L1, type}, {"code"_L1, code}};
    if (!details.isEmpty())
        error.insert("error_data"_L1,
                     QJsonObject{{"messaging_product"_L1, "whatsapp"_L1}, {"details"_L1, details}});
    if (subcode != 0)
        error.insert("error_subcode"_L1, subcode);
    if (transient)
        error.insert("is_transient"_L1, true);
    error.insert("fbtrace_id"_L1, newTraceId());
    return QJsonDocument(QJsonObject{{"error"_L1, error}}).toJson(QJsonDocument::Compact);
}

SimGraphError SimGraphError::requiredParameter(const QString &name)
{
    return {400, 100, u"(#100) The parameter %1 is required."_s.arg(name)};
}

SimGraphError SimGraphError::invalidParameter(const QString &details)
{
    SimGraphError e{400, 100, u"(#100) Invalid parameter"_s};
    e.details = details;
    return e;
}

SimGraphError SimGraphError::paramMustBeOneOf(const QString &name, const QString &choices, const QString &got)
{
    return {400, 100, u"(#100) Param %1 must be one of {%2} - got \"%3\"."_s.arg(name, choices, got)};
}

SimGraphError SimGraphError::missingToken()
{
    // Real Graph answers a missing token with code 2500 and HTTP 400; Herald's contract is
    // 190 for every token problem, and a sender must stop either way.
    return {401, 190, u"An active access token must be used to query information about the current user."_s};
}

SimGraphError SimGraphError::invalidToken()
{
    return {401, 190, u"Invalid OAuth access token - Cannot parse access token"_s};
}

SimGraphError SimGraphError::expiredToken()
{
    SimGraphError e{401, 190, u"Error validating access token: Session has expired."_s};
    e.subcode = 463;
    return e;
}

SimGraphError SimGraphError::unknownPath(const QString &path)
{
    return {400, 2500, u"Unknown path components: %1"_s.arg(path)};
}

SimGraphError SimGraphError::unsupportedRequest(const QString &method, const QString &objectId)
{
    SimGraphError e{
        400, 100,
        u"Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation. Please read the Graph API documentation at "
        "https://developers.facebook.com/docs/graph-api"_s.arg(method, objectId),
        u"GraphMethodException"_s};
    e.subcode = 33;
    return e;
}

SimGraphError SimGraphError::permissionDenied()
{
    return SimGraphError{403, 10, u"(#10) Application does not have permission for this action"_s,
                         u"OAuthException"_s};
}

SimGraphError SimGraphError::throughputReached()
{
    SimGraphError e{400, 130429, u"(#130429) Rate limit hit"_s};
    e.details = u"Cloud API message throughput has been reached."_s;
    e.subcode = 2494055;
    return e;
}

SimGraphError SimGraphError::pairRateLimit()
{
    SimGraphError e{400, 131056, u"(#131056) (Business Account, Consumer Account) pair rate limit hit"_s};
    e.details = u"Message failed to send because there were too many messages sent from this phone number to "
                "the same phone number in a short period of time."_s;
    return e;
}

SimGraphError SimGraphError::numberRefused(int code)
{
    if (code == 131048) {
        SimGraphError e{400, 131048, u"(#131048) Spam rate limit hit"_s};
        e.details = u"Message failed to send because there are restrictions on how many messages can be sent "
                    "from this phone number. This may be because too many previous messages were blocked or "
                    "flagged as spam."_s;
        return e;
    }
    return {400, code, u"(#%1) Temporarily blocked for policies violations"_s.arg(code)};
}

SimGraphError SimGraphError::unexpected500()
{
    SimGraphError e{500, 2, u"An unexpected error has occurred. Please retry your request later."_s};
    e.transient = true;
    return e;
}

SimGraphError SimGraphError::unavailable503()
{
    SimGraphError e{503, 2, u"(#2) Service temporarily unavailable"_s};
    e.transient = true;
    return e;
}

SimGraphError SimGraphError::somethingWentWrong()
{
    SimGraphError e{500, 131000, u"(#131000) Something went wrong"_s};
    e.details = u"Message failed to send due to an unknown error."_s;
    return e;
}

SimGraphError SimGraphError::templateMissing(const QString &name, const QString &language)
{
    SimGraphError e{404, 132001, u"(#132001) Template name does not exist in the translation"_s};
    e.details = u"template name (%1) does not exist in %2"_s.arg(name, language);
    return e;
}

SimGraphError SimGraphError::templatePaused()
{
    SimGraphError e{400, 132015, u"(#132015) Template is Paused"_s};
    e.details = u"Template is paused due to low quality so it cannot be sent in a template message."_s;
    return e;
}

SimGraphError SimGraphError::templateDisabled()
{
    SimGraphError e{400, 132016, u"(#132016) Template is Disabled"_s};
    e.details =
        u"Template has been paused too many times due to low quality and is now permanently disabled."_s;
    return e;
}

SimGraphError SimGraphError::parameterCountMismatch(int got, int expected)
{
    SimGraphError e{400, 132000,
                    u"(#132000) Number of parameters does not match the expected number of params"_s};
    e.details = u"body: number of localizable_params (%1) does not match the expected number of params (%2)"_s
                    .arg(got)
                    .arg(expected);
    return e;
}

QString SimGraphError::newTraceId()
{
    static const quint64 nonce = QRandomGenerator::system()->generate64();
    static std::atomic<quint64> counter{0};
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    quint64 a = SimRandom::mix(nonce ^ counter.fetch_add(1, std::memory_order_relaxed));
    quint64 b = SimRandom::mix(a);
    quint64 c = SimRandom::mix(b);
    QString id(23, Qt::Uninitialized);
    for (int i = 0; i < 23; ++i) {
        quint64 &src = i < 10 ? a : (i < 20 ? b : c);
        id[i] = QLatin1Char(alphabet[src & 63]);
        src >>= 6;
    }
    return id;
}

QByteArray SimGraphError::htmlErrorPage()
{
    return QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\" id=\"facebook\"><head><title>Error</title>"
                             "<meta charset=\"utf-8\"></head><body><h1>Sorry, something went wrong.</h1>"
                             "<p>We're working on getting this fixed as soon as we can.</p>"
                             "<p>502 Bad Gateway</p></body></html>\n");
}

} // namespace herald
