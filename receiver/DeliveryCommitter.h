#pragma once

#include "db/DatabaseConfig.h"
#include "webhook/WebhookTypes.h"

#include <QList>
#include <QObject>

#include <chrono>
#include <memory>

class QTimer;

namespace herald {

class Database;
class DeliveryWriter;
class InboundWriter;

// The receiver's database side, living on its own thread with its own connection, so the
// thread that reads sockets never waits for SQL. Requests handed in within a short window (or
// until a batch is full) share one DeliveryWriter transaction — a group commit — and each is
// reported committed only after that transaction is: the receiver answers 200 then, never
// before. Opt-out replies, template events and unknown items (InboundWriter) are written in a
// transaction of their own right after, before the same answer. A group whose transaction fails is written
// again one request at a time, so one request the database refuses does not fail the others. Parked callbacks
// are tried again every `retryInterval` (a callback that came before its sender recorded the message waits
// that long at most).
class DeliveryCommitter : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds window{3};    // how long a group waits for company
        qsizetype maxStatusesPerGroup = 20'000; // a full group commits at once
        std::chrono::milliseconds retryInterval{5'000};
    };

    DeliveryCommitter(const DatabaseConfig &config, const Options &options);
    ~DeliveryCommitter() override;

    // Thread-safe: queues a request's callbacks; committed() or failed() follows on the
    // committer's thread (connect with a queued connection).
    void submit(quint64 requestId, const WebhookWork &work);

    // Opens the connection; call on the committer's thread once it has moved there. False with
    // why when the database cannot be opened.
    bool open(QString *problem);
    // Writes what is queued, then closes the connection and stops the timers (same thread).
    void close();

Q_SIGNALS:
    void committed(const QList<quint64> &requestIds, qint64 statuses);
    void failed(const QList<quint64> &requestIds, const QString &problem);
    void idle(); // nothing queued or being written

private:
    struct Pending
    {
        quint64 id = 0;
        WebhookWork work;
    };

    void enqueue(quint64 requestId, const WebhookWork &work);
    void flush();
    bool writeGroup(const QList<Pending> &group, QString *problem);
    void retryParked();

    DatabaseConfig m_config;
    Options m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DeliveryWriter> m_writer;
    std::unique_ptr<InboundWriter> m_inbound;
    QTimer *m_window = nullptr;
    QTimer *m_retry = nullptr;
    QList<Pending> m_pending;
    qsizetype m_pendingStatuses = 0;
};

} // namespace herald
