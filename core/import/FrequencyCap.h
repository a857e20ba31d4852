#pragma once

#include <QDateTime>
#include <QSet>
#include <QString>

namespace herald {

class Clock;
class Database;

// The frequency cap across campaigns: numbers some campaign messaged recently are left out of
// a new import, so that nobody gets two campaigns in a few days. "Messaged" means sent (the
// API accepted the message); failed and waiting rows do not count.
class FrequencyCap
{
public:
    explicit FrequencyCap(Database &db);

    // The start of the window of the last `days` days before now.
    static QDateTime windowStart(const Clock &clock, int days);

    // Every number a campaign other than `exceptCampaignId` sent to at or after `since`, as
    // its E.164 digits read as one number (the importer's key). One scan of send_queue: an
    // index on sent rows would make every recorded message about 15 % slower on SQLite to spare
    // a read that takes a third of a second per million rows (docs/BENCHMARKS.md).
    QSet<quint64> recentlyMessaged(const QDateTime &since, const QString &exceptCampaignId) const;
    // How many distinct numbers that is, for a preview.
    qint64 countRecentlyMessaged(const QDateTime &since, const QString &exceptCampaignId) const;

    // "+4915123456789" → 4915123456789; 0 for text that is not E.164.
    static quint64 key(QStringView e164);

private:
    Database &m_db;
};

} // namespace herald
