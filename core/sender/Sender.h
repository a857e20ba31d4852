#pragma once

#include "sender/SenderPresence.h"
#include "sender/SenderTypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <memory>

namespace herald {

class SenderHost;

// Sends campaigns on a thread of its own (a SenderHost there: one worker per campaign, one
// shared rate limiter per phone number) and relays their signals to the thread that owns the
// Sender (the GUI's or herald-cli's), queued. Calls go in by posting to that thread, so callers
// never wait on the network or the database.
//
// Several campaigns may run at once; pause(), cancel() and detach() without a campaign id act
// on all of them. Destroying a Sender with campaigns still running quits the thread and waits
// for it without draining: rows held stay in processing and are recovered as "interrupted" by
// the next sender (what a crash leaves). A clean close detaches first and waits for finished().
class Sender : public QObject
{
    Q_OBJECT

public:
    explicit Sender(SenderKind kind = SenderKind::Run, QObject *parent = nullptr);
    ~Sender() override;

    // Starts sending a campaign; false when this Sender already sends it.
    bool start(const SenderConfig &config);
    void pause(const QString &reason = {});
    void cancel(const QString &reason = {});
    void pauseCampaign(const QString &campaignId, const QString &reason = {});
    void cancelCampaign(const QString &campaignId, const QString &reason = {});
    // Stops sending and leaves the campaigns running for the next sender (see SendWorker).
    void detach(const QString &reason = {});
    // A worker's: announces this process (config's database, label, heartbeat) now and keeps it
    // announced, heartbeat included, while no campaign is being sent, until signOff(). Others
    // see it idle rather than gone. presenceChanged() tells the outcome of each.
    void stayPresent(const SenderConfig &config);
    void signOff();

    bool isRunning() const { return !m_active.isEmpty(); }
    bool isSending(const QString &campaignId) const { return m_active.contains(campaignId); }
    QSet<QString> campaigns() const { return m_active; }
    const QString &senderId() const { return m_senderId; }
    SenderKind kind() const { return m_kind; }

Q_SIGNALS:
    void progress(const herald::SendProgress &progress);
    void finished(const herald::SendResult &result);
    // After stayPresent() (present: true, or false with why) and signOff() (present: false).
    void presenceChanged(bool present, const QString &why);

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
    template <typename F>
    void post(F &&f);
    void ensureThread();

    const SenderKind m_kind;
    const QString m_senderId;
    std::unique_ptr<QThread, ThreadStopper> m_thread;
    QPointer<SenderHost> m_host;
    QSet<QString> m_active;
};

} // namespace herald
