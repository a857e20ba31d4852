#pragma once

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

namespace herald {

// The parts of an HTTP request the simulator's endpoints look at, copied out of
// QHttpServerRequest (which QHttpServer reuses for the next request on the connection).
struct SimRequest
{
    enum class Method { Get, Post, Other };

    Method method = Method::Other;
    QByteArray methodName;
    QString path;
    QUrlQuery query;
    QByteArray authorization;
    QByteArray body;
    int instance = 0;
    qint64 receivedNs = 0; // steady clock
};

} // namespace herald
