#pragma once

#include "cloudapi/Redactor.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>

#include <optional>

namespace herald {

// What the network layer knew when a request ended. Filled by the sender from QNetworkReply.
struct TransportInfo
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    // The whole request body had been handed to the socket (uploadProgress reached the total).
    // Defaults to true: a sender that cannot tell must assume Meta may have the message, so
    // that an unclear failure is never silently re-sent.
    bool requestSent = true;
    // Any byte of the response (status line included) had arrived.
    bool responseStarted = false;
    QString errorString; // Qt's text; may contain the URL, so it is redacted by the parser

    // What a finished reply knew. Only errors that happen before a connection exists prove the
    // request never went out; anything else (timeout, reset, cancel, a network switch) may have
    // reached Meta and counts as sent (ErrorPolicy keeps the one list).
    static TransportInfo of(const QNetworkReply &reply);
};

// Meta's error object:
// {"error":{"message","type","code","error_data":{"details"},"error_subcode","fbtrace_id"}}.
struct GraphError
{
    std::optional<int> code; // absent in some proxies' and mocks' bodies
    std::optional<int> subcode;
    QString message;
    QString type;
    QString details; // error_data.details, the part Meta says to build handling on
    QString fbtraceId;
    bool isTransient = false; // is_transient, when present
};

// The outcome of one send request, parsed from (HTTP status, body, transport info) and
// nothing else, so every shape can be tested without a network.
struct ApiResponse
{
    enum class Kind {
        Success,           // 2xx with messages[0].id
        GraphError,        // a Graph error object (any status)
        UnreadableSuccess, // 2xx but no message id: truncated or foreign body
        HttpError,         // a non-2xx status without a usable error object (proxy page, empty body)
        NetworkFailure,    // no usable HTTP answer: see transport
    };

    Kind kind = Kind::NetworkFailure;
    int httpStatus = 0; // 0 when no status line arrived

    QString wamid;         // Success: messages[0].id
    QString messageStatus; // Success: accepted | held_for_quality_assessment | paused (may be empty)
    QString waId;          // Success: contacts[0].wa_id

    GraphError error; // GraphError
    TransportInfo transport;
    QString bodyExcerpt; // first 200 characters of an unusable body, redacted; for diagnostics

    bool isSuccess() const { return kind == Kind::Success; }

    // The most of a response body Herald reads. Graph answers a send in a few hundred bytes;
    // a larger body is not the Graph API's and is not buffered past this.
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;

    // A response abandoned once its body (`bytes` received or announced) passed MaxBodyBytes:
    // a 2xx one is UnreadableSuccess (the message may have been accepted), any other HttpError.
    static ApiResponse oversized(int httpStatus, qint64 bytes, const TransportInfo &transport = {},
                                 const Redactor &redactor = Redactor());

    // Texts that may carry secrets (Graph messages, Qt error strings, body excerpts) pass
    // through `redactor`; the default one still masks anything token-shaped.
    static ApiResponse parse(int httpStatus, const QByteArray &body, const TransportInfo &transport = {},
                             const Redactor &redactor = Redactor());

    // One line for logs and the failed row's details, e.g.
    // "HTTP 400, code 131026: Message undeliverable (fbtrace_id A1b2)"; never contains the token.
    QString summary() const;
};

} // namespace herald
