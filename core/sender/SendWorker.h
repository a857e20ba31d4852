#pragma once

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ErrorPolicy.h"
#include "cloudapi/RetryPolicy.h"
#include "db/DbError.h"
#include "queue/QueueTypes.h"
#include "queue/QuietHoursQueue.h"
#include "sender/RateLimiter.h"
#include "sender/RecipientDeferrals.h"
#include "sender/SendLanes.h"
#include "sender/SenderTypes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace herald {

class Database;
class QueueEngine;
class SharedPacer;

// Sends one campaign. Lives on the sender thread (see Sender), with its own database
// connection and its own network access managers, and is driven entirely by events:
// replies, a pump timer that waits for rate-limiter tokens, a record timer that batches
// outcomes into transactions, and a progress timer.
//
// The path of a message: claimed (processing, under this worker's lease) → held locally
// until the rate limiter and the recipient's pair limit allow → one POST → its outcome is
// classified by ErrorPolicy → recorded with the next batch (sent / failed / retry at a
// time) together with the counters and completion. Throttled and deferred messages stay
// held and are sent again without touching the database. Pausing stops sending at once;
// requests in flight finish and are recorded, held messages are released unsent.
class SendWorker : public QObject
{
    Q_OBJECT

public:
    // `limiter` paces every campaign this process sends (one bucket per phone number) and
    // outlives the worker.
    SendWorker(const SenderConfig &config, RateLimiter &limiter, QObject *parent = nullptr);
    // The number's ceiling shared with other processes (SenderHost's); without one (tests of the
    // worker alone) only this process's limiter paces. Set before start().
    void setPacer(SharedPacer *pacer) { m_lanes.setPacer(pacer); }
    ~SendWorker() override;

    const QString &workerId() const { return m_workerId; }
    const QString &campaignId() const { return m_config.campaignId; }

public Q_SLOTS:
    void start();
    // Stop sending; requests in flight finish and are recorded; the campaign ends paused
    // (or cancelled) with the reason.
    void requestPause(const QString &reason);
    void requestCancel(const QString &reason);
    // Stop sending without changing the campaign's status: requests in flight finish and are
    // recorded, held rows are released, the hold is given up, and the campaign stays running
    // for the next sender (this process is closing, or another one took the campaign over).
    void requestDetach(const QString &reason);

Q_SIGNALS:
    void progress(const herald::SendProgress &progress);
    void finished(const herald::SendResult &result);

private:
    struct Held
    {
        ClaimedMessage message;
        QByteArray body; // built once; resent as is after a throttle
    };
    struct InFlight
    {
        Held held;
        int manager = 0;
    };
    enum class State { Idle, Running, Draining, Done };

    bool prepare(QString *why);
    bool takeHold(QString *why);
    void recoverDeadSenders();
    // The first held message whose number has a token now (taken); m_held.end() when none.
    // Numbers without one are added to `waiting`.
    std::deque<Held>::iterator takeSendable(QStringList &waiting);
    std::chrono::milliseconds msUntilToken(const QStringList &numbers);
    void pump();
    // An error about one number of a pool (131048, 368): it leaves the pool, the others go on.
    // False when it was the last one: the campaign stops as with one number.
    bool numberOut(const QString &number, const QString &reason);
    void releaseNow(const QList<ClaimedMessage> &messages);
    void leaveOutUnhealthyNumbers(); // at the start; throws DbError
    // Running with nothing claimable but recipients waiting for numbers out of the pool.
    bool onlyOutNumbersLeft();
    void schedulePump(std::chrono::milliseconds wait);
    bool refill();
    void send(Held held);
    int pickManager();
    void onReply(QNetworkReply *reply);
    void handle(const InFlight &request, const ApiResponse &response, const ErrorDecision &decision);
    void addOutcome(const Outcome &outcome);
    bool flush();
    void recordOutcomes();
    void databaseFailed(const DbError &error);
    void retryDatabase();
    void giveUpOnDatabase();
    void failForgottenClaims();
    void returnWaitingRows();
    bool inOutage() const { return m_outage.isValid(); }
    void finalFailure(const Held &held, const ErrorDecision &decision);
    void notePermanent(bool permanent, const ErrorDecision &decision);
    void beginDrain(SendResult::End end, const QString &reason);
    void maybeFinish();
    void finish(SendResult::End end, const QString &reason);
    void emitProgress();
    QByteArray buildBody(const ClaimedMessage &message, QString *error) const;

    SenderConfig m_config;
    QString m_workerId;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<QueueEngine> m_engine;
    std::optional<ApiRequests> m_requests; // made in prepare(), once the settings are checked
    QList<QNetworkAccessManager *> m_managers;
    QList<int> m_managerLoad;
    int m_perManager = 6;
    int m_nextManager = 0;
    SendLanes m_lanes;
    bool m_holding = false; // this process holds the campaign (SenderPresence)
    RecipientDeferrals m_deferrals;
    RetryPolicy m_retry;

    State m_state = State::Idle;
    SendResult::End m_drainEnd = SendResult::End::Paused;
    QString m_drainReason;
    std::deque<Held> m_held; // claimed, waiting for a token
    QList<Held> m_deferred;  // waiting for their recipient's pair limit
    QHash<QNetworkReply *, InFlight> m_inFlight;
    QList<Outcome> m_outcomes;         // not yet recorded
    QList<ClaimedMessage> m_toRelease; // claimed, never accepted, to hand back unsent
    // Rows of a number that left the pool, to hand back while running; kept here while the
    // database does not answer, and handed back as soon as it does.
    QList<ClaimedMessage> m_releaseLater;
    QHash<QString, QString> m_pendingOut; // numbers out of the pool not yet written: number → reason
    bool m_queueEmpty = false;            // the last claim found nothing claimable
    WindowWait m_windowWait;              // holding: who waits for their quiet-hours window
    qint64 m_appPausedUntilMs = 0;        // 4/80007/131057: the whole sender waits

    // A database outage: locked by another program, disk full, PostgreSQL away. Valid from the
    // first failure until a write succeeds again; nothing new is sent meanwhile.
    QElapsedTimer m_outage;
    DbError::Cause m_outageCause = DbError::Cause::None;
    QString m_outageError;
    bool m_gaveUpOnDatabase = false;

    // Children of the worker, so that they move to the sender thread with it.
    QTimer m_pumpTimer;
    QTimer m_recordTimer;
    QTimer m_progressTimer;
    QTimer m_leaseTimer;
    QTimer m_retryWaitTimer; // nothing claimable now: retries wait for their time
    QTimer m_outageTimer;    // tries the failing database again
    QElapsedTimer m_clock;

    // Counters for progress: the campaign's at start plus what this run recorded.
    qint64 m_total = 0;
    qint64 m_baseSent = 0;
    qint64 m_baseFailed = 0;
    qint64 m_runSent = 0;
    qint64 m_runFailed = 0;
    QList<QPair<qint64, qint64>> m_rateSamples; // (ms, finished so far)
    QList<bool> m_recentPermanent;              // the error-threshold window
    int m_recentPermanentCount = 0;
    QHash<QString, int> m_recentReasons;
};

} // namespace herald
