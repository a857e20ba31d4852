#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace herald {

class Clock;
class Database;

enum class SenderKind { Console, Run, Worker };

// A process that sends: a console, `herald-cli run`, or (later) a headless worker.
struct SenderInfo
{
    QString id; // WorkerIdentity: host/pid/nonce, also what it writes into send_queue.claimed_by
    SenderKind kind = SenderKind::Console;
    QString host;
    qint64 pid = 0;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    bool live = false; // its heartbeat is recent

    QString describe(const QDateTime &now) const; // "the console on host (pid 42), heard 3 s ago"
};

// Who sends which campaign. A campaign is sent by one process at a time: the database records
// the process (senders: host, pid, heartbeat every HeartbeatInterval) and its hold on the
// campaign (campaign_holds). A hold whose sender has not been heard for Staleness — seconds,
// not the minutes of a row lease — belongs to nobody, and any sender may take the campaign
// over: a closed console, a killed `herald-cli run`, a campaign set running by `herald-cli
// resume`. Every decision is one transaction, so two processes racing for a campaign cannot
// both win.
//
// Times come from the Clock: processes on one database are expected to agree on the time to
// within a few seconds (NTP), well below Staleness.
class SenderPresence
{
    Q_DECLARE_TR_FUNCTIONS(SenderPresence)

public:
    static constexpr std::chrono::milliseconds HeartbeatInterval{2000};
    static constexpr std::chrono::milliseconds DefaultStaleness{10000}; // five heartbeats missed

    SenderPresence(Database &db, const Clock &clock, std::chrono::milliseconds staleness = DefaultStaleness);

    // Registers (or refreshes) this process as a sender.
    void announce(const QString &senderId, SenderKind kind);
    // Refreshes the heartbeat; returns the campaigns the sender still holds. A sender whose row
    // was removed (declared dead by another) is registered again and holds nothing.
    QStringList heartbeat(const QString &senderId, SenderKind kind);
    // Removes the sender and its holds (a clean exit).
    void withdraw(const QString &senderId);

    // Takes the campaign for `senderId` unless another live sender holds it; a dead sender's
    // hold is taken over. Returns the holder afterwards: `senderId` when taken.
    SenderInfo acquire(const QString &campaignId, const QString &senderId);
    void release(const QString &campaignId, const QString &senderId);

    // The current holder, live or not; nullopt when nobody holds it.
    std::optional<SenderInfo> holder(const QString &campaignId) const;
    // Every campaign's holder, by campaign id.
    QHash<QString, SenderInfo> holders() const;
    QList<SenderInfo> senders() const;
    bool isLive(const QString &senderId) const;

    static QString kindName(SenderKind kind); // "console", "run", "worker": as stored
    static SenderKind kindFromName(const QString &name);

    std::chrono::milliseconds staleness() const { return m_staleness; }

private:
    QList<SenderInfo> select(const QString &where, const QVariantList &values) const;
    QVariant cutoff() const;

    Database &m_db;
    const Clock &m_clock;
    std::chrono::milliseconds m_staleness;
};

} // namespace herald
