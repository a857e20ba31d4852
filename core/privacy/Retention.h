#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace herald {

class AppSettings;
class Clock;
class Database;

struct RetentionResult
{
    int days = 0;         // the setting applied; 0: kept forever, nothing purged
    QDateTime cutoff;     // campaigns that ended before this were purged
    qint64 campaigns = 0; // campaigns that had rows to purge
    qint64 rows = 0;      // rows whose personal fields were erased
};

// The retention setting (privacy.retention_days): the recipient details of campaigns finished
// (completed or cancelled) more than N days ago are erased as Erasure erases one person, the
// rows and every count kept. 0 keeps them forever (the default). Each campaign is purged in a
// transaction of its own, so a large purge never holds the write lock for long; running it
// again only reads index entries of campaigns already purged.
class Retention
{
    Q_DECLARE_TR_FUNCTIONS(Retention)

public:
    Retention(Database &db, const Clock &clock);

    // The stored setting, 0 when unset or unusable.
    static int days(const AppSettings &settings);
    // Purges with the stored setting.
    RetentionResult apply();
    // Purges campaigns that ended more than `days` days ago; days <= 0 purges nothing.
    RetentionResult purge(int days);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
