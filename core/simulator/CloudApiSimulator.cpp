#include "simulator/CloudApiSimulator.h"

#include "simulator/ReusePortListener.h"
#include "simulator/SimulatorHttpServer.h"
#include "simulator/SimulatorState.h"
#include "simulator/StatusCallbacks.h"

#include <QThread>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

QString versionForUrls(const SimulatorConfig &config)
{
    return config.apiVersion.isEmpty() ? u"v23.0"_s : config.apiVersion;
}

} // namespace

CloudApiSimulator::CloudApiSimulator(QObject *parent)
    : CloudApiSimulator(SimulatorConfig{}, parent)
{}

CloudApiSimulator::CloudApiSimulator(const SimulatorConfig &config, QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<SimulatorState>(config))
{}

CloudApiSimulator::~CloudApiSimulator()
{
    stop();
}

bool CloudApiSimulator::start(quint16 port, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (isRunning())
        return fail(u"the simulator is already running on port %1"_s.arg(m_port));
    const auto config = m_state->config();
    QString why;
    if (!config->validate(&why))
        return fail(why);

    std::vector<qintptr> descriptors;
    const qintptr first = ReusePortListener::open(port, &why);
    if (first < 0)
        return fail(u"cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(why));
    descriptors.push_back(first);
    const quint16 bound = ReusePortListener::boundPort(first);
    for (int i = 1; i < config->threads; ++i) {
        const qintptr fd = ReusePortListener::open(bound, &why);
        if (fd < 0) {
            for (qintptr d : descriptors)
                ReusePortListener::close(d);
            return fail(u"cannot open listener %1 on 127.0.0.1:%2: %3"_s.arg(i).arg(bound).arg(why));
        }
        descriptors.push_back(fd);
    }

    m_port = bound;
    m_state->setBaseUrl(u"http://127.0.0.1:%1"_s.arg(bound));
    m_state->log().setInstanceCount(config->threads);
    // A restarted simulator starts with fresh limits; the log is kept until log().clear().
    m_state->throughput().reset();
    m_state->pairLimiter().reset();

    for (std::size_t i = 0; i < descriptors.size(); ++i) {
        if (!startInstance(int(i), descriptors[i], &why)) {
            for (std::size_t j = i; j < descriptors.size(); ++j)
                ReusePortListener::close(descriptors[j]);
            stop();
            return fail(why);
        }
    }
    // Status webhooks go out from a thread of their own, so a slow receiver never delays an answer.
    m_callbackThread = new QThread;
    m_callbackThread->setObjectName(u"herald-sim-callbacks"_s);
    m_callbacks = new StatusCallbackSender(*m_state);
    m_callbacks->moveToThread(m_callbackThread);
    connect(m_callbackThread, &QThread::finished, m_callbacks, &QObject::deleteLater);
    m_callbackThread->start();
    QMetaObject::invokeMethod(m_callbacks, &StatusCallbackSender::start, Qt::BlockingQueuedConnection);
    return true;
}

bool CloudApiSimulator::startInstance(int index, qintptr descriptor, QString *error)
{
    auto *thread = new QThread;
    thread->setObjectName(u"herald-sim-%1"_s.arg(index));
    auto *server = new SimulatorHttpServer(*m_state, index);
    server->moveToThread(thread);
    // Deferred deletes still run when a thread finishes, so the server dies in its own thread.
    connect(thread, &QThread::finished, server, &QObject::deleteLater);
    thread->start();
    m_instances.push_back({thread, server});

    bool adopted = false;
    QMetaObject::invokeMethod(
        server, [&] { adopted = server->adoptListener(descriptor, error); }, Qt::BlockingQueuedConnection);
    return adopted;
}

void CloudApiSimulator::stop()
{
    for (const Instance &instance : m_instances) {
        SimulatorHttpServer *server = instance.server;
        QMetaObject::invokeMethod(
            server, [server] { server->shutdown(); }, Qt::BlockingQueuedConnection);
        instance.thread->quit();
    }
    for (const Instance &instance : m_instances) {
        instance.thread->wait();
        delete instance.thread;
    }
    m_instances.clear();
    if (m_callbackThread) {
        StatusCallbackSender *callbacks = m_callbacks;
        QMetaObject::invokeMethod(
            callbacks, [callbacks] { callbacks->stop(); }, Qt::BlockingQueuedConnection);
        m_callbackThread->quit();
        m_callbackThread->wait();
        delete m_callbackThread;
        m_callbackThread = nullptr;
        m_callbacks = nullptr;
    }
    m_port = 0;
}

QUrl CloudApiSimulator::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QUrl CloudApiSimulator::messagesUrl() const
{
    const auto config = m_state->config();
    return QUrl(baseUrl().toString() + u'/' + versionForUrls(*config) + u'/' + config->phoneNumberId +
                u"/messages"_s);
}

QUrl CloudApiSimulator::templatesUrl() const
{
    const auto config = m_state->config();
    return QUrl(baseUrl().toString() + u'/' + versionForUrls(*config) + u'/' + config->wabaId +
                u"/message_templates"_s);
}

SimulatorConfig CloudApiSimulator::config() const
{
    return *m_state->config();
}

bool CloudApiSimulator::setConfig(const SimulatorConfig &config, QString *error)
{
    if (!config.validate(error))
        return false;
    m_state->setConfig(config);
    return true;
}

const StatusInbox &CloudApiSimulator::statusCallbacks() const
{
    return m_state->statusInbox();
}

RequestLog &CloudApiSimulator::log()
{
    return m_state->log();
}

const RequestLog &CloudApiSimulator::log() const
{
    return m_state->log();
}

const TemplateCatalogue &CloudApiSimulator::catalogue() const
{
    return m_state->catalogue();
}

int CloudApiSimulator::pendingAnswers() const
{
    int n = 0;
    for (const Instance &instance : m_instances)
        n += instance.server->pendingAnswers();
    return n;
}

int CloudApiSimulator::heldAnswers() const
{
    int n = 0;
    for (const Instance &instance : m_instances)
        n += instance.server->heldAnswers();
    return n;
}

} // namespace herald
