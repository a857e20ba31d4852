#pragma once

#include "cloudapi/NumberHealth.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace herald {

class Clock;
class Database;
struct Campaign;

// The last health check of each number (table number_health), and the warnings Herald gives
// before a campaign starts from it — the one place both the console and `herald-cli run` ask
// (through SendPlanner). Warnings never refuse: a number Graph could not be asked about is a
// warning with the reason.
class NumberHealthStore
{
    Q_DECLARE_TR_FUNCTIONS(NumberHealthStore)

public:
    NumberHealthStore(Database &db, const Clock &clock);

    // The numbers a check should ask about: every listed number and the default one.
    QStringList configuredNumbers() const;
    // Stores each result in place of the number's last one, in one transaction.
    void save(const QList<NumberHealth> &results);
    std::optional<NumberHealth> find(const QString &phoneNumberId) const;
    QList<NumberHealth> all() const; // by id

    // Before `campaign` starts sending from `phoneNumberId`: its quality rating when not GREEN,
    // its status when not CONNECTED, why it could not be read, and whether the campaign's
    // recipients not messaged in the last 24 hours would exceed what the messaging limit leaves.
    // The limit is the business portfolio's (Meta's rule since October 2025): the highest tier
    // any stored number reports, against the unique people every campaign of this database
    // sent to in the last 24 hours. A number never checked gives no warning.
    QStringList warnings(const Campaign &campaign, const QString &phoneNumberId) const;

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
