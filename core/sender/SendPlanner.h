#pragma once

#include "queue/NumberPool.h"
#include "sender/SenderTypes.h"
#include "settings/PhoneNumberStore.h"

#include <QCoreApplication>
#include <QStringList>

namespace herald {

class Clock;
class Database;
struct Campaign;

// What it takes to send a campaign, or why it may not start.
struct SendPlan
{
    SenderConfig config;  // complete when ok()
    QStringList warnings; // to be shown before sending (a template's category changed)
    QStringList refusals; // each alone forbids starting

    bool ok() const { return refusals.isEmpty(); }
};

// Turns a campaign and the stored settings into a SenderConfig, for the console and
// `herald-cli run` alike: the template must be ready (CampaignReadiness), the phone number's
// ceiling is its own when listed (PhoneNumberStore), else the stored api.rate_ceiling, which
// a run's --rate and a campaign's own
// settings["rate"] may only lower, concurrency and "retry no response" come from the settings
// (a campaign may ask for retries too).
class SendPlanner
{
    Q_DECLARE_TR_FUNCTIONS(SendPlanner)

public:
    SendPlanner(Database &db, const Clock &clock);

    // `api` is the connection with its token already resolved by the caller; its phone number
    // is replaced by the campaign's own when it has one. `rate` > 0 lowers the ceiling for this
    // run (each number's, for a pool); above a ceiling it is refused.
    SendPlan plan(const Campaign &campaign, ApiSettings api, double rate = 0) const;

    // The phone number a campaign sends from: its own, else the connection's default.
    static QString phoneNumberOf(const Campaign &campaign, const ApiSettings &api);

private:
    // A campaign sent from a pool: its active numbers, each at its own ceiling (`rate` may lower
    // it), the health warnings of each, and the numbers taken out (neither checked nor warned of).
    void planPool(const Campaign &campaign, const QList<PoolNumber> &pool, double rate, SendPlan &plan) const;
    static QString aboveCeiling(double rate, const QString &phoneNumberId,
                                const PhoneNumberStore::Ceiling &ceiling);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
