#pragma once

#include <QString>

#include <optional>

namespace herald {

// What Herald puts in a send's biz_opaque_callback_data, which Meta echoes in that message's
// status callbacks: "h1:<campaign id>:<queue row id>:<claim>", where the claim is the row's
// claim_count for the attempt that sent it (not attempts, which a resend resets). It lets a
// callback find its row when the send's answer, and with it the wamid, was lost.
struct CallbackData
{
    static constexpr qsizetype MaxLength = 512; // Meta's limit for the field

    QString campaignId;
    qint64 rowId = 0;
    qint64 claim = 0;

    QString format() const;
    static QString format(const QString &campaignId, qint64 rowId, qint64 claim);
    // Only Herald's own shape; anything else (another program's data, a damaged value) is nullopt.
    static std::optional<CallbackData> parse(const QString &text);
};

} // namespace herald
