// A send request's answer: HTTP status, body and transport facts in, the outcome (success,
// Graph error, unreadable success, HTTP error, network failure) out; redaction included.
#include "FuzzInput.h"
#include "cloudapi/ApiResponse.h"

#include <cstdlib>

using namespace herald;

namespace {

// A dictionary entry too, so the fuzzer plants it in bodies.
QString token()
{
    return QStringLiteral("EAAGfuzzSecretToken0123456789");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t statusHigh = in.byte();
    const uint8_t statusLow = in.byte();
    const uint8_t transportBits = in.byte();
    // Mostly real statuses (0, 1xx–5xx), sometimes anything a broken proxy could claim.
    int status = (statusHigh & 0x80) ? (int(statusHigh) << 8 | statusLow) - 32768
                                     : (statusHigh % 6) * 100 + statusLow % 100;
    if (statusHigh == 0)
        status = 0;

    TransportInfo transport;
    if (transportBits & 0x1) {
        static const QNetworkReply::NetworkError errors[] = {QNetworkReply::ConnectionRefusedError,
                                                             QNetworkReply::RemoteHostClosedError,
                                                             QNetworkReply::TimeoutError,
                                                             QNetworkReply::OperationCanceledError,
                                                             QNetworkReply::SslHandshakeFailedError,
                                                             QNetworkReply::UnknownContentError,
                                                             QNetworkReply::ProtocolFailure,
                                                             QNetworkReply::InternalServerError};
        transport.error = errors[(transportBits >> 1) & 0x7];
        transport.errorString =
            QStringLiteral("Error transferring https://graph.facebook.com/v21.0/1/messages"
                           "?access_token=") +
            token() + QStringLiteral(" - server replied: x");
    }
    transport.requestSent = (transportBits & 0x10) != 0;
    transport.responseStarted = (transportBits & 0x20) != 0;

    const QByteArray body = in.rest();
    const ApiResponse r = ApiResponse::parse(status, body, transport, Redactor({token()}));
    if (r.isSuccess() && r.wamid.isEmpty())
        std::abort();
    if (r.bodyExcerpt.size() > 201)
        std::abort(); // 200 characters and the ellipsis at most
    const QString summary = r.summary();
    // Never the token, wherever the body put it; except a success's message id, which is kept
    // and shown verbatim: it is the message's identity (webhooks match on it), and masking
    // token shapes inside real wamids would corrupt some.
    if ((!r.isSuccess() && summary.contains(token())) || r.bodyExcerpt.contains(token()) ||
        r.error.message.contains(token()) || r.error.details.contains(token()) ||
        r.error.type.contains(token()) || r.error.fbtraceId.contains(token()))
        std::abort();
    return 0;
}
