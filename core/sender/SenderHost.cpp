#include "sender/SenderHost.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "log/LogCategories.h"
#include "sender/SendWorker.h"
#include "sender/WorkerIdentity.h"

using namespace Qt::StringLiterals;

namespace herald {

SenderHost::SenderHost(SenderKind kind, QString senderId, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_senderId(std::move(senderId))
    , m_heartbeat(this)
{
    WorkerIdentity::registerLive(m_senderId);
    connect(&m_heartbeat, &QTimer::timeout, this, &SenderHost::heartbeat);
}

SenderHost::~SenderHost()
{
    // Workers still running (the Sender was destroyed mid-campaign) are children and go with
    // the host; their rows stay in processing and are recovered as interrupted by the next
    // sender. A clean end withdraws the presence in workerFinished().
    qDeleteAll(m_workers);
    m_workers.clear();
    m_presence.reset();
    m_pacer.reset();
    m_db.reset();
    WorkerIdentity::unregisterLive(m_senderId);
}

bool SenderHost::announce(const SenderConfig &config, QString *why)
{
    if (m_presence) {
        return true;
    }
    try {
        m_db = std::make_unique<Database>(config.database, u"presence"_s);
        m_db->setBusyTimeout(config.databasePatience);
        m_presence.emplace(*m_db, Clock::system(), config.senderStaleness);
        m_label = config.senderLabel;
        m_presence->announce(m_senderId, m_kind, m_label);
        m_pacer.emplace(*m_db);
        // Heartbeats run on the sender thread: one that waited long for SQLite's write lock
        // would freeze every campaign's sending and a Pause with it. A missed one is tried
        // again at the next beat.
        m_db->setBusyTimeout(config.databaseBusyWait);
    } catch (const DbError &e) {
        *why = e.message();
        m_presence.reset();
        m_pacer.reset();
        m_db.reset();
        return false;
    }
    m_heartbeat.start(config.heartbeatInterval);
    return true;
}

void SenderHost::startCampaign(const SenderConfig &config)
{
    auto refuse = [&](const QString &why) {
        SendResult r;
        r.campaignId = config.campaignId;
        r.end = SendResult::End::Refused;
        r.reason = why;
        Q_EMIT finished(r);
    };
    if (m_workers.contains(config.campaignId)) {
        refuse(tr("This campaign is already being sent."));
        return;
    }
    QString why;
    if (!announce(config, &why)) {
        refuse(why);
        return;
    }
    if (!m_limiter) {
        RateLimiterSettings pacing;
        if (config.beyondMetaLimits) {
            pacing.maxCeiling = 1e6;
        }
        pacing.ceiling = std::clamp(config.rate, 0.1, pacing.maxCeiling);
        pacing.floor = std::min(1.0, pacing.ceiling);
        m_limiter.emplace(MonotonicClock::system(), pacing);
    }
    SenderConfig cfg = config;
    cfg.senderId = m_senderId;
    auto *worker = new SendWorker(cfg, *m_limiter, this);
    worker->setPacer(&*m_pacer);
    m_workers.insert(cfg.campaignId, worker);
    connect(worker, &SendWorker::progress, this, [this](const SendProgress &p) {
        m_rates.insert(p.campaignId, p.rate);
        Q_EMIT progress(p);
    });
    connect(worker, &SendWorker::finished, this,
            [this, worker](const SendResult &result) { workerFinished(worker, result); });
    worker->start();
}

void SenderHost::workerFinished(SendWorker *worker, const SendResult &result)
{
    m_workers.remove(worker->campaignId());
    m_rates.remove(worker->campaignId());
    worker->deleteLater();
    if (m_workers.isEmpty() && !m_stayPresent) {
        withdraw();
    }
    Q_EMIT finished(result);
}

void SenderHost::heartbeat()
{
    if (!m_presence) {
        return;
    }
    QStringList held;
    try {
        double rate = 0;
        for (const double r : std::as_const(m_rates)) {
            rate += r;
        }
        held = m_presence->heartbeat(m_senderId, m_kind, rate, m_label);
    } catch (const DbError &e) {
        qCWarning(lcSender, "heartbeat failed: %s", qPrintable(e.message()));
        // A connection that no longer answers (PostgreSQL restarted; a reconnect that failed left
        // it closed, whose errors no longer say "connection lost") is opened again.
        try {
            if (!m_db->answers()) {
                m_db->reconnect(); // the next heartbeat goes through it
            }
        } catch (const DbError &) {
            // Still away: tried again at the next heartbeat.
        }
        return;
    }
    for (SendWorker *w : std::as_const(m_workers)) {
        if (!held.contains(w->campaignId())) {
            QMetaObject::invokeMethod(
                w,
                [w] {
                    w->requestDetach(
                        tr("Another sender took this campaign over while this one was not heard from."));
                },
                Qt::QueuedConnection);
        }
    }
}

void SenderHost::withdraw()
{
    m_heartbeat.stop();
    if (m_presence) {
        try {
            m_presence->withdraw(m_senderId);
        } catch (const DbError &e) {
            qCWarning(lcSender, "could not sign off: %s", qPrintable(e.message()));
        }
    }
    m_presence.reset();
    m_pacer.reset();
    m_db.reset();
}

void SenderHost::stayPresent(const SenderConfig &config)
{
    QString why;
    m_stayPresent = announce(config, &why);
    Q_EMIT presenceChanged(m_stayPresent, why);
}

void SenderHost::signOff()
{
    m_stayPresent = false;
    if (m_workers.isEmpty()) {
        withdraw();
    }
    Q_EMIT presenceChanged(false, {});
}

template <typename F>
void SenderHost::forEach(const QString &campaignId, F &&f)
{
    for (SendWorker *w : m_workers.values()) {
        if (campaignId.isEmpty() || w->campaignId() == campaignId) {
            f(w);
        }
    }
}

void SenderHost::pauseCampaign(const QString &campaignId, const QString &reason)
{
    forEach(campaignId, [&](SendWorker *w) { w->requestPause(reason); });
}

void SenderHost::cancelCampaign(const QString &campaignId, const QString &reason)
{
    forEach(campaignId, [&](SendWorker *w) { w->requestCancel(reason); });
}

void SenderHost::detachCampaign(const QString &campaignId, const QString &reason)
{
    forEach(campaignId, [&](SendWorker *w) { w->requestDetach(reason); });
}

} // namespace herald
