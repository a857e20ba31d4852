#pragma once

#include <QString>

namespace herald {

class Clock;
class Database;

// The one place where a campaign becomes completed. Called inside the transaction that
// changed its queue — after a batch of outcomes, after lease recovery, and when a claim
// finds nothing to claim (in a transaction of its own, after the claim's) — so no campaign
// with nothing left stays running.
class Completion
{
public:
    // Completes a running or paused campaign that has no row left in ready or processing.
    // Returns true when it did.
    static bool completeIfDone(Database &db, const QString &campaignId, const Clock &clock);
};

} // namespace herald
