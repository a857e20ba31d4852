#pragma once

#include "simulator/RequestLog.h"
#include "simulator/SimulatorConfig.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

class QThread;

namespace herald {

class SimulatorHttpServer;
class StatusCallbackSender;
class StatusInbox;
class SimulatorState;
class TemplateCatalogue;

// A local stand-in for the WhatsApp Cloud API (Graph API) over real HTTP on 127.0.0.1, for
// demo mode, `herald-cli simulate`, tests and benchmarks. SimulatorConfig lists the knobs,
// NumberEndings.h the deterministic outcomes by recipient number, RequestLog what it records.
//
// It runs config.threads QHttpServer instances, one per thread, accepting on one port
// (SO_REUSEPORT): Qt 6.4's QHttpServer is single-threaded and one instance would be slower
// than the client it is meant to outrun.
//
// Call start/stop/setConfig from the thread that owns this object; log() and the counters
// may be read from any thread.
class CloudApiSimulator : public QObject
{
    Q_OBJECT

public:
    explicit CloudApiSimulator(QObject *parent = nullptr);
    explicit CloudApiSimulator(const SimulatorConfig &config, QObject *parent = nullptr);
    ~CloudApiSimulator() override;

    // Listens on 127.0.0.1:port (0 picks a free port). False with *error set on failure.
    bool start(quint16 port = 0, QString *error = nullptr);
    // Stops accepting, drops pending and held answers unwritten, closes every connection and
    // joins the server threads. Safe to call twice; start() may be called again afterwards.
    void stop();

    bool isRunning() const { return !m_instances.empty(); }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;      // http://127.0.0.1:<port>
    QUrl messagesUrl() const;  // baseUrl/{version}/{phone-number-id}/messages
    QUrl templatesUrl() const; // baseUrl/{version}/{waba-id}/message_templates

    SimulatorConfig config() const;
    // Takes effect for the next request on every thread; `threads` only at the next start().
    bool setConfig(const SimulatorConfig &config, QString *error = nullptr);

    // The status webhooks sent so far (SimulatorConfig::statusWebhookUrl), from any thread.
    const StatusInbox &statusCallbacks() const;

    RequestLog &log();
    const RequestLog &log() const;
    const TemplateCatalogue &catalogue() const;

    int threadCount() const { return int(m_instances.size()); }
    int pendingAnswers() const; // delayed answers not yet written
    int heldAnswers() const;    // timeouts still holding a connection

private:
    struct Instance
    {
        QThread *thread = nullptr;
        SimulatorHttpServer *server = nullptr;
    };

    bool startInstance(int index, qintptr descriptor, QString *error);

    std::unique_ptr<SimulatorState> m_state;
    std::vector<Instance> m_instances;
    QThread *m_callbackThread = nullptr;
    StatusCallbackSender *m_callbacks = nullptr;
    quint16 m_port = 0;
};

} // namespace herald
