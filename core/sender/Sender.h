#pragma once

#include "sender/SendWorker.h"
#include "sender/SenderTypes.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

namespace herald {

class SendWorker;

// Runs a SendWorker on a thread of its own and relays its signals to the thread that owns
// the Sender (the GUI's or herald-cli's), queued. Calls go in by posting to the worker, so
// callers never wait on the network or the database. Destroying a running Sender quits
// the thread and waits for it: rows it held stay in processing and are recovered as
// "interrupted" by the next sender, never silently re-sent.
class Sender : public QObject
{
    Q_OBJECT

public:
    explicit Sender(QObject *parent = nullptr);
    ~Sender() override;

    // Starts sending; false when a run is already going on.
    bool start(const SenderConfig &config);
    void pause(const QString &reason = {});
    void cancel(const QString &reason = {});
    bool isRunning() const { return m_worker != nullptr; }

Q_SIGNALS:
    void progress(const herald::SendProgress &progress);
    void finished(const herald::SendResult &result);

private:
    struct ThreadStopper
    {
        void operator()(QThread *thread) const
        {
            thread->quit();
            thread->wait();
            delete thread;
        }
    };

    std::unique_ptr<QThread, ThreadStopper> m_thread;
    QPointer<SendWorker> m_worker;
};

} // namespace herald
