#pragma once

#include "sender/RateLimiter.h"
#include "sender/SenderPresence.h"
#include "sender/SenderTypes.h"
#include "sender/SharedPacer.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace herald {

class Database;
class SendWorker;

// Everything a sending process runs on its sender thread: one SendWorker per campaign, the
// rate limiter they share (one bucket per phone number, so campaigns sending from one number
// never exceed its ceiling together), the SharedPacer that keeps this process and every other
// sending from the same number under its ceiling together (on the presence's connection), and the process's
// presence — announced when the first campaign starts (or at once for a headless worker, which stays
// announced while idle), a heartbeat every few seconds with the process's sending rate, withdrawn when the
// last one ends (a worker's when it signs off). A worker whose campaign this process no longer holds (another
// sender took it over after this one went silent) is detached at the next heartbeat.
class SenderHost : public QObject
{
    Q_OBJECT

public:
    SenderHost(SenderKind kind, QString senderId, QObject *parent = nullptr);
    ~SenderHost() override;

public Q_SLOTS:
    void startCampaign(const herald::SenderConfig &config);
    // An empty campaign id means every campaign.
    void pauseCampaign(const QString &campaignId, const QString &reason);
    void cancelCampaign(const QString &campaignId, const QString &reason);
    void detachCampaign(const QString &campaignId, const QString &reason);
    // Announces the process and keeps it announced while idle (a worker), until signOff().
    void stayPresent(const herald::SenderConfig &config);
    void signOff();

Q_SIGNALS:
    void progress(const herald::SendProgress &progress);
    void finished(const herald::SendResult &result);
    void presenceChanged(bool present, const QString &why);

private:
    bool announce(const SenderConfig &config, QString *why);
    void heartbeat();
    void withdraw();
    void workerFinished(SendWorker *worker, const SendResult &result);
    template <typename F>
    void forEach(const QString &campaignId, F &&f);

    const SenderKind m_kind;
    const QString m_senderId;
    std::unique_ptr<Database> m_db; // presence, on this thread
    std::optional<SenderPresence> m_presence;
    std::optional<RateLimiter> m_limiter;
    std::optional<SharedPacer> m_pacer;     // the numbers' ceilings, shared with other processes
    QHash<QString, SendWorker *> m_workers; // by campaign id
    QHash<QString, double> m_rates;         // each campaign's sending rate, for the heartbeat
    SenderLabel m_label;
    bool m_stayPresent = false;
    QTimer m_heartbeat;
};

} // namespace herald
