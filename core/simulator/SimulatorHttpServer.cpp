#include "simulator/SimulatorHttpServer.h"

#include "simulator/ConnectionGuard.h"
#include "simulator/SimulatorState.h"

#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

#include <algorithm>
#include <limits>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNsPerMs = 1'000'000;

SimRequest toSimRequest(const QHttpServerRequest &request, int instance)
{
    SimRequest r;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        r.method = SimRequest::Method::Get;
        r.methodName = QByteArrayLiteral("GET");
        break;
    case QHttpServerRequest::Method::Post:
        r.method = SimRequest::Method::Post;
        r.methodName = QByteArrayLiteral("POST");
        break;
    case QHttpServerRequest::Method::Put:
        r.methodName = QByteArrayLiteral("PUT");
        break;
    case QHttpServerRequest::Method::Delete:
        r.methodName = QByteArrayLiteral("DELETE");
        break;
    default:
        r.methodName = QByteArrayLiteral("OTHER");
        break;
    }
    const QUrl url = request.url();
    r.path = url.path();
    r.query = QUrlQuery(url);
    r.authorization = request.value(QByteArrayLiteral("authorization"));
    r.body = request.body();
    r.instance = instance;
    r.receivedNs = SimulatorState::nowNs();
    return r;
}

} // namespace

SimulatorHttpServer::SimulatorHttpServer(SimulatorState &state, int instance)
    : m_state(state)
    , m_router(state)
    , m_instance(instance)
    , m_dueTimer(this)
    , m_sweepTimer(this)
{
    m_dueTimer.setSingleShot(true);
    m_dueTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_dueTimer, &QTimer::timeout, this, &SimulatorHttpServer::answerDue);
    m_sweepTimer.setInterval(1000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &SimulatorHttpServer::sweepHeld);
}

SimulatorHttpServer::~SimulatorHttpServer() = default;

bool SimulatorHttpServer::adoptListener(qintptr descriptor, QString *error)
{
    auto *tcp = new GuardedTcpServer(m_state, this);
    if (!tcp->setSocketDescriptor(descriptor)) {
        if (error)
            *error = u"cannot adopt the listening socket: %1"_s.arg(tcp->errorString());
        delete tcp;
        return false;
    }
    bind(tcp);
    m_sweepTimer.start();
    return true;
}

void SimulatorHttpServer::shutdown()
{
    m_dueTimer.stop();
    m_sweepTimer.stop();
    // Unwritten responders are safe to destroy; their sockets are closed right after.
    m_due.clear();
    m_held.clear();
    updateCounts();
    const auto tcpServers = servers();
    for (QTcpServer *tcp : tcpServers) {
        tcp->close();
        const auto sockets = tcp->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    }
}

bool SimulatorHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    SimAnswer answer = m_router.handle(toSimRequest(request, m_instance));
    switch (answer.action) {
    case SimAnswer::Action::Reset:
        resetConnection(socket);
        return true;
    case SimAnswer::Action::Hold:
        m_held.push_back(std::make_unique<Waiting>(Waiting{socket, makeResponder(request, socket), {}}));
        updateCounts();
        return true;
    case SimAnswer::Action::Close:
    case SimAnswer::Action::Truncate:
    case SimAnswer::Action::Respond:
        break;
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    if (answer.delayMs <= 0) {
        Waiting now{socket, std::move(responder), std::move(answer)};
        writeIfConnected(now);
        return true;
    }
    const qint64 due = SimulatorState::nowNs() + answer.delayMs * kNsPerMs;
    const bool earliest = m_due.empty() || due < m_due.begin()->first;
    m_due.emplace(due, std::make_unique<Waiting>(Waiting{socket, std::move(responder), std::move(answer)}));
    updateCounts();
    if (earliest)
        armDueTimer();
    return true;
}

void SimulatorHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Not reached (handleRequest answers everything), but the base class requires it.
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, SimAnswer::error(SimGraphError::unknownPath(request.url().path())));
}

void SimulatorHttpServer::write(QHttpServerResponder &responder, const SimAnswer &answer)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), answer.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(answer.body.size()));
    if (!answer.wwwAuthenticate.isEmpty())
        responder.writeHeader(QByteArrayLiteral("WWW-Authenticate"), answer.wwwAuthenticate);
    responder.writeBody(answer.body);
}

void SimulatorHttpServer::resetConnection(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN: a real reset.
    const linger hard{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
#endif
    socket->abort();
}

void SimulatorHttpServer::writeIfConnected(Waiting &waiting)
{
    // The client may have given up meanwhile: QHttpServer then deletes the socket, and the
    // responder's raw pointer to it would dangle.
    if (!waiting.socket || waiting.socket->state() != QAbstractSocket::ConnectedState)
        return;
    switch (waiting.answer.action) {
    case SimAnswer::Action::Close:
        waiting.socket->disconnectFromHost(); // FIN, with nothing of the answer written
        break;
    case SimAnswer::Action::Truncate: {
        // The headers announce the whole body; half of it comes, then FIN.
        const SimAnswer &a = waiting.answer;
        waiting.responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(a.status));
        waiting.responder.writeHeader(QByteArrayLiteral("Content-Type"), a.contentType);
        waiting.responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(a.body.size()));
        waiting.responder.writeBody(a.body.left(a.body.size() / 2));
        waiting.socket->disconnectFromHost();
        break;
    }
    default:
        write(waiting.responder, waiting.answer);
        break;
    }
}

void SimulatorHttpServer::armDueTimer()
{
    if (m_due.empty()) {
        m_dueTimer.stop();
        return;
    }
    const qint64 waitNs = m_due.begin()->first - SimulatorState::nowNs();
    // Rounded up: a timer may not fire early, answerDue() re-arms if it still does.
    const qint64 waitMs = waitNs <= 0 ? 0 : (waitNs + kNsPerMs - 1) / kNsPerMs;
    m_dueTimer.start(int(qMin<qint64>(waitMs, std::numeric_limits<int>::max())));
}

void SimulatorHttpServer::answerDue()
{
    const qint64 now = SimulatorState::nowNs();
    while (!m_due.empty() && m_due.begin()->first <= now) {
        auto node = m_due.extract(m_due.begin());
        writeIfConnected(*node.mapped());
    }
    updateCounts();
    armDueTimer();
}

void SimulatorHttpServer::sweepHeld()
{
    std::erase_if(m_held, [](const std::unique_ptr<Waiting> &w) {
        return !w->socket || w->socket->state() != QAbstractSocket::ConnectedState;
    });
    updateCounts();
}

void SimulatorHttpServer::updateCounts()
{
    m_pendingCount.store(int(m_due.size()), std::memory_order_relaxed);
    m_heldCount.store(int(m_held.size()), std::memory_order_relaxed);
}

} // namespace herald
