#pragma once

#include "queue/QuietHours.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace herald {

class Clock;
class Database;

// Who waits for their window: recipients whose quiet hours are closed now. They stay ready —
// not failed, not counted — and the campaign completes only once they have been sent.
struct WindowWait
{
    qint64 waiting = 0;    // ready rows whose window is closed now
    QDateTime nextOpening; // UTC: the earliest moment one of those windows opens; invalid: none waits
    QString nextRegion;    // the region that opens then ('' for unknown numbers)
    QStringList closed;    // regions with waiting rows whose window is closed now

    bool holding() const { return waiting > 0; }
};

// The queue as quiet hours see it: which countries may be claimed now, and who waits.
class QuietHoursQueue
{
public:
    // The regions of the campaign's waiting rows whose window is open at `now`, the one closing
    // first first; nullopt when the campaign has no quiet hours or every such region is open
    // (the claim needs no filter).
    static std::optional<QStringList> openRegions(Database &db, const QString &campaignId,
                                                  const QuietHours &quietHours, const QDateTime &now);
    // Stores the campaign's quiet hours (disabled: removes them) in its settings, leaving the
    // other settings alone, and gives its waiting rows their country if they have none. Refused
    // (DbError Refused, the problems in one message) when validate() finds any. The wizard and
    // `campaign quiet-hours` both come here; a running sender applies it at its next claim.
    static void apply(Database &db, const Clock &clock, const QString &campaignId,
                      const QuietHours &quietHours);
    // Who waits for their window at `now`, from the campaign's stored quiet hours.
    static WindowWait wait(Database &db, const QString &campaignId, const QDateTime &now);
    static WindowWait wait(Database &db, const QString &campaignId, const QuietHours &quietHours,
                           const QDateTime &now);
};

} // namespace herald
