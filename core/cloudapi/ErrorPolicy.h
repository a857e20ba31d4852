#pragma once

#include "cloudapi/ApiResponse.h"

#include <QString>

#include <chrono>
#include <optional>
#include <span>

namespace herald {

// What the sender does with one request's outcome. For PauseCampaign, StopCampaign and
// StopSender the message itself was not accepted: it goes back to the queue untouched
// (no attempt counted) and is sent when the user resumes.
enum class ErrorAction {
    Sent,             // accepted: store the wamid
    RetryMessage,     // provably not accepted, transient: retry with RetryPolicy's back-off
    SlowDown,         // throttled: report to the RateLimiter, retry the same message (see ThrottleScope)
    Maintenance,      // account in maintenance: pause for `pause`, then retry
    DeferRecipient,   // pair rate limit: this recipient only, not before `pause`; others go on
    UnknownOutcome,   // the request went out and no usable answer came: Meta may have it
    PermanentFailure, // fail this message with `reason`
    PermanentOptOut,  // fail it and add the phone to the opt-out list in the same transaction
    PauseCampaign,    // pause the campaign (the user resumes it)
    StopCampaign,     // stop the campaign: every further message would fail the same way
    StopSender,       // stop all sending at once: token, account or connection settings
};

enum class ThrottleScope {
    None,
    PhoneNumber, // 130429, HTTP 429: the phone number's throughput; its RateLimiter bucket backs off
    App,         // 4, 80007: the app's / WABA's call rate; the whole sender also waits `pause`
};

// Outcomes that are not a Graph error code, each with its own row in the table.
enum class ErrorSituation {
    GraphCode,           // a known Graph error code (ErrorPolicyEntry::code)
    UnknownGraphCode,    // a code the table does not list
    HttpTransient,       // HTTP 5xx or 408 without a usable error code
    HttpTooManyRequests, // HTTP 429 without a usable error code
    HttpUnauthorized,    // HTTP 401 without a usable error code
    HttpUnexpected,      // any other status without a usable error code (proxy page, wrong URL)
    NotSent,             // the request never fully went out (refused, DNS, …)
    TlsRefused,          // no secure connection: the server's certificate was not accepted
    NoResponse,          // it went out and nothing usable came back (timeout, reset)
    UnreadableSuccess,   // 2xx without a message id
    InvalidMessage,      // refused by MessageBuilder / ParameterMapping before sending
    Interrupted,         // the sender ended with the message in flight (lease recovery)
    OptedOut,            // the number was opted out after it was queued; never sent
    RetriesExhausted,    // RetryPolicy gave up (keep last: the table's test counts up to it)
};

struct ErrorPolicyEntry
{
    ErrorSituation situation;
    int code; // GraphCode rows only
    ErrorAction action;
    ThrottleScope throttle;
    int pauseMs;             // suggested wait before going on; 0: none beyond the rate limiter
    bool affectsAllMessages; // the cause is the connection or Meta, not this message
    bool suggestsBadMapping; // if every message fails so, the parameter mapping is wrong: stop
    const char *meaning;     // untranslated; QT_TRANSLATE_NOOP("ErrorPolicy", …)
    const char *whatToDo;

    QString meaningText() const;  // translated
    QString whatToDoText() const; // translated
};

// The verdict on one outcome: what to do, and what to store with the row.
struct ErrorDecision
{
    ErrorAction action = ErrorAction::Sent;
    ThrottleScope throttle = ThrottleScope::None;
    std::chrono::milliseconds pause{0};
    bool affectsAllMessages = false;
    bool suggestsBadMapping = false;
    std::optional<int> code;
    QString reason;  // short machine reason for failed rows: "131026", "no response", "http 503", …
    QString details; // error_data.details, else a one-line summary; never contains the token
    QString fbtraceId;
    const ErrorPolicyEntry *entry = nullptr; // the table row that decided; null for Sent

    QString meaning() const;  // translated plain-language meaning; empty for Sent
    QString whatToDo() const; // translated advice for the user
};

// THE table: every Graph error code and every non-code outcome the sender can meet, with
// the action, the texts users see and the reason stored with failed rows. It follows the
// table in docs/CLOUD_API.md; the codes that go beyond it are marked in the .cpp.
class ErrorPolicy
{
public:
    static ErrorDecision classify(const ApiResponse &response);
    static ErrorDecision forCode(int code, const QString &details = {});
    // An error about the phone number that sent, not the account or the message: 131048 (spam
    // rate limit) and 368 (blocked for policy violations). In a campaign's pool of numbers that
    // number leaves the pool and the others go on; with one number the action stands.
    static bool concernsNumber(const ErrorDecision &decision);
    static ErrorDecision invalidMessage(const QString &problem);
    // Turns the last retryable decision into the final failure, keeping its code and details.
    static ErrorDecision retriesExhausted(const ErrorDecision &last);
    // The network failures Qt reports only when no byte of the request can have reached the
    // server (no connection was made). Anything else may have reached Meta.
    static bool failsBeforeSending(QNetworkReply::NetworkError error);

    static std::span<const ErrorPolicyEntry> table();
    static const ErrorPolicyEntry &entryFor(ErrorSituation situation); // not for GraphCode
    static const ErrorPolicyEntry *entryForCode(int code);             // null when unknown
    // The row that explains a failed row's stored error_reason ("131026", "no response",
    // "interrupted", "opted out", "http 503", …), so that whoever lists failures by reason
    // explains them from this one table. Null for a reason Herald never stores.
    static const ErrorPolicyEntry *entryForReason(const QString &reason);
    static QString actionName(ErrorAction action); // "RetryMessage", for logs
};

} // namespace herald
