#pragma once

#include <QByteArray>
#include <QString>

namespace herald {

// Checks that a webhook POST comes from Meta: the X-Hub-Signature-256 header carries
// "sha256=<hex>", the HMAC-SHA256 of the raw request body keyed with the app secret. The body
// must be checked before anything parses it, and every comparison runs in constant time (its
// duration does not depend on where the first differing byte is), so that a caller cannot
// find a valid signature byte by byte.
class WebhookSignature
{
public:
    enum class Result {
        Valid,
        NoSecret,  // no app secret configured: nothing can be trusted
        Missing,   // no header, or an empty one
        Malformed, // not "sha256=" and 64 hex digits
        Mismatch,  // well-formed, but not this body under this secret
    };

    static constexpr qsizetype DigestBytes = 32;

    static Result verify(const QByteArray &body, const QByteArray &header, const QByteArray &appSecret);
    // The header value Meta would send for `body`: "sha256=" and lowercase hex.
    static QByteArray sign(const QByteArray &body, const QByteArray &appSecret);
    // Why a result refuses the request, in words for a log (empty for Valid).
    static QString explain(Result result);

    // The GET handshake's hub.verify_token against the configured token, in constant time.
    // An empty configured token matches nothing.
    static bool verifyTokenMatches(const QByteArray &given, const QByteArray &configured);

    // Equal length and content, in time that depends only on the lengths.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace herald
