#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace herald {

// One HTTP/1.x request as the webhook receiver acts on it.
struct HttpRequest
{
    QByteArray method;                     // "GET", "POST", …
    QByteArray path;                       // the target without its query, still percent-encoded
    QByteArray query;                      // after '?', still percent-encoded
    QHash<QByteArray, QByteArray> headers; // names in lower case; a repeated header keeps the last
    QByteArray body;
    bool keepAlive = true; // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

// Reads HTTP/1.1 requests from a connection's bytes with hard bounds, so that nothing a client
// sends makes the receiver buffer more than it allows: the request line and headers are
// limited, a body larger than the limit is refused from its Content-Length before a byte of
// it is read, and a chunked body is refused as soon as its chunks pass the limit. Qt
// HttpServer 6.4 buffers whole bodies without a limit, which is why the receiver has its own.
//
// feed() takes the bytes read so far (it removes those of a complete request) and says
// whether a request is ready, more bytes are needed, or the request is refused with an HTTP
// status (after which the connection must be closed: its framing can no longer be trusted).
class HttpRequestReader
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 16 * 1024; // request line and headers together
        qsizetype maxHeaders = 64;
        qsizetype maxBodyBytes = 4 * 1024 * 1024; // WebhookPayload's limit; Meta stays under 3 MB
    };

    enum class State { NeedMore, Ready, Refused };

    HttpRequestReader() = default;
    explicit HttpRequestReader(const Limits &limits)
        : m_limits(limits)
    {}

    State feed(QByteArray &buffer);

    // Ready: the request (the reader starts on the next one).
    HttpRequest take();
    // Refused: the status to answer and why, in words for a log.
    int refusalStatus() const { return m_refusalStatus; }
    const QString &refusalReason() const { return m_refusalReason; }
    // The headers are read, the client asked "Expect: 100-continue" and nothing refused the
    // request yet: the caller should answer "100 Continue" once (then call clearContinue()).
    bool wantsContinue() const { return m_wantsContinue; }
    void clearContinue() { m_wantsContinue = false; }
    // Whether part of a request has been read (a connection closing now loses it).
    bool midRequest() const { return m_haveHead; }

private:
    State refuse(int status, const QString &reason);
    State parseHead(QByteArray &buffer, qsizetype headEnd);
    State readChunked(QByteArray &buffer);

    Limits m_limits;
    HttpRequest m_request;
    bool m_haveHead = false;
    bool m_chunked = false;
    qsizetype m_contentLength = 0;
    bool m_wantsContinue = false;
    int m_refusalStatus = 0;
    QString m_refusalReason;
};

} // namespace herald
