#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace herald {

class Database;

// How many of a campaign's messages failed for each reason ("131026", "no response", …),
// with Meta's code where the rows carry one: what the console's Failures view and its Resend
// dialog list, and what `herald-cli resend --reason` selects by.
struct ReasonCount
{
    QString reason;
    std::optional<int> code;
    qint64 count = 0;
};

class FailureSummary
{
public:
    // Most frequent first; one index-only pass over the campaign's failed rows.
    static QList<ReasonCount> byReason(Database &db, const QString &campaignId);
};

} // namespace herald
