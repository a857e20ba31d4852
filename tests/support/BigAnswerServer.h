#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <memory>

namespace herald::test {

// A loopback HTTP server that answers every request with 200 and a JSON body of `bodyBytes`,
// announced by Content-Length or sent chunked without one: what a server (or something posing
// as Graph) that answers far more than Graph ever does looks like to Herald's client.
class BigAnswerServer : public QObject
{
public:
    enum class Framing { ContentLength, Chunked };

    BigAnswerServer(qint64 bodyBytes, Framing framing)
        : m_bodyBytes(bodyBytes)
        , m_framing(framing)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] { answer(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool start() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    // Bytes of body written before the client went away (or all of them).
    qint64 bodyBytesWritten() const { return m_written.load(); }

private:
    void answer(QTcpSocket *s)
    {
        const QByteArray request = s->property("request").toByteArray() + s->readAll();
        s->setProperty("request", request);
        if (!request.contains("\r\n\r\n") || s->property("answered").toBool()) {
            return;
        }
        s->setProperty("answered", true);
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n";
        head += m_framing == Framing::ContentLength
                    ? "Content-Length: " + QByteArray::number(m_bodyBytes) + "\r\n"
                    : QByteArray("Transfer-Encoding: chunked\r\n");
        s->write(head + "\r\n");
        // Written in pieces as the socket drains, like a real server streaming a body.
        const QByteArray piece = "{\"id\":\"1\",\"pad\":\"" + QByteArray(64 * 1024, 'x');
        auto pump = [this, s, piece] {
            while (m_written < m_bodyBytes && s->bytesToWrite() < 256 * 1024 &&
                   s->state() == QAbstractSocket::ConnectedState) {
                const QByteArray chunk =
                    piece.left(int(std::min<qint64>(piece.size(), m_bodyBytes - m_written)));
                if (m_framing == Framing::Chunked) {
                    s->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
                } else {
                    s->write(chunk);
                }
                m_written += chunk.size();
            }
            if (m_written >= m_bodyBytes && m_framing == Framing::Chunked && !s->property("ended").toBool()) {
                s->setProperty("ended", true);
                s->write("0\r\n\r\n");
            }
        };
        connect(s, &QTcpSocket::bytesWritten, s, pump);
        pump();
    }

    QTcpServer m_server;
    qint64 m_bodyBytes;
    Framing m_framing;
    std::atomic<qint64> m_written = 0;
};

// The server on a thread of its own, as a remote server is: the client's thread then sees
// the answer arrive while the server keeps writing, instead of taking turns with it.
class BigAnswerServerThread : public QThread
{
public:
    BigAnswerServerThread(qint64 bodyBytes, BigAnswerServer::Framing framing)
        : m_bodyBytes(bodyBytes)
        , m_framing(framing)
    {}
    ~BigAnswerServerThread() override
    {
        quit();
        wait();
    }
    bool startServer()
    {
        start();
        m_ready.acquire();
        return m_server != nullptr;
    }
    QString baseUrl() const { return m_baseUrl; }
    qint64 bodyBytesWritten() const
    {
        const BigAnswerServer *s = m_server.load();
        return s ? s->bodyBytesWritten() : 0;
    }

protected:
    void run() override
    {
        auto server = std::make_unique<BigAnswerServer>(m_bodyBytes, m_framing);
        if (server->start()) {
            m_baseUrl = server->baseUrl();
            m_server = server.get();
        }
        m_ready.release();
        exec();
        m_server = nullptr;
    }

private:
    qint64 m_bodyBytes;
    BigAnswerServer::Framing m_framing;
    QSemaphore m_ready;
    QString m_baseUrl;
    std::atomic<BigAnswerServer *> m_server = nullptr;
};

} // namespace herald::test
