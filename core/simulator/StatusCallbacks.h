#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace herald {

class SimulatorState;
struct SimulatorConfig;

// A send the simulator accepted, as its status callbacks need it.
struct AcceptedSend
{
    QString recipient; // wa_id: the number's digits
    QString wamid;
    QString bizOpaqueCallbackData;
    qint64 acceptedMs = 0; // epoch milliseconds
};

// What the server threads hand over to the callback sender, and what it has done so far:
// thread-safe, readable from any thread (tests, the demo, `herald-cli simulate`).
class StatusInbox
{
public:
    struct Counts
    {
        qint64 scheduled = 0; // status callbacks planned, duplicates included
        qint64 delivered = 0; // messages that will be reported delivered …
        qint64 read = 0;      // … and read
        qint64 failed = 0;    // … or failed late (131049, 131047)
        qint64 posted = 0;    // statuses in POSTs answered 200
        qint64 posts = 0;     // POSTs answered 200
        qint64 refused = 0;   // POSTs answered otherwise, or not at all (tried again)
        qint64 dropped = 0;   // statuses given up after the last try
    };

    StatusInbox() = default;
    StatusInbox(const StatusInbox &) = delete;
    StatusInbox &operator=(const StatusInbox &) = delete;
    ~StatusInbox();

    void push(const AcceptedSend &send);
    QList<AcceptedSend> take();

    // Accepted sends not yet planned and status callbacks not yet answered 200 or given up: 0
    // once everything has been reported.
    qint64 pending() const;
    Counts counts() const;

private:
    friend class StatusCallbackSender;
    void add(qint64 Counts::*field, qint64 n);

    mutable QMutex m_mutex;
    QList<AcceptedSend> m_inbox;
    Counts m_counts;
    std::atomic<qint64> m_pending{0};
};

// Meta's delivery reports for the simulator's accepted sends, POSTed as status webhooks to
// SimulatorConfig::statusWebhookUrl: `sent` at once, `delivered` (or, for a share, a late
// failure 131049 or 131047) after deliveredAfterMs, `read` for a share of the delivered after
// readAfterMs. Batched (webhookBatch statuses per POST), signed with the app secret in
// X-Hub-Signature-256 (or a wrong one on request), a share sent twice, times moved by up to
// reorderMs so later reports can overtake earlier ones, and sent again with a growing pause
// while the receiver does not answer 200 (up to 8 tries), as Meta does. Which message is read
// or fails is drawn from (seed, recipient, wamid), so a run is reproducible.
//
// Lives on its own thread (CloudApiSimulator starts and stops it); reads the configuration
// snapshot on every tick, so setConfig() applies at once.
class StatusCallbackSender : public QObject
{
    Q_OBJECT

public:
    explicit StatusCallbackSender(SimulatorState &state, QObject *parent = nullptr);
    ~StatusCallbackSender() override;

    void start(); // on its thread
    void stop();  // on its thread: drops what is not sent

private:
    struct Status
    {
        QString recipient;
        QString wamid;
        QString bizOpaque;
        QString status; // sent, delivered, read, failed
        int errorCode = 0;
        qint64 atMs = 0; // the time the report states
    };
    struct Post
    {
        QList<Status> statuses;
        int tries = 0;
    };

    void tick();
    void plan(const SimulatorConfig &config, const AcceptedSend &send);
    void schedule(qint64 dueMs, const Status &s);
    void send(const SimulatorConfig &config, Post post);
    void answered(QNetworkReply *reply, Post post);
    QByteArray body(const SimulatorConfig &config, const QList<Status> &statuses) const;

    SimulatorState &m_state;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    std::multimap<qint64, Status> m_due; // by the time it is to be POSTed
    std::multimap<qint64, Post> m_retries;
    int m_inFlight = 0;
};

} // namespace herald
