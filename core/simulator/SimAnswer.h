#pragma once

#include "simulator/SimGraphError.h"

#include <QByteArray>

#include <utility>

namespace herald {

// What to do with a request: answer (possibly later), hold it unanswered, reset the connection,
// (possibly later) close it gracefully without a byte of the answer, or write the status line,
// the headers (announcing the whole body) and half of the body, then close (Truncate).
struct SimAnswer
{
    enum class Action { Respond, Hold, Reset, Close, Truncate };

    Action action = Action::Respond;
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QByteArray wwwAuthenticate;
    qint64 delayMs = 0;

    static SimAnswer json(int status, QByteArray body)
    {
        return respond(status, QByteArrayLiteral("application/json; charset=UTF-8"), std::move(body));
    }
    static SimAnswer html(int status, QByteArray body)
    {
        return respond(status, QByteArrayLiteral("text/html; charset=\"utf-8\""), std::move(body));
    }
    static SimAnswer error(const SimGraphError &e)
    {
        SimAnswer a = json(e.httpStatus, e.toJson());
        if (e.httpStatus == 401)
            a.wwwAuthenticate = QByteArrayLiteral("OAuth \"Facebook Platform\" \"invalid_token\" \"") +
                                e.message.toUtf8().replace('"', '\'') + '"';
        return a;
    }
    static SimAnswer hold() { return withAction(Action::Hold); }
    static SimAnswer reset() { return withAction(Action::Reset); }
    static SimAnswer closeWithoutAnswer() { return withAction(Action::Close); }
    static SimAnswer truncated(int status, QByteArray body)
    {
        SimAnswer a = json(status, std::move(body));
        a.action = Action::Truncate;
        return a;
    }

private:
    static SimAnswer respond(int status, QByteArray contentType, QByteArray body)
    {
        SimAnswer a;
        a.status = status;
        a.contentType = std::move(contentType);
        a.body = std::move(body);
        return a;
    }
    static SimAnswer withAction(Action action)
    {
        SimAnswer a;
        a.action = action;
        return a;
    }
};

} // namespace herald
