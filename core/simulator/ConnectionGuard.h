#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace herald {

class SimulatorState;

// The listening side of a simulator instance: decides about each connection before the HTTP
// server sees it. Beyond SimulatorConfig::maxConnections open connections a new one is
// answered 503 and closed; every silentConnectionEvery-th is kept open and never read or
// answered; every other gets a RequestGuard.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    GuardedTcpServer(SimulatorState &state, QObject *parent);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    SimulatorState &m_state;
};

// Watches the bytes of one connection ahead of QHttpServer (its readyRead slot is connected
// first and only peeks), framing requests by their headers and Content-Length. Qt HttpServer
// 6.4 buffers a whole request, however large, before handing it over; the guard refuses an
// oversized body (413) or header block (431) as soon as the headers announce it, and resets
// the connection before a byte of every resetBeforeReadEvery-th request is read.
class RequestGuard final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;

    RequestGuard(SimulatorState &state, QTcpSocket *socket);

    // Writes a complete answer with "Connection: close", stops the HTTP server from reading
    // anything more from the socket, discards what the client still sends and closes once the
    // client has read the answer and hung up (or after a few seconds): closing with unread
    // bytes would send a reset, which can destroy the answer before the client reads it.
    static void refuse(QTcpSocket *socket, int status, const QByteArray &reasonPhrase,
                       const QByteArray &json);

private:
    void inspect();
    void resetNow();

    SimulatorState &m_state;
    QTcpSocket *m_socket;
    QByteArray m_head;     // header bytes of the request being framed
    qint64 m_bodyLeft = 0; // body bytes of the current request still to come
};

} // namespace herald
