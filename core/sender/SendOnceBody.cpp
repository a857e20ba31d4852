#include "sender/SendOnceBody.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cstring>

namespace herald {

SendOnceBody::SendOnceBody(QByteArray body, QObject *parent)
    : QIODevice(parent)
    , m_body(std::move(body))
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 SendOnceBody::bytesAvailable() const
{
    return m_body.size() - m_read + QIODevice::bytesAvailable();
}

qint64 SendOnceBody::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_read);
    if (n <= 0) {
        return m_read >= m_body.size() ? -1 : 0;
    }
    std::memcpy(data, m_body.constData() + m_read, size_t(n));
    m_read += n;
    return n;
}

QNetworkReply *SendOnceBody::post(QNetworkAccessManager &manager, QNetworkRequest request,
                                  const QByteArray &body)
{
    // Without both, Qt would first copy the device into a buffer of its own, which it can
    // rewind — and resend.
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    auto *device = new SendOnceBody(body);
    QNetworkReply *reply = manager.post(request, device);
    device->setParent(reply);
    return reply;
}

} // namespace herald
