#pragma once

#include "simulator/PairLimiter.h"
#include "simulator/RequestLog.h"
#include "simulator/SimulatorConfig.h"
#include "simulator/StatusCallbacks.h"
#include "simulator/TemplateCatalogue.h"
#include "simulator/ThroughputWindow.h"

#include <QMutex>

#include <atomic>
#include <memory>

namespace herald {

// Everything the server threads share. The configuration is an immutable snapshot swapped
// under a mutex: a request takes one snapshot and sees a consistent set of knobs even if
// setConfig() runs meanwhile.
class SimulatorState
{
public:
    explicit SimulatorState(const SimulatorConfig &config);

    std::shared_ptr<const SimulatorConfig> config() const;
    // The caller has validated config. The catalogue restarts only if its source changed.
    void setConfig(const SimulatorConfig &config);

    QString baseUrl() const;
    void setBaseUrl(const QString &url);

    RequestLog &log() { return m_log; }
    TemplateCatalogue &catalogue() { return m_catalogue; }
    ThroughputWindow &throughput() { return m_throughput; }
    PairLimiter &pairLimiter() { return m_pairLimiter; }
    StatusInbox &statusInbox() { return m_statusInbox; }

    // Unique within the process and across simulator restarts, shaped like Meta's wamids.
    QString nextWamid(const QString &recipientKey);
    quint64 nextSequence() { return m_sequence.fetch_add(1, std::memory_order_relaxed); }

    // The connection guard's counts, over every server thread: 1-based ordinals of accepted
    // connections and of requests begun, and the connections open now.
    quint64 nextConnectionOrdinal() { return m_connections.fetch_add(1, std::memory_order_relaxed) + 1; }
    quint64 nextRequestOrdinal() { return m_requestsBegun.fetch_add(1, std::memory_order_relaxed) + 1; }
    std::atomic<int> &openConnections() { return m_openConnections; }

    static qint64 nowNs();

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const SimulatorConfig> m_config;
    QString m_baseUrl;
    RequestLog m_log;
    TemplateCatalogue m_catalogue;
    ThroughputWindow m_throughput;
    PairLimiter m_pairLimiter;
    StatusInbox m_statusInbox;
    std::atomic<quint64> m_sequence{0};
    std::atomic<quint64> m_connections{0};
    std::atomic<quint64> m_requestsBegun{0};
    std::atomic<int> m_openConnections{0};
    const quint64 m_nonce;
};

} // namespace herald
