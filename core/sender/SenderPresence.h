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

// How a sender is listed to the others: a worker's --name and --campaigns.
struct SenderLabel
{
    QString name;  // empty: listed by its host
    QString scope; // the campaigns it was told to take; empty: all
};

// A process that sends: a console, `herald-cli run`, or a headless worker (`herald-cli worker`).
struct SenderInfo
{
    QString id; // WorkerIdentity: host/pid/nonce, also what it writes into send_queue.claimed_by
    SenderKind kind = SenderKind::Console;
    QString host;
    qint64 pid = 0;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    bool live = false; // its heartbeat is recent
    SenderLabel label;
    double rate = 0; // messages per second over all its campaigns, at its last heartbeat

    QString displayName() const { return label.name.isEmpty() ? host : label.name; }
    QString describe(const QDateTime &now) const; // "the console on host (pid 42), heard 3 s ago"
};

// Who sends which campaign. The database records each process that sends (senders: host, pid,
// heartbeat every HeartbeatInterval) and its holds on campaigns (campaign_holds). A console or
// `herald-cli run` sends a campaign alone; headless workers may share one (their claims never
// overlap), but never with a console or a run. A hold whose sender has not been heard for
// Staleness — seconds, not the minutes of a row lease — belongs to nobody, and any sender may
// take the campaign over: a closed console, a killed `herald-cli run`, a campaign set running by
// `herald-cli resume`. Every decision is one transaction that first locks the campaign's row,
// so two processes racing for a campaign cannot both win where only one may.
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
    void announce(const QString &senderId, SenderKind kind, const SenderLabel &label = {});
    // Refreshes the heartbeat and the sending rate; returns the campaigns the sender still holds.
    // A sender whose row was removed (declared dead by another) is registered again and holds
    // nothing.
    QStringList heartbeat(const QString &senderId, SenderKind kind, double rate = 0,
                          const SenderLabel &label = {});
    // Removes the sender and its holds (a clean exit).
    void withdraw(const QString &senderId);

    // Takes the campaign for `senderId` (announced before) unless a live sender holds it that it
    // may not share it with; a dead sender's hold is taken over. Returns `senderId`'s own info
    // when taken, else the live holder that keeps it.
    SenderInfo acquire(const QString &campaignId, const QString &senderId);
    void release(const QString &campaignId, const QString &senderId);
    bool holds(const QString &campaignId, const QString &senderId) const;

    // The first holder (the longest-holding), live or not; nullopt when nobody holds it.
    std::optional<SenderInfo> holder(const QString &campaignId) const;
    // Every holder of the campaign, longest-holding first.
    QList<SenderInfo> holdersOf(const QString &campaignId) const;
    // Every campaign's first holder, by campaign id.
    QHash<QString, SenderInfo> holders() const;
    struct Hold
    {
        QString campaignId;
        QString senderId;
    };
    // Every hold, the longest-held first (what holders() is made of, for a caller that also
    // wants each sender's campaigns without reading them twice).
    QList<Hold> holds() const;
    // The first holder of each campaign in `holds`, from `senders`.
    static QHash<QString, SenderInfo> firstHolders(const QList<SenderInfo> &senders,
                                                   const QList<Hold> &holds);
    QList<SenderInfo> senders() const;
    bool isLive(const QString &senderId) const;

    static QString kindName(SenderKind kind); // "console", "run", "worker": as stored
    static SenderKind kindFromName(const QString &name);

    std::chrono::milliseconds staleness() const { return m_staleness; }

private:
    QList<SenderInfo> select(const QString &where, const QVariantList &values,
                             const QString &order = QStringLiteral("s.started_at")) const;
    static bool mayShare(SenderKind taker, const QList<SenderInfo> &holders);
    QVariant cutoff() const;

    Database &m_db;
    const Clock &m_clock;
    std::chrono::milliseconds m_staleness;
};

} // namespace herald
