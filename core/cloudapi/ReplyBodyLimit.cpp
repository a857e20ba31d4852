#include "ReplyBodyLimit.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace herald {

namespace {
constexpr const char *kExceededProperty = "herald_body_exceeded";
// The read buffer holds this much past the bound, so that a paused download has always
// shown a byte past it (Qt may pause a little short of the buffer's size).
constexpr qint64 kSlackBytes = 256 * 1024;
} // namespace

void ReplyBodyLimit::apply(QNetworkReply *reply, qint64 maxBytes)
{
    const auto check = [reply, maxBytes](qint64 bytes) {
        if (bytes <= maxBytes || exceeded(reply) > 0) {
            return;
        }
        reply->setProperty(kExceededProperty, bytes);
        // Queued: aborting inside the reply's own signal, while Qt holds its download paused
        // on the full read buffer, left the reply unfinished in Qt 6.4.
        QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
    };
    // An announced length is refused as soon as the headers are in, before any of the body.
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, check] {
        check(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [check](qint64 received, qint64 total) { check(std::max(received, total)); });
    // Without a read buffer size Qt's network thread reads a body without a length as fast as
    // it arrives, whatever this thread does; with one it stops once the buffer is full (past the
    // bound), and the check above sees it.
    QObject::connect(reply, &QIODevice::readyRead, reply, [reply, check] { check(reply->bytesAvailable()); });
    reply->setReadBufferSize(maxBytes + kSlackBytes);
}

qint64 ReplyBodyLimit::exceeded(const QNetworkReply *reply)
{
    return reply->property(kExceededProperty).toLongLong();
}

} // namespace herald
