#pragma once

#include <QByteArray>
#include <QString>

#include <utility>

namespace herald {

// A Graph API error as Meta sends it: {"error":{"message","type","code","error_data",
// "error_subcode","is_transient","fbtrace_id"}}. Optional members are left out when unset,
// the way real responses vary, so clients are exercised against both shapes.
struct SimGraphError
{
    SimGraphError() = default;
    SimGraphError(int http, int graphCode, QString text, QString errorType = QStringLiteral("OAuthException"))
        : httpStatus(http)
        , code(graphCode)
        , message(std::move(text))
        , type(std::move(errorType))
    {}

    int httpStatus = 400;
    int code = 100;
    QString message;
    QString type = QStringLiteral("OAuthException");
    QString details; // error_data.details; empty leaves error_data out
    int subcode = 0; // 0 leaves error_subcode out
    bool transient = false;

    QByteArray toJson() const;

    static SimGraphError requiredParameter(const QString &name);
    static SimGraphError invalidParameter(const QString &details);
    static SimGraphError paramMustBeOneOf(const QString &name, const QString &choices, const QString &got);
    static SimGraphError missingToken();
    static SimGraphError invalidToken();
    static SimGraphError expiredToken();
    static SimGraphError unknownPath(const QString &path);
    static SimGraphError unsupportedRequest(const QString &method, const QString &objectId);
    static SimGraphError permissionDenied();      // 10, HTTP 403: the token lacks a permission
    static SimGraphError throughputReached();     // 130429, exactly as documented in CLOUD_API.md
    static SimGraphError pairRateLimit();         // 131056
    static SimGraphError numberRefused(int code); // 368 or 131048: this number may not send now
    static SimGraphError unexpected500();         // code 2 with HTTP 500
    static SimGraphError unavailable503();        // code 2 with HTTP 503
    static SimGraphError somethingWentWrong();    // 131000
    static SimGraphError templateMissing(const QString &name, const QString &language); // 132001
    static SimGraphError templatePaused();                                              // 132015
    static SimGraphError templateDisabled();                                            // 132016
    static SimGraphError parameterCountMismatch(int got, int expected);                 // 132000

    // 23 characters from Graph's alphabet, unique within the process.
    static QString newTraceId();

    // A proxy's error page, not JSON: what a client gets when something in front of Graph fails.
    static QByteArray htmlErrorPage();
};

} // namespace herald
