#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace herald {

class Clock;
class Database;

// A campaign with messages whose outcome is unknown: they were in flight when their sender
// ended (a crash, a kill, a power cut) and became failed "interrupted".
struct InterruptedCampaign
{
    QString id;
    QString name;
    qint64 count = 0;
};

struct InterruptedSummary
{
    QList<InterruptedCampaign> campaigns; // by name
    qint64 recoveredNow = 0;              // of which this check recovered itself

    qint64 total() const;
    bool isEmpty() const { return campaigns.isEmpty(); }
};

// What a console says on start after a crash or a killed sender. Rows still in processing whose
// sender is gone (a process of this machine that no longer runs, or a sender silent for the
// staleness) or whose lease expired are recovered through QueueEngine — the one recovery path
// the senders use too, so they become failed "interrupted" and are never resent by themselves.
// Then every campaign with messages that became interrupted since `since` is listed, counted
// from the rows themselves.
class InterruptedReport
{
    Q_DECLARE_TR_FUNCTIONS(InterruptedReport)

public:
    InterruptedReport(Database &db, const Clock &clock);

    // `ownSenderId`: this console's sender, whose rows are never its own business here.
    InterruptedSummary collect(const QDateTime &since, const QString &ownSenderId,
                               std::chrono::milliseconds staleness, std::chrono::seconds lease);

    // The rows of the campaign that failed "interrupted" since `since`.
    qint64 countSince(const QString &campaignId, const QDateTime &since) const;

private:
    qint64 recoverGoneSenders(const QString &ownSenderId, std::chrono::milliseconds staleness,
                              std::chrono::seconds lease);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
