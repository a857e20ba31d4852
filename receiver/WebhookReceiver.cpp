#include "WebhookReceiver.h"

#include "webhook/WebhookPayload.h"
#include "webhook/WebhookSignature.h"

#include <QCoreApplication>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

// A challenge Meta sends is a short number; anything long or with line breaks is not echoed.
constexpr qsizetype MaxChallengeLength = 1024;

} // namespace

WebhookReceiver::WebhookReceiver(const DatabaseConfig &config, const Options &options, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_options(options)
{
    m_thread.setObjectName(u"webhook-db"_s);
}

WebhookReceiver::~WebhookReceiver()
{
    if (m_server) {
        m_server->close();
    }
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->socket) {
            it->socket->disconnect(this);
            it->socket->abort();
            it->socket->deleteLater();
        }
    }
    m_connections.clear();
    if (m_committer) {
        m_committer->disconnect(this);
        if (m_thread.isRunning()) {
            QMetaObject::invokeMethod(
                m_committer, [c = m_committer] { c->close(); }, Qt::BlockingQueuedConnection);
            m_thread.quit();
            m_thread.wait();
        }
        delete m_committer;
    }
}

WebhookReceiver::StartResult WebhookReceiver::start(const QHostAddress &address, quint16 port,
                                                    QString *problem)
{
    if (m_committer) {
        *problem = tr("the receiver was started already");
        return StartResult::BadOptions;
    }
    if (m_options.appSecret.isEmpty() || m_options.verifyToken.isEmpty()) {
        *problem = tr("the app secret and the verify token are both needed");
        return StartResult::BadOptions;
    }
    m_committer = new DeliveryCommitter(m_config, m_options.commit);
    m_committer->moveToThread(&m_thread);
    connect(m_committer, &DeliveryCommitter::committed, this, &WebhookReceiver::onCommitted);
    connect(m_committer, &DeliveryCommitter::failed, this, &WebhookReceiver::onFailed);
    m_thread.start();
    bool opened = false;
    QMetaObject::invokeMethod(
        m_committer, [&] { opened = m_committer->open(problem); }, Qt::BlockingQueuedConnection);
    if (!opened) {
        return StartResult::DatabaseFailed;
    }

    if (m_options.tls) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*m_options.tls);
        ssl->setHandshakeTimeout(int(m_options.requestTimeout.count()));
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(64);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &WebhookReceiver::acceptPending);
    if (!m_server->listen(address, port)) {
        *problem = tr("cannot listen on %1 port %2: %3")
                       .arg(address.toString())
                       .arg(port)
                       .arg(m_server->errorString());
        return StartResult::ListenFailed;
    }
    m_sweep = new QTimer(this);
    connect(m_sweep, &QTimer::timeout, this, &WebhookReceiver::sweep);
    m_sweep->start(std::chrono::milliseconds(500));
    return StartResult::Started;
}

quint16 WebhookReceiver::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString WebhookReceiver::url() const
{
    if (!m_server) {
        return {};
    }
    const QHostAddress a = m_server->serverAddress();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
                             ? QString(u"["_s + a.toString() + u"]"_s)
                             : a.toString();
    return (m_options.tls ? u"https://"_s : u"http://"_s) + host + u':' + QString::number(port()) +
           QString::fromLatin1(m_options.path);
}

void WebhookReceiver::acceptPending()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_draining || m_connections.size() >= m_options.maxConnections) {
            // Answered at once and closed: the client may try again shortly.
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
                          "Connection: close\r\n\r\n");
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            ++m_stats.failed;
            continue;
        }
        // Qt's own buffer stays small: a client sending faster than requests are handled waits
        // in TCP instead of in memory.
        socket->setReadBufferSize(64 * 1024);
        Connection c;
        c.socket = socket;
        c.reader = HttpRequestReader(m_options.limits);
        c.idleSince.start();
        m_connections.insert(socket, c);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        // Queued: a Connection is never removed while a caller still holds it.
        connect(
            socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); }, Qt::QueuedConnection);
        if (socket->bytesAvailable() > 0) {
            onReadyRead(socket);
        }
    }
}

void WebhookReceiver::drop(QTcpSocket *socket)
{
    m_connections.remove(socket);
    socket->deleteLater();
    checkDrained();
}

QString WebhookReceiver::peerOf(const Connection &c) const
{
    return c.socket ? c.socket->peerAddress().toString() : QString();
}

void WebhookReceiver::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    process(*it);
}

void WebhookReceiver::process(Connection &c)
{
    while (c.socket && !c.busy && !c.closeAfter) {
        // Read only as much as one request may need; the rest waits in the socket.
        const qsizetype room =
            m_options.limits.maxBodyBytes + m_options.limits.maxHeaderBytes + 64 * 1024 - c.buffer.size();
        if (room > 0 && c.socket->bytesAvailable() > 0) {
            c.buffer += c.socket->read(room);
        }
        if (c.buffer.isEmpty()) {
            return;
        }
        if (!c.requestStarted.isValid()) {
            c.requestStarted.start();
        }
        const HttpRequestReader::State state = c.reader.feed(c.buffer);
        if (c.reader.wantsContinue()) {
            c.reader.clearContinue();
            c.socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        if (state == HttpRequestReader::State::NeedMore) {
            return;
        }
        if (state == HttpRequestReader::State::Refused) {
            // The framing cannot be trusted any more: answer and close.
            c.closeAfter = true;
            refuse(c, c.reader.refusalStatus(), c.reader.refusalReason());
            return;
        }
        const HttpRequest request = c.reader.take();
        c.requestStarted.invalidate();
        if (!request.keepAlive || m_draining) {
            c.closeAfter = true;
        }
        handle(c, request);
    }
}

void WebhookReceiver::handle(Connection &c, const HttpRequest &request)
{
    ++m_stats.requests;
    if (request.path != m_options.path) {
        refuse(c, 404, tr("no such path"));
        return;
    }
    if (request.method == "GET") {
        handleGet(c, request);
    } else if (request.method == "POST") {
        handlePost(c, request);
    } else {
        c.closeAfter = c.closeAfter || request.header("content-length").toLongLong() > 0 ||
                       request.headers.contains("transfer-encoding");
        respond(c, 405, tr("only GET and POST").toUtf8() + '\n', "Allow: GET, POST\r\n");
        ++m_stats.refused;
    }
}

void WebhookReceiver::handleGet(Connection &c, const HttpRequest &request)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString mode = query.queryItemValue(u"hub.mode"_s, QUrl::FullyDecoded);
    const QByteArray token = query.queryItemValue(u"hub.verify_token"_s, QUrl::FullyDecoded).toUtf8();
    const QByteArray challenge = query.queryItemValue(u"hub.challenge"_s, QUrl::FullyDecoded).toUtf8();
    const bool tokenOk = WebhookSignature::verifyTokenMatches(token, m_options.verifyToken);
    if (mode != "subscribe"_L1 || !tokenOk || challenge.isEmpty() || challenge.size() > MaxChallengeLength ||
        challenge.contains('\r') || challenge.contains('\n')) {
        refuse(c, 403,
               tokenOk ? tr("verification request without subscribe mode or challenge")
                       : tr("verification request with a wrong verify token"));
        return;
    }
    respond(c, 200, challenge);
}

void WebhookReceiver::handlePost(Connection &c, const HttpRequest &request)
{
    const WebhookSignature::Result sig =
        WebhookSignature::verify(request.body, request.header("x-hub-signature-256"), m_options.appSecret);
    if (sig != WebhookSignature::Result::Valid) {
        const int status = sig == WebhookSignature::Result::Missing    ? 401
                           : sig == WebhookSignature::Result::NoSecret ? 500
                                                                       : 403;
        refuse(c, status, WebhookSignature::explain(sig));
        return;
    }
    const QByteArray mediaType = request.header("content-type").split(';').front().trimmed().toLower();
    if (mediaType != "application/json") {
        refuse(c, 415, tr("the body is not application/json"));
        return;
    }
    WebhookPayload::Limits limits;
    limits.maxBodyBytes = m_options.limits.maxBodyBytes;
    const WebhookPayload payload = WebhookPayload::parse(request.body, limits);
    if (!payload.ok()) {
        refuse(c, 400, payload.refusal);
        return;
    }
    const WebhookWork work{payload.statuses, payload.messages, payload.templateEvents, payload.unknown};
    if (work.size() == 0) {
        // Nothing to store (an empty notification): acknowledged so that Meta does not send it again.
        ++m_stats.accepted;
        respond(c, 200, {});
        return;
    }
    const quint64 id = ++m_nextId;
    c.busy = true;
    m_inflight.insert(id, c.socket);
    m_committer->submit(id, work);
}

void WebhookReceiver::onCommitted(const QList<quint64> &ids, qint64 statuses)
{
    m_stats.statuses += statuses;
    for (const quint64 id : ids) {
        const QPointer<QTcpSocket> socket = m_inflight.take(id);
        auto it = socket ? m_connections.find(socket.data()) : m_connections.end();
        ++m_stats.accepted;
        if (it == m_connections.end()) {
            continue; // the client left; what it sent is committed all the same
        }
        it->busy = false;
        respond(*it, 200, {});
        process(*it);
    }
    checkDrained();
}

void WebhookReceiver::onFailed(const QList<quint64> &ids, const QString &why)
{
    for (const quint64 id : ids) {
        const QPointer<QTcpSocket> socket = m_inflight.take(id);
        auto it = socket ? m_connections.find(socket.data()) : m_connections.end();
        if (it == m_connections.end()) {
            ++m_stats.failed;
            Q_EMIT problem(QString(), 503, why);
            continue;
        }
        it->busy = false;
        refuse(*it, 503, tr("the callbacks could not be stored: %1").arg(why));
        process(*it);
    }
    checkDrained();
}

void WebhookReceiver::refuse(Connection &c, int status, const QString &why)
{
    if (status >= 500) {
        ++m_stats.failed;
    } else {
        ++m_stats.refused;
    }
    Q_EMIT problem(peerOf(c), status, why);
    const QByteArray extra = status == 503 ? QByteArray("Retry-After: 5\r\n") : QByteArray();
    respond(c, status, reasonPhrase(status) + '\n', extra);
}

void WebhookReceiver::respond(Connection &c, int status, const QByteArray &body,
                              const QByteArray &extraHeaders)
{
    if (!c.socket) {
        return;
    }
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n" + extraHeaders;
    head += c.closeAfter ? "Connection: close\r\n\r\n" : "\r\n";
    c.socket->write(head + body);
    c.idleSince.start();
    if (c.closeAfter) {
        c.socket->disconnectFromHost();
    }
}

void WebhookReceiver::sweep()
{
    QList<QTcpSocket *> late;
    QList<QTcpSocket *> idle;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->busy || it->closeAfter) {
            continue;
        }
        const bool partial = it->reader.midRequest() || !it->buffer.isEmpty();
        if (partial && it->requestStarted.isValid() &&
            std::chrono::milliseconds(it->requestStarted.elapsed()) > m_options.requestTimeout) {
            late << it.key();
        } else if (!partial && (m_draining ||
                                std::chrono::milliseconds(it->idleSince.elapsed()) > m_options.idleTimeout)) {
            idle << it.key();
        }
    }
    for (QTcpSocket *s : std::as_const(late)) {
        auto it = m_connections.find(s);
        it->closeAfter = true;
        refuse(*it, 408, tr("the request did not arrive in time"));
    }
    for (QTcpSocket *s : std::as_const(idle)) {
        s->disconnectFromHost();
    }
}

void WebhookReceiver::drain()
{
    m_draining = true;
    if (m_server) {
        m_server->close();
    }
    QList<QTcpSocket *> idle;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->busy) {
            it->closeAfter = true; // answered once committed, then closed
        } else if (!it->reader.midRequest() && it->buffer.isEmpty()) {
            idle << it.key();
        }
    }
    for (QTcpSocket *s : std::as_const(idle)) {
        s->disconnectFromHost();
    }
    checkDrained();
}

void WebhookReceiver::checkDrained()
{
    if (m_draining && !m_drainedSent && m_connections.isEmpty() && m_inflight.isEmpty()) {
        m_drainedSent = true;
        QMetaObject::invokeMethod(this, &WebhookReceiver::drained, Qt::QueuedConnection);
    }
}

} // namespace herald
