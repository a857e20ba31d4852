#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace herald::test {

// One HTTP response as a raw client saw it.
struct HttpReply
{
    int status = 0; // 0: none arrived
    QByteArray head;
    QByteArray body;
    bool closed = false; // the server closed the connection (after the response, if any)

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower()) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
};

// A raw HTTP/1.1 client on a real socket that waits with the event loop running, so a server
// in the same thread keeps answering. Interim "100 Continue" answers are skipped.
class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port)
        : m_socket(std::make_unique<QTcpSocket>())
    {
        m_socket->connectToHost(QHostAddress::LocalHost, port);
        // A refused connection ends the wait early; connected() tells.
        static_cast<void>(QTest::qWaitFor(
            [&] {
                return m_socket->state() != QAbstractSocket::ConnectingState &&
                       m_socket->state() != QAbstractSocket::HostLookupState;
            },
            5000));
    }

    bool connected() const { return m_socket->state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->flush();
    }
    void close() { m_socket->disconnectFromHost(); }

    // Whether a whole response is buffered (non-blocking; reads what has arrived).
    bool poll(HttpReply *reply)
    {
        m_buffer += m_socket->readAll();
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                break;
            }
            const QByteArray head = m_buffer.left(end);
            if (head.startsWith("HTTP/1.1 100")) {
                m_buffer.remove(0, end + 4);
                continue;
            }
            HttpReply r;
            r.head = head;
            r.status = head.mid(9, 3).toInt();
            const qsizetype length = r.header("content-length").toLongLong();
            if (m_buffer.size() < end + 4 + length) {
                break;
            }
            r.body = m_buffer.mid(end + 4, length);
            m_buffer.remove(0, end + 4 + length);
            r.closed = m_socket->state() == QAbstractSocket::UnconnectedState;
            *reply = r;
            return true;
        }
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            reply->closed = true;
            return true; // closed without (another) response
        }
        return false;
    }

    // Waits for the next response or the connection's end.
    HttpReply await(int timeoutMs = 10000)
    {
        HttpReply r;
        QDeadlineTimer deadline(timeoutMs);
        while (!poll(&r) && !deadline.hasExpired()) {
            QTest::qWait(2);
        }
        if (r.status != 0 && r.header("connection").toLower() == "close") {
            static_cast<void>(QTest::qWaitFor(
                [&] { return m_socket->state() == QAbstractSocket::UnconnectedState; }, 3000));
            r.closed = m_socket->state() == QAbstractSocket::UnconnectedState;
        }
        return r;
    }

    HttpReply exchange(const QByteArray &request, int timeoutMs = 10000)
    {
        send(request);
        return await(timeoutMs);
    }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

inline QByteArray postRequest(const QByteArray &body, const QByteArray &signature,
                              const QByteArray &contentType = "application/json",
                              const QByteArray &path = "/webhook")
{
    QByteArray r = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType +
                   "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!signature.isEmpty()) {
        r += "X-Hub-Signature-256: " + signature + "\r\n";
    }
    return r + "\r\n" + body;
}

} // namespace herald::test
