#pragma once

#include <QByteArray>
#include <QIODevice>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace herald {

// A request body that can be read once and never rewound.
//
// Qt's HTTP/1.1 client sends a request again on a new connection when its connection closes
// before any byte of the answer (QHttpNetworkConnectionChannel retries up to twice, silently).
// For a message that Meta accepted just before the connection dropped, that second POST is a
// second message to the same person. There is no switch for it in Qt 6.4, but every resend
// first rewinds the upload device, and a resend whose device refuses to rewind is abandoned
// with QNetworkReply::ContentReSendError. Posting through this device (unbuffered, with a
// Content-Length) therefore turns the silent resend into an error the sender records as "no
// response" — at most one POST per explicit attempt. HTTP/2 does not resend at all.
class SendOnceBody final : public QIODevice
{
    Q_OBJECT

public:
    explicit SendOnceBody(QByteArray body, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 size() const override { return m_body.size(); }
    qint64 bytesAvailable() const override;
    // The point of the class: once any byte was handed to Qt it may have gone out, so the body
    // cannot be sent again. Before that, nothing of the message can have reached the server.
    bool reset() override { return m_read == 0; }
    bool seek(qint64) override { return false; }

    // POSTs `body` through `manager` so that Qt can send it at most once.
    static QNetworkReply *post(QNetworkAccessManager &manager, QNetworkRequest request,
                               const QByteArray &body);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_body;
    qint64 m_read = 0;
};

} // namespace herald
