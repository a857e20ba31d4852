#pragma once

#include <QtGlobal>

class QNetworkReply;

namespace herald {

// Qt buffers a reply's whole body unless told otherwise, so a server (or something posing as
// one) answering gigabytes would take the memory. Every Graph request goes through this: the
// reply is aborted on the first chunk past `maxBytes` (received, or announced by
// Content-Length), and `exceeded()` then tells how many bytes were refused.
class ReplyBodyLimit
{
public:
    static void apply(QNetworkReply *reply, qint64 maxBytes);
    // 0 while the reply stayed within its bound; else the bytes received or announced.
    static qint64 exceeded(const QNetworkReply *reply);
};

} // namespace herald
