#include "cloudapi/ErrorPolicy.h"

#include <QCoreApplication>
#include <QMetaEnum>

#include <array>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

using A = ErrorAction;
using T = ThrottleScope;
using S = ErrorSituation;

constexpr int kThrottledAppPauseMs =
    60'000; // Meta's call-rate windows are long; a minute is the least useful wait
constexpr int kMaintenancePauseMs = 60'000; // "e.g. throughput upgrade, ~1 min"
constexpr int kPairGapMs = 6'000;           // about one message per recipient per 6 s

// clang-format off
constexpr std::array kTable = {
    // --- throughput and limits ---
    ErrorPolicyEntry{S::GraphCode, 130429, A::SlowDown, T::PhoneNumber, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The phone number's sending rate (messages per second) was reached."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald slows down and sends the message again.")},
    ErrorPolicyEntry{S::GraphCode, 131056, A::DeferRecipient, T::None, kPairGapMs, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Too many messages to this recipient in a short time (about one every 6 seconds is allowed)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald sends to this recipient a few seconds later and keeps sending to the others.")},
    ErrorPolicyEntry{S::GraphCode, 4, A::SlowDown, T::App, kThrottledAppPauseMs, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The app made too many API calls (app call-rate limit)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.")},
    ErrorPolicyEntry{S::GraphCode, 80007, A::SlowDown, T::App, kThrottledAppPauseMs, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The WhatsApp Business Account made too many API calls (account rate limit)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.")},
    ErrorPolicyEntry{S::GraphCode, 131057, A::Maintenance, T::None, kMaintenancePauseMs, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The business account is in maintenance, for example while its throughput is being upgraded."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald pauses for about a minute and tries again.")},
    // --- transient: provably not accepted ---
    ErrorPolicyEntry{S::GraphCode, 2, A::RetryMessage, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A temporary problem or downtime at Meta."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald tries again a few times with growing pauses.")},
    ErrorPolicyEntry{S::GraphCode, 131000, A::RetryMessage, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Something went wrong at Meta while sending."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald tries again a few times. If it keeps failing, give Meta support the fbtrace_id.")},
    // Beyond CLOUD_API.md: Meta documents 131016 as "service unavailable".
    ErrorPolicyEntry{S::GraphCode, 131016, A::RetryMessage, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A Meta service is temporarily unavailable."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald tries again a few times with growing pauses.")},
    // --- permanent for this message ---
    ErrorPolicyEntry{S::GraphCode, 131026, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The message cannot be delivered: the number is not on WhatsApp, uses an old WhatsApp version, has not accepted the terms, or has blocked this business."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check the number with the contact. Resending will fail the same way.")},
    ErrorPolicyEntry{S::GraphCode, 131049, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta held back this marketing message: the recipient has had enough marketing messages for now."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Do not resend now; the contact can be included in a later campaign.")},
    ErrorPolicyEntry{S::GraphCode, 131047, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "More than 24 hours have passed since the recipient last wrote, so only a template message may be sent."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Send an approved template instead of a text message.")},
    ErrorPolicyEntry{S::GraphCode, 131008, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A required parameter is missing."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check the campaign's parameter mapping against the template.")},
    ErrorPolicyEntry{S::GraphCode, 131009, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A parameter value is not valid."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check this contact's values and the campaign's parameter mapping.")},
    ErrorPolicyEntry{S::GraphCode, 132000, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The number of parameters does not match the template's placeholders."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check the parameter mapping: every placeholder needs exactly one value.")},
    ErrorPolicyEntry{S::GraphCode, 132012, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A parameter has the wrong format for the template (for example text where the header expects an image)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check the parameter mapping against the template.")},
    ErrorPolicyEntry{S::GraphCode, 132018, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "A template parameter has a problem (for example line breaks, tabs or many spaces in a row)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Correct this contact's value and resend.")},
    ErrorPolicyEntry{S::GraphCode, 100, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The request has an invalid parameter."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Read the details: often a wrong field, ID or value.")},
    ErrorPolicyEntry{S::GraphCode, 135000, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta rejected the request with a generic user error."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Read the details; if it repeats, give Meta support the fbtrace_id.")},
    // Beyond CLOUD_API.md, from Meta's error-code list.
    ErrorPolicyEntry{S::GraphCode, 131021, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The recipient is the sending business number itself."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Remove the business's own number from the contact list.")},
    ErrorPolicyEntry{S::GraphCode, 130472, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The recipient's number takes part in a Meta experiment and gets no marketing messages."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing can be done; the contact may be reached in a later campaign.")},
    ErrorPolicyEntry{S::GraphCode, 131053, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The header media could not be uploaded or downloaded (wrong link, unsupported type or size)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check that the media link opens from the internet and the file type fits the template.")},
    // --- opt-out ---
    ErrorPolicyEntry{S::GraphCode, 131050, A::PermanentOptOut, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The recipient stopped marketing messages from this business."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald added the number to the opt-out list and will not message it again.")},
    // --- campaign-wide ---
    ErrorPolicyEntry{S::GraphCode, 132015, A::PauseCampaign, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta paused the template because of low quality."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "The campaign is paused. Improve the template or wait until Meta unpauses it, then resume.")},
    ErrorPolicyEntry{S::GraphCode, 132016, A::StopCampaign, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The template was paused too often and is now permanently disabled."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "The campaign stopped. Create a new template and use it in a new campaign.")},
    ErrorPolicyEntry{S::GraphCode, 132001, A::StopCampaign, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The template does not exist in this language or is not approved."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "The campaign stopped. Check the template's name, language and status in WhatsApp Manager, then sync templates.")},
    ErrorPolicyEntry{S::GraphCode, 131048, A::StopCampaign, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta limits this number because too many recipients blocked or reported its messages (spam rate limit)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "The campaign stopped, because sending more makes it worse. Check the number's quality rating in WhatsApp Manager before sending again.")},
    // --- sender-wide: nothing can be sent until the user acts ---
    ErrorPolicyEntry{S::GraphCode, 190, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The access token has expired or is not valid."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Enter a new access token in the settings, then resume.")},
    ErrorPolicyEntry{S::GraphCode, 0, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta could not authenticate the request (the access token was refused)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Enter a new access token in the settings, then resume.")},
    ErrorPolicyEntry{S::GraphCode, 368, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The account is temporarily blocked for policy violations."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check Account Quality in Meta Business Manager.")},
    ErrorPolicyEntry{S::GraphCode, 131031, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The business account is locked or restricted."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check Account Quality in Meta Business Manager and contact Meta support.")},
    // Beyond CLOUD_API.md, from Meta's error-code list: all are fixed only by the user.
    ErrorPolicyEntry{S::GraphCode, 3, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The app is not allowed to use this API (missing capability)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check the app's WhatsApp product setup in Meta's developer portal.")},
    ErrorPolicyEntry{S::GraphCode, 10, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Permission denied: the token lacks a permission or the phone number is not in this account."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Give the token whatsapp_business_messaging permission and check the phone number ID.")},
    ErrorPolicyEntry{S::GraphCode, 200, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Permission denied for this API call."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check the token's permissions in Meta's developer portal.")},
    ErrorPolicyEntry{S::GraphCode, 131005, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Access denied to the phone number."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check the token's permissions and the phone number ID.")},
    ErrorPolicyEntry{S::GraphCode, 133010, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The business phone number is not registered with the Cloud API."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Register the phone number in WhatsApp Manager.")},
    ErrorPolicyEntry{S::GraphCode, 131042, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "There is a problem with the account's payment method."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Fix the payment method in Meta Business Manager.")},

    // --- outcomes without a known code ---
    // Unknown codes fail the one message: retrying an unknown error could repeat it forever
    // (or duplicate a message Meta did take), and stopping would halt a whole campaign for a
    // one-off. A failed row keeps the code and can be resent by reason once understood.
    ErrorPolicyEntry{S::UnknownGraphCode, 0, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Meta returned an error Herald does not know."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Read the details; if they are unclear, give Meta support the code and fbtrace_id. The message can be resent later.")},
    ErrorPolicyEntry{S::HttpTransient, 0, A::RetryMessage, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The server had a temporary problem (HTTP 5xx) and did not take the message."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald tries again a few times with growing pauses.")},
    ErrorPolicyEntry{S::HttpTooManyRequests, 0, A::SlowDown, T::PhoneNumber, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The server asked Herald to send more slowly (HTTP 429)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: Herald slows down and sends the message again.")},
    ErrorPolicyEntry{S::HttpUnauthorized, 0, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The server refused the credentials (HTTP 401)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check the access token and any proxy in between, then resume.")},
    ErrorPolicyEntry{S::HttpUnexpected, 0, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The server answered with an unexpected HTTP status and no Graph API error, so it is probably not the Graph API (a proxy, or a wrong base URL, version or phone number ID)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. Check the base URL, API version, phone number ID and proxy settings, then resume.")},
    ErrorPolicyEntry{S::NotSent, 0, A::RetryMessage, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The request could not be sent (connection refused, or the server was not found)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Check the internet connection and proxy; Herald tries again with growing pauses.")},
    // A certificate that is not trusted does not heal by retrying, and retrying would fail
    // every message of the campaign; the user must act. Nothing was sent.
    ErrorPolicyEntry{S::TlsRefused, 0, A::StopSender, T::None, 0, true, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "No secure connection could be made: the server's certificate was not accepted (an authority this computer does not trust, another host name, or expired)."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending stopped. If your network inspects secure connections, set the CA certificate file (api.ca_file) to its certificate authority; otherwise check the API base URL and this computer's clock, then resume.")},
    ErrorPolicyEntry{S::NoResponse, 0, A::UnknownOutcome, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The request was sent but no answer came back, so Meta may or may not have accepted the message."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.")},
    ErrorPolicyEntry{S::UnreadableSuccess, 0, A::UnknownOutcome, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The server reported success but its answer had no message ID, so the message cannot be tracked."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "The message was probably accepted. Resend it only if the recipient did not get it.")},
    ErrorPolicyEntry{S::InvalidMessage, 0, A::PermanentFailure, T::None, 0, false, true,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Herald did not send the message because its content breaks one of Meta's rules."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Read the details, correct the contact's values or the mapping, and resend.")},
    // Herald's own reasons for a failed row that no answer decided.
    ErrorPolicyEntry{S::Interrupted, 0, A::UnknownOutcome, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The sender ended (closed, crashed or lost its connection) while the message was on its way, so Meta may or may not have accepted it."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.")},
    ErrorPolicyEntry{S::OptedOut, 0, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "The number was added to the opt-out list after it was queued, so Herald did not send to it."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Nothing: opted-out numbers are never messaged or resent. Remove the number from the opt-out list only if the contact asked for messages again.")},
    ErrorPolicyEntry{S::RetriesExhausted, 0, A::PermanentFailure, T::None, 0, false, false,
        QT_TRANSLATE_NOOP("ErrorPolicy", "Sending failed several times in a row with temporary errors."),
        QT_TRANSLATE_NOOP("ErrorPolicy", "Resend later; the details show the last error.")},
};
// clang-format on

} // namespace

bool ErrorPolicy::failsBeforeSending(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        return true;
    default:
        return false;
    }
}

namespace {

QString networkReason(QNetworkReply::NetworkError e)
{
    const char *key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(e);
    return u"network "_s + (key ? QString::fromLatin1(key) : QString::number(int(e)));
}

ErrorDecision decide(const ErrorPolicyEntry &entry)
{
    ErrorDecision d;
    d.entry = &entry;
    d.action = entry.action;
    d.throttle = entry.throttle;
    d.pause = std::chrono::milliseconds(entry.pauseMs);
    d.affectsAllMessages = entry.affectsAllMessages;
    d.suggestsBadMapping = entry.suggestsBadMapping;
    return d;
}

ErrorSituation situationForHttpStatus(int status)
{
    if (status >= 500 || status == 408) {
        return S::HttpTransient;
    }
    if (status == 429) {
        return S::HttpTooManyRequests;
    }
    if (status == 401) {
        return S::HttpUnauthorized;
    }
    return S::HttpUnexpected;
}

ErrorDecision byHttpStatus(int status)
{
    ErrorDecision d = decide(ErrorPolicy::entryFor(situationForHttpStatus(status)));
    d.reason = u"http %1"_s.arg(status);
    return d;
}

} // namespace

QString ErrorPolicyEntry::meaningText() const
{
    return QCoreApplication::translate("ErrorPolicy", meaning);
}

QString ErrorPolicyEntry::whatToDoText() const
{
    return QCoreApplication::translate("ErrorPolicy", whatToDo);
}

QString ErrorDecision::meaning() const
{
    return entry ? entry->meaningText() : QString();
}

QString ErrorDecision::whatToDo() const
{
    return entry ? entry->whatToDoText() : QString();
}

std::span<const ErrorPolicyEntry> ErrorPolicy::table()
{
    return kTable;
}

const ErrorPolicyEntry &ErrorPolicy::entryFor(ErrorSituation situation)
{
    Q_ASSERT(situation != S::GraphCode);
    for (const ErrorPolicyEntry &e : kTable) {
        if (e.situation == situation) {
            return e;
        }
    }
    Q_UNREACHABLE();
    return kTable.back();
}

const ErrorPolicyEntry *ErrorPolicy::entryForCode(int code)
{
    for (const ErrorPolicyEntry &e : kTable) {
        if (e.situation == S::GraphCode && e.code == code) {
            return &e;
        }
    }
    return nullptr;
}

const ErrorPolicyEntry *ErrorPolicy::entryForReason(const QString &reason)
{
    // The reasons ErrorDecision and QueueEngine store; a code stands for itself.
    bool numeric = false;
    const int code = reason.toInt(&numeric);
    if (numeric) {
        const ErrorPolicyEntry *entry = entryForCode(code);
        return entry ? entry : &entryFor(S::UnknownGraphCode);
    }
    static const struct
    {
        QLatin1StringView reason;
        ErrorSituation situation;
    } kReasons[] = {
        {"no response"_L1, S::NoResponse},
        {"interrupted"_L1, S::Interrupted},
        {"opted out"_L1, S::OptedOut},
        {"retries exhausted"_L1, S::RetriesExhausted},
        {"invalid message"_L1, S::InvalidMessage},
        {"unreadable response"_L1, S::UnreadableSuccess},
    };
    for (const auto &r : kReasons) {
        if (reason == r.reason) {
            return &entryFor(r.situation);
        }
    }
    if (reason.startsWith("http "_L1)) {
        return &entryFor(situationForHttpStatus(reason.mid(5).toInt()));
    }
    if (reason.startsWith("network "_L1)) {
        return &entryFor(S::NotSent);
    }
    return nullptr;
}

bool ErrorPolicy::concernsNumber(const ErrorDecision &decision)
{
    return decision.code && (*decision.code == 131048 || *decision.code == 368);
}

ErrorDecision ErrorPolicy::forCode(int code, const QString &details)
{
    const ErrorPolicyEntry *entry = entryForCode(code);
    ErrorDecision d = decide(entry ? *entry : entryFor(S::UnknownGraphCode));
    d.code = code;
    d.reason = QString::number(code);
    d.details = details;
    return d;
}

ErrorDecision ErrorPolicy::classify(const ApiResponse &r)
{
    switch (r.kind) {
    case ApiResponse::Kind::Success: {
        ErrorDecision d;
        d.action = A::Sent;
        return d;
    }
    case ApiResponse::Kind::GraphError: {
        const QString details = r.error.details.isEmpty() ? r.error.message : r.error.details;
        ErrorDecision d;
        if (r.error.code) {
            d = forCode(*r.error.code, details);
            // Meta flags some errors as transient; for a code we do not know, believe it.
            if (!entryForCode(*r.error.code) && r.error.isTransient) {
                const int code = *r.error.code;
                d = decide(entryFor(S::HttpTransient));
                d.code = code;
                d.reason = QString::number(code);
                d.details = details;
            }
        } else {
            d = byHttpStatus(r.httpStatus);
            d.details = r.summary();
        }
        d.fbtraceId = r.error.fbtraceId;
        return d;
    }
    case ApiResponse::Kind::UnreadableSuccess: {
        ErrorDecision d = decide(entryFor(S::UnreadableSuccess));
        d.reason = u"unreadable response"_s;
        d.details = r.summary();
        return d;
    }
    case ApiResponse::Kind::HttpError: {
        ErrorDecision d = byHttpStatus(r.httpStatus);
        d.details = r.summary();
        return d;
    }
    case ApiResponse::Kind::NetworkFailure: {
        const TransportInfo &t = r.transport;
        const bool notSent =
            ErrorPolicy::failsBeforeSending(t.error) || (!t.requestSent && !t.responseStarted);
        const bool tls = t.error == QNetworkReply::SslHandshakeFailedError;
        ErrorDecision d = decide(entryFor(tls ? S::TlsRefused : notSent ? S::NotSent : S::NoResponse));
        d.reason = notSent ? networkReason(t.error) : u"no response"_s;
        d.details = r.summary();
        return d;
    }
    }
    return decide(entryFor(S::UnknownGraphCode));
}

ErrorDecision ErrorPolicy::invalidMessage(const QString &problem)
{
    ErrorDecision d = decide(entryFor(S::InvalidMessage));
    d.reason = u"invalid message"_s;
    d.details = problem;
    return d;
}

ErrorDecision ErrorPolicy::retriesExhausted(const ErrorDecision &last)
{
    ErrorDecision d = decide(entryFor(S::RetriesExhausted));
    d.reason = u"retries exhausted"_s;
    d.code = last.code;
    d.details = last.details.isEmpty() ? last.reason : last.reason + u": "_s + last.details;
    d.fbtraceId = last.fbtraceId;
    return d;
}

QString ErrorPolicy::actionName(ErrorAction action)
{
    switch (action) {
    case A::Sent:
        return u"Sent"_s;
    case A::RetryMessage:
        return u"RetryMessage"_s;
    case A::SlowDown:
        return u"SlowDown"_s;
    case A::Maintenance:
        return u"Maintenance"_s;
    case A::DeferRecipient:
        return u"DeferRecipient"_s;
    case A::UnknownOutcome:
        return u"UnknownOutcome"_s;
    case A::PermanentFailure:
        return u"PermanentFailure"_s;
    case A::PermanentOptOut:
        return u"PermanentOptOut"_s;
    case A::PauseCampaign:
        return u"PauseCampaign"_s;
    case A::StopCampaign:
        return u"StopCampaign"_s;
    case A::StopSender:
        return u"StopSender"_s;
    }
    return {};
}

} // namespace herald
