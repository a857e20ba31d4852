#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald {

// One recipient to queue: an E.164 phone (validated before it gets here) and the values
// for the template's parameters.
struct Recipient
{
    QString phone;
    QString name;
    QJsonObject params;
    qint64 sourceLine = 0; // line in the imported file, 0 when not from a file
};

struct EnqueueResult
{
    qint64 inserted = 0;
    qint64 duplicates = 0; // already queued in this campaign
    qint64 optedOut = 0;   // on the opt-out list: never queued
};

// A row handed to a sender: it is in `processing` under the sender's lease. claimedBy and
// claim identify this one claim: an outcome or release for it changes the row only while the
// row is still held by exactly this claim.
struct ClaimedMessage
{
    qint64 id = 0;
    QString campaignId;
    QString claimedBy;
    qint64 claim = 0; // send_queue.claim_count at the claim: increases with every claim
    QString phone;
    QString name;
    QJsonObject params;
    int attempts = 0;      // including this one
    QString phoneNumberId; // its number in the campaign's pool; empty: the campaign's one number
};

// What happened to one claimed message. Made from the claim, never from a bare row id.
struct Outcome
{
    enum class Kind {
        Sent,   // accepted by Meta; wamid is set
        Failed, // final: error fields say why
        Retry,  // provably not accepted; back to ready at nextAttemptAt
    };
    qint64 id = 0;
    QString campaignId;
    QString claimedBy;
    qint64 claim = 0;
    Kind kind = Kind::Sent;
    QString wamid;
    std::optional<int> errorCode;
    QString reason;  // short machine reason: the code as text, "interrupted", "no response", …
    QString details; // Meta's error_data.details or our explanation
    QString fbtraceId;
    QDateTime nextAttemptAt; // Retry only
    bool optOut = false;     // 131050: add the phone to opt_outs in the same transaction
    QString phone;           // needed when optOut is set

    static Outcome sent(const ClaimedMessage &claim, const QString &wamid);
    static Outcome failed(const ClaimedMessage &claim, const QString &reason, const QString &details = {},
                          std::optional<int> code = std::nullopt, const QString &fbtraceId = {});
    static Outcome retry(const ClaimedMessage &claim, const QDateTime &at, const QString &reason,
                         const QString &details = {}, std::optional<int> code = std::nullopt);
};

struct RecordResult
{
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 retried = 0;
    qint64 ignored = 0; // rows no longer held by that claim (recovered as interrupted, reclaimed, …)
    QStringList completedCampaigns;
};

// Reasons Herald itself gives a failed row (the API's reasons are its error codes).
namespace FailureReason {
inline const QString Interrupted = QStringLiteral("interrupted");
inline const QString NoResponse = QStringLiteral("no response");
inline const QString RetriesExhausted = QStringLiteral("retries exhausted");
inline const QString OptedOut = QStringLiteral("opted out");
} // namespace FailureReason

} // namespace herald
