#pragma once

#include "DeliveryCommitter.h"
#include "HttpRequestReader.h"
#include "db/DatabaseConfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QThread>

#include <chrono>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace herald {

struct HttpRequest;

// `herald-cli webhooks serve`: Meta's webhook callbacks over HTTP/1.1 (or HTTPS given a
// certificate), on its own small reader (HttpRequestReader) on QTcpServer, so every limit is
// enforced before anything is buffered.
//
// At `path` (/webhook): GET is the subscription handshake (hub.mode=subscribe and
// hub.verify_token equal, in constant time, to the configured token: answer hub.challenge;
// anything else 403). POST must carry X-Hub-Signature-256 over the raw body with the app
// secret (checked before the body is parsed: missing 401, wrong 403, nothing stored), be
// application/json (415) and a readable notification (400). Its status callbacks go to the
// DeliveryCommitter on the database thread; the answer is 200 only once they are committed
// (503 when the database refused them, so Meta sends them again). Other paths are 404, other
// methods 405. Open connections are capped (503 beyond); a request must arrive whole within
// `requestTimeout` (408) and an idle connection is closed after `idleTimeout`.
class WebhookReceiver : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray appSecret;
        QByteArray verifyToken;
        QByteArray path = "/webhook";
        HttpRequestReader::Limits limits;
        int maxConnections = 256;
        std::chrono::milliseconds requestTimeout{30'000};
        std::chrono::milliseconds idleTimeout{75'000};
        DeliveryCommitter::Options commit;
        std::optional<QSslConfiguration> tls; // certificate and key: HTTPS
    };

    struct Stats
    {
        qint64 requests = 0; // complete requests answered
        qint64 accepted = 0; // POSTs answered 200
        qint64 refused = 0;  // answered 4xx
        qint64 failed = 0;   // answered 5xx
        qint64 statuses = 0; // status callbacks committed
    };

    WebhookReceiver(const DatabaseConfig &config, const Options &options, QObject *parent = nullptr);
    ~WebhookReceiver() override;

    enum class StartResult { Started, BadOptions, DatabaseFailed, ListenFailed };
    // Opens the database on the committer's thread, then listens; otherwise why not in `problem`.
    StartResult start(const QHostAddress &address, quint16 port, QString *problem);
    quint16 port() const;
    QString url() const;
    const Stats &stats() const { return m_stats; }

    // Stops accepting connections; requests being read or committed are finished and answered
    // (with Connection: close), idle connections closed; drained() follows when none is left.
    void drain();

Q_SIGNALS:
    void drained();
    // A request refused or failed, for the log.
    void problem(const QString &peer, int status, const QString &why);

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QByteArray buffer;
        HttpRequestReader reader;
        bool busy = false;            // a POST waiting for its commit
        bool closeAfter = false;      // answer with Connection: close
        QElapsedTimer requestStarted; // valid while a request is partly read
        QElapsedTimer idleSince;
    };

    void acceptPending();
    void onReadyRead(QTcpSocket *socket);
    void process(Connection &c);
    void handle(Connection &c, const HttpRequest &request);
    void handleGet(Connection &c, const HttpRequest &request);
    void handlePost(Connection &c, const HttpRequest &request);
    void respond(Connection &c, int status, const QByteArray &body, const QByteArray &extraHeaders = {});
    void refuse(Connection &c, int status, const QString &why);
    void onCommitted(const QList<quint64> &ids, qint64 statuses);
    void onFailed(const QList<quint64> &ids, const QString &why);
    void sweep();
    void drop(QTcpSocket *socket);
    void checkDrained();
    QString peerOf(const Connection &c) const;

    DatabaseConfig m_config;
    Options m_options;
    QTcpServer *m_server = nullptr;
    QTimer *m_sweep = nullptr;
    QThread m_thread;
    DeliveryCommitter *m_committer = nullptr;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<quint64, QPointer<QTcpSocket>> m_inflight;
    quint64 m_nextId = 0;
    bool m_draining = false;
    bool m_drainedSent = false;
    Stats m_stats;
};

} // namespace herald
