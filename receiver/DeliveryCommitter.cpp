#include "DeliveryCommitter.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "webhook/DeliveryWriter.h"
#include "webhook/InboundWriter.h"

#include <QCoreApplication>
#include <QTimer>

namespace herald {

DeliveryCommitter::DeliveryCommitter(const DatabaseConfig &config, const Options &options)
    : m_config(config)
    , m_options(options)
{}

DeliveryCommitter::~DeliveryCommitter() = default;

bool DeliveryCommitter::open(QString *problem)
{
    m_window = new QTimer(this);
    m_window->setSingleShot(true);
    m_window->setTimerType(Qt::PreciseTimer);
    connect(m_window, &QTimer::timeout, this, &DeliveryCommitter::flush);
    m_retry = new QTimer(this);
    connect(m_retry, &QTimer::timeout, this, &DeliveryCommitter::retryParked);
    try {
        m_db = std::make_unique<Database>(m_config, QStringLiteral("webhooks"));
        m_writer = std::make_unique<DeliveryWriter>(*m_db, Clock::system());
        m_inbound = std::make_unique<InboundWriter>(*m_db, Clock::system());
    } catch (const DbError &e) {
        *problem = e.message();
        return false;
    }
    m_retry->start(m_options.retryInterval);
    return true;
}

void DeliveryCommitter::close()
{
    if (m_window) {
        flush();
    }
    delete m_window;
    delete m_retry;
    m_window = m_retry = nullptr;
    m_writer.reset();
    m_inbound.reset();
    m_db.reset();
}

void DeliveryCommitter::submit(quint64 requestId, const WebhookWork &work)
{
    QMetaObject::invokeMethod(
        this, [this, requestId, work] { enqueue(requestId, work); }, Qt::QueuedConnection);
}

void DeliveryCommitter::enqueue(quint64 requestId, const WebhookWork &work)
{
    if (!m_window) { // closed: nothing can be written any more
        Q_EMIT failed({requestId},
                      QCoreApplication::translate("DeliveryCommitter", "the receiver is stopping"));
        return;
    }
    m_pending.append({requestId, work});
    m_pendingStatuses += work.size();
    if (m_pendingStatuses >= m_options.maxStatusesPerGroup) {
        flush();
    } else if (!m_window->isActive()) {
        m_window->start(m_options.window);
    }
}

bool DeliveryCommitter::writeGroup(const QList<Pending> &group, QString *problem)
{
    WebhookWork all;
    for (const Pending &p : group) {
        all.statuses += p.work.statuses;
        all.messages += p.work.messages;
        all.templateEvents += p.work.templateEvents;
        all.unknown += p.work.unknown;
    }
    try {
        if (!m_writer) {
            throw DbError(DbError::Kind::Unavailable,
                          QCoreApplication::translate("DeliveryCommitter", "the database is not open"));
        }
        m_writer->write(all.statuses);
        m_inbound->write(all.messages, all.templateEvents, all.unknown);
        return true;
    } catch (const DbError &e) {
        *problem = e.message();
        if (m_db && e.cause() == DbError::Cause::ConnectionLost && !m_db->answers()) {
            try {
                m_writer.reset(); // its statements die with the old connection
                m_db->reconnect();
                m_writer = std::make_unique<DeliveryWriter>(*m_db, Clock::system());
                m_inbound = std::make_unique<InboundWriter>(*m_db, Clock::system());
            } catch (const DbError &) {
                // Still unreachable: the next group tries again, and Meta retries what failed.
            }
        }
        return false;
    }
}

void DeliveryCommitter::flush()
{
    m_window->stop();
    while (!m_pending.isEmpty()) {
        // Take at most one full group; a long queue is written in several.
        QList<Pending> group;
        qsizetype items = 0;
        qsizetype statuses = 0;
        while (!m_pending.isEmpty() &&
               (group.isEmpty() || items + m_pending.front().work.size() <= m_options.maxStatusesPerGroup)) {
            items += m_pending.front().work.size();
            statuses += m_pending.front().work.statuses.size();
            group.append(m_pending.takeFirst());
        }
        m_pendingStatuses -= items;
        QList<quint64> ids;
        for (const Pending &p : std::as_const(group)) {
            ids << p.id;
        }
        QString problem;
        if (writeGroup(group, &problem)) {
            Q_EMIT committed(ids, statuses);
            continue;
        }
        if (group.size() == 1) {
            Q_EMIT failed(ids, problem);
            continue;
        }
        for (const Pending &p : std::as_const(group)) {
            if (writeGroup({p}, &problem)) {
                Q_EMIT committed({p.id}, p.work.statuses.size());
            } else {
                Q_EMIT failed({p.id}, problem);
            }
        }
    }
    Q_EMIT idle();
}

void DeliveryCommitter::retryParked()
{
    if (!m_writer) {
        return;
    }
    if (!m_pending.isEmpty()) {
        flush(); // waiting requests first; a steady stream must not keep parked callbacks waiting
    }
    try {
        m_writer->retryParked();
    } catch (const DbError &) {
        // The next timer tick or batch tries again.
    }
}

} // namespace herald
