#pragma once

#include "cloudapi/ApiSettings.h"
#include "cloudapi/ParameterMapping.h"
#include "cloudapi/RetryPolicy.h"
#include "db/DatabaseConfig.h"
#include "sender/SenderPresence.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>

namespace herald {

// Everything a sender needs to run one campaign. The template's slots and the campaign's
// default parameter values are resolved (and checked against the synced template) before
// the sender starts; the sender only fills and sends.
struct SenderConfig
{
    DatabaseConfig database;
    QString campaignId;
    // Who sends: the process's id in senders and send_queue.claimed_by. Sender fills it in.
    QString senderId;
    // How this process is listed to the others (a worker's --name and --campaigns).
    SenderLabel senderLabel;
    // A worker's: send the campaign only while it is running; never start or resume it.
    bool onlyIfRunning = false;
    ApiSettings api;
    QString templateName;
    QString templateLanguage;
    TemplateSlots templateSlots;
    QJsonObject defaultParameters;

    // The phone number's ceiling, messages/s (at most Meta's 1,000): every campaign a process
    // sends from that number shares it (one rate limiter per number).
    double rate = 80.0;
    // This campaign's own limit when it wants less than the number's ceiling; 0: none.
    double campaignRate = 0;
    // A campaign sent from a pool of numbers (NumberPool): its active numbers, each with its own
    // ceiling; empty: the one number of `api` at `rate`. `rate` is then the first one's.
    struct PoolNumber
    {
        QString id;
        double rate = 80.0;
    };
    QList<PoolNumber> pool;
    QStringList poolOut; // the pool's numbers taken out: their recipients are left waiting
    // Lets `rate` go beyond Meta's 1,000/s: only for measuring the sender against the
    // simulator (bench_send). Never set for a real phone number.
    bool beyondMetaLimits = false;
    int concurrency = 0;   // requests in flight at most; 0: enough for `rate` at 250 ms latency
    int claimBatch = 0;    // rows claimed at once; 0: derived from concurrency
    int recordBatch = 100; // outcomes per transaction
    std::chrono::milliseconds recordInterval{100}; // … or this often, whichever comes first
    RetryPolicy::Settings retry;
    // A request that went out and got no answer has an unknown outcome: by default it fails
    // "no response" and waits for an explicit resend; true retries it automatically.
    bool retryNoResponse = false;
    std::chrono::seconds lease{300};
    // Like listmonk's error threshold: pause when this share of the last `errorWindow`
    // final outcomes failed permanently.
    double errorThreshold = 0.5;
    int errorWindow = 200;
    std::chrono::milliseconds progressInterval{250};
    // How long a sender may go unheard before its hold on a campaign counts as abandoned, and
    // how often this process says it is alive (SenderPresence).
    std::chrono::milliseconds senderStaleness{10000};
    std::chrono::milliseconds heartbeatInterval{2000};
    // How long the sender waits for a database that is locked by another program, out of space
    // or unreachable (PostgreSQL restarting) before it stops with an error. Meanwhile nothing
    // new is sent; once a write succeeds again it records what it holds and goes on.
    std::chrono::milliseconds databasePatience{120000};
    // How long one statement of a running sender waits for SQLite's write lock before it fails
    // and the outage's retries (counted against the patience) take over. Short, so that the
    // sender thread stays free for a Pause, a Cancel or the console closing while another
    // program holds the lock, and the whole wait is the patience, not the patience plus a lock
    // wait per statement.
    std::chrono::milliseconds databaseBusyWait{1000};
};

// What the sender shows while it runs, coalesced to a few signals per second.
struct SendProgress
{
    QString campaignId;
    qint64 total = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 pending = 0; // total - sent - failed
    int inFlight = 0;
    double rate = 0;        // messages finished per second, over the last few seconds
    double ceiling = 0;     // the rate limiter's current rate
    qint64 etaSeconds = -1; // -1: unknown
    // Holding: recipients outside their quiet-hours window wait (ready), and when the next
    // window opens (UTC). 0 / invalid while something is sendable.
    qint64 waitingForWindow = 0;
    QDateTime windowOpensAt;
};

// Why a sender ended.
struct SendResult
{
    enum class End {
        Completed,     // nothing left: the campaign is completed
        Paused,        // paused by the user, by an error threshold, or by Meta (132015)
        Stopped,       // the campaign was stopped: every further message would fail (132001, 131048…)
        Cancelled,     // cancelled by the user
        SenderStopped, // the token, account or connection is unusable (190, 368…); campaign paused
        Refused,       // could not start: schema doctor, settings, campaign state, sent elsewhere
        Detached,      // this process stopped sending (closed, or another took over); still running
    };
    QString campaignId;
    End end = End::Completed;
    QString reason;
    qint64 sent = 0;   // this run
    qint64 failed = 0; // this run
    double seconds = 0;

    static QString endName(End end);
};

} // namespace herald

Q_DECLARE_METATYPE(herald::SendProgress)
Q_DECLARE_METATYPE(herald::SendResult)
Q_DECLARE_METATYPE(herald::SenderConfig)
