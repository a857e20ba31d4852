#include "sender/Sender.h"

#include "sender/SenderHost.h"
#include "sender/WorkerIdentity.h"

namespace herald {

Sender::Sender(SenderKind kind, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_senderId(WorkerIdentity::makeId())
{
    qRegisterMetaType<SendProgress>();
    qRegisterMetaType<SendResult>();
    qRegisterMetaType<SenderConfig>();
}

Sender::~Sender() = default; // m_thread's deleter quits and joins; the host is deleted on it

template <typename F>
void Sender::post(F &&f)
{
    if (SenderHost *host = m_host) {
        QMetaObject::invokeMethod(
            host, [host, f = std::forward<F>(f)] { f(host); }, Qt::QueuedConnection);
    }
}

void Sender::ensureThread()
{
    if (m_thread) {
        return;
    }
    m_thread.reset(new QThread);
    m_thread->setObjectName(QStringLiteral("herald-sender"));
    auto *host = new SenderHost(m_kind, m_senderId);
    host->moveToThread(m_thread.get());
    m_host = host;
    connect(m_thread.get(), &QThread::finished, host, &QObject::deleteLater);
    connect(host, &SenderHost::progress, this, &Sender::progress);
    connect(host, &SenderHost::finished, this, [this](const SendResult &result) {
        m_active.remove(result.campaignId);
        Q_EMIT finished(result);
    });
    connect(host, &SenderHost::presenceChanged, this, &Sender::presenceChanged);
}

bool Sender::start(const SenderConfig &config)
{
    if (m_active.contains(config.campaignId)) {
        return false;
    }
    ensureThread();
    if (!m_thread->isRunning()) {
        m_thread->start();
    }
    m_active.insert(config.campaignId);
    post([config](SenderHost *host) { host->startCampaign(config); });
    return true;
}

void Sender::stayPresent(const SenderConfig &config)
{
    ensureThread();
    if (!m_thread->isRunning()) {
        m_thread->start();
    }
    post([config](SenderHost *host) { host->stayPresent(config); });
}

void Sender::signOff()
{
    post([](SenderHost *host) { host->signOff(); });
}

void Sender::pause(const QString &reason)
{
    pauseCampaign({}, reason);
}

void Sender::cancel(const QString &reason)
{
    cancelCampaign({}, reason);
}

void Sender::pauseCampaign(const QString &campaignId, const QString &reason)
{
    post([campaignId, reason](SenderHost *host) { host->pauseCampaign(campaignId, reason); });
}

void Sender::cancelCampaign(const QString &campaignId, const QString &reason)
{
    post([campaignId, reason](SenderHost *host) { host->cancelCampaign(campaignId, reason); });
}

void Sender::detach(const QString &reason)
{
    post([reason](SenderHost *host) { host->detachCampaign({}, reason); });
}

} // namespace herald
