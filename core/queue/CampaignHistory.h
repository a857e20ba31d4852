#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace herald {

class Database;

// Messages sent and failed in one UTC minute of a campaign. failed may be negative in the
// minute a resend took failures back.
struct MinuteCount
{
    QDateTime minute; // UTC, the start of the minute
    qint64 sent = 0;
    qint64 failed = 0;

    bool operator==(const MinuteCount &) const = default;
};

// Reads a campaign's history, per minute, as Counters keeps it (campaign_minutes): what the
// console charts, so that a campaign sent yesterday or before a restart is drawn right.
class CampaignHistory
{
public:
    explicit CampaignHistory(Database &db);

    // In time order; from `since` on (inclusive) when it is valid.
    QList<MinuteCount> minutes(const QString &campaignId, const QDateTime &since = {}) const;

private:
    Database &m_db;
};

} // namespace herald
