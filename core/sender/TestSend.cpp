#include "sender/TestSend.h"

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/ReplyBodyLimit.h"
#include "sender/SendOnceBody.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <memory>

namespace herald {

TestSend::TestSend(const ApiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<TestSendResult>();
}

void TestSend::send(const QByteArray &body)
{
    QNetworkRequest request = ApiRequests(m_settings).make(m_settings.messagesUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = SendOnceBody::post(*m_network, request, body);
    ReplyBodyLimit::apply(reply, ApiResponse::MaxBodyBytes);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        TransportInfo transport;
        transport.error = reply->error();
        transport.responseStarted = status.isValid();
        transport.requestSent =
            transport.responseStarted || !ErrorPolicy::failsBeforeSending(transport.error);
        transport.errorString = reply->errorString();
        const ApiResponse response =
            ReplyBodyLimit::exceeded(reply) > 0
                ? ApiResponse::oversized(status.toInt(), ReplyBodyLimit::exceeded(reply), transport,
                                         m_settings.redactor())
                : ApiResponse::parse(status.toInt(), reply->readAll(), transport, m_settings.redactor());
        TestSendResult r;
        r.decision = ErrorPolicy::classify(response);
        r.accepted = r.decision.action == ErrorAction::Sent;
        r.wamid = response.wamid;
        r.details = r.accepted ? QString() : response.summary();
        Q_EMIT finished(r);
    });
}

} // namespace herald
