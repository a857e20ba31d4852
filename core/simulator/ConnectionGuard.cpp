#include "simulator/ConnectionGuard.h"

#include "simulator/SimGraphError.h"
#include "simulator/SimulatorState.h"

#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace herald {

using namespace Qt::StringLiterals;

namespace {

constexpr int kLingerMs = 5000;

QByteArray graphError(int http, int code, const QString &message)
{
    return SimGraphError(http, code, message).toJson();
}

// The Content-Length of a header block, -1 when absent; chunked is reported through *chunked.
qint64 contentLength(const QByteArray &head, bool *chunked)
{
    *chunked = false;
    qint64 length = -1;
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            length = ok && v >= 0 ? v : std::numeric_limits<qint64>::max();
        } else if (name == "transfer-encoding" && value.toLower().contains("chunked")) {
            *chunked = true;
        }
    }
    return length;
}

} // namespace

GuardedTcpServer::GuardedTcpServer(SimulatorState &state, QObject *parent)
    : QTcpServer(parent)
    , m_state(state)
{}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const auto config = m_state.config();
    const quint64 ordinal = m_state.nextConnectionOrdinal();
    std::atomic<int> &open = m_state.openConnections();
    if (open.load(std::memory_order_relaxed) >= config->maxConnections) {
        m_state.log().countEvent(RequestLog::eventTooManyConnections());
        RequestGuard::refuse(socket, 503, "Service Unavailable",
                             graphError(503, 2,
                                        u"Too many open connections (at most %1); try again later"_s.arg(
                                            config->maxConnections)));
        return;
    }
    open.fetch_add(1, std::memory_order_relaxed);
    connect(socket, &QObject::destroyed, socket, [&open] { open.fetch_sub(1, std::memory_order_relaxed); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (config->silentConnectionEvery > 0 && ordinal % quint64(config->silentConnectionEvery) == 0) {
        // Never handed to the HTTP server: nothing reads the client's bytes or answers them,
        // and the socket stays until the client gives up (or the simulator stops).
        m_state.log().countEvent(RequestLog::eventSilentConnection());
        return;
    }
    new RequestGuard(m_state, socket);
    addPendingConnection(socket);
}

RequestGuard::RequestGuard(SimulatorState &state, QTcpSocket *socket)
    : QObject(socket)
    , m_state(state)
    , m_socket(socket)
{
    connect(socket, &QTcpSocket::readyRead, this, &RequestGuard::inspect);
}

void RequestGuard::inspect()
{
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    qsizetype pos = 0;
    while (pos < data.size()) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, data.size() - pos);
            m_bodyLeft -= take;
            pos += qsizetype(take);
            continue;
        }
        const auto config = m_state.config();
        if (m_head.isEmpty() && pos == 0 && config->resetBeforeReadEvery > 0 &&
            m_state.nextRequestOrdinal() % quint64(config->resetBeforeReadEvery) == 0) {
            m_state.log().countEvent(RequestLog::eventResetBeforeRead());
            resetNow();
            return;
        }
        const qsizetype before = m_head.size();
        m_head.append(data.constData() + pos, std::min<qsizetype>(data.size() - pos, MaxHeaderBytes + 4));
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > MaxHeaderBytes) {
                m_state.log().countEvent(RequestLog::eventHeadersTooLarge());
                refuse(m_socket, 431, "Request Header Fields Too Large",
                       graphError(431, 100,
                                  u"The request's headers are larger than %1 bytes"_s.arg(MaxHeaderBytes)));
                return;
            }
            return; // the rest of the headers is still to come
        }
        pos += end + 4 - before;
        bool chunked = false;
        const qint64 length = contentLength(m_head.left(end), &chunked);
        m_head.clear();
        if (chunked) {
            m_state.log().countEvent(RequestLog::eventRequestTooLarge());
            refuse(m_socket, 411, "Length Required",
                   graphError(411, 100, u"Send the request body with a Content-Length, not chunked"_s));
            return;
        }
        if (length > config->maxRequestBytes) {
            m_state.log().countEvent(RequestLog::eventRequestTooLarge());
            refuse(m_socket, 413, "Payload Too Large",
                   graphError(
                       413, 100,
                       u"The request body of %1 bytes is larger than the %2 bytes allowed"_s.arg(length).arg(
                           config->maxRequestBytes)));
            return;
        }
        m_bodyLeft = std::max<qint64>(0, length);
    }
}

void RequestGuard::resetNow()
{
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const linger hard{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
#endif
    m_socket->abort();
}

void RequestGuard::refuse(QTcpSocket *socket, int status, const QByteArray &reasonPhrase,
                          const QByteArray &json)
{
    // Whoever else listens (the HTTP server's parser) must not see a byte more.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase +
                        "\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: " +
                        QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json;
    socket->write(answer);
    const qintptr fd = socket->socketDescriptor();
    auto halfClose = [socket, fd] {
        if (socket->bytesToWrite() > 0)
            return;
#ifdef Q_OS_UNIX
        ::shutdown(int(fd), SHUT_WR); // FIN after the answer; the client's bytes are still drained
#else
        Q_UNUSED(fd)
        socket->disconnectFromHost();
#endif
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, halfClose);
    QObject::connect(socket, &QTcpSocket::readyRead, socket,
                     [socket] { socket->skip(socket->bytesAvailable()); });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    socket->flush();
    halfClose();
}

} // namespace herald
