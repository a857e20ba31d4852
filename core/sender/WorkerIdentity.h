#pragma once

#include <QString>

namespace herald {

// Names a sender in send_queue.claimed_by as "host/pid/nonce", so that a sender starting on
// the same machine can tell the rows of a process that died (its pid is gone) from those of
// one that is still running, and recover only the former at once. Rows of other hosts wait
// for their lease to expire.
class WorkerIdentity
{
public:
    static QString makeId();
    static QString hostOf(const QString &workerId);
    static qint64 pidOf(const QString &workerId); // 0 when the id is not in this form
    static bool isProcessAlive(qint64 pid);
    // True when the id names a process on this host that no longer runs, or a sender of
    // this very process that has ended.
    static bool isDeadLocalWorker(const QString &workerId);

    // Senders of this process register while they run (counted: several campaigns sent by one
    // process share its id).
    static void registerLive(const QString &workerId);
    static void unregisterLive(const QString &workerId);
};

} // namespace herald
