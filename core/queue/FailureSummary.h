#pragma once

#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

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
    // A late failure: the message was sent (Meta accepted it) and failed afterwards, as a
    // status webhook reported (send_queue.late_error_reason); the row stays sent.
    bool afterSend = false;
};

class FailureSummary
{
public:
    // Most frequent first; one index-only pass over the campaign's failed rows.
    static QList<ReasonCount> byReason(Database &db, const QString &campaignId);
    // The campaign's late failures by reason (afterSend set), most frequent first; index-only
    // along send_queue_late_failed_idx.
    static QList<ReasonCount> lateByReason(Database &db, const QString &campaignId);

private:
    static QList<ReasonCount> read(QSqlQuery &q, bool afterSend);
};

} // namespace herald
