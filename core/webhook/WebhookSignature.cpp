#include "webhook/WebhookSignature.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace herald {

namespace {
constexpr char kPrefix[] = "sha256=";
constexpr qsizetype kPrefixLength = sizeof kPrefix - 1;

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

QByteArray digest(const QByteArray &body, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256);
}
} // namespace

bool WebhookSignature::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

bool WebhookSignature::verifyTokenMatches(const QByteArray &given, const QByteArray &configured)
{
    if (configured.isEmpty()) {
        return false;
    }
    // Hashing both first makes the comparison's length fixed, so not even the configured
    // token's length leaks through timing.
    return constantTimeEquals(QCryptographicHash::hash(given, QCryptographicHash::Sha256),
                              QCryptographicHash::hash(configured, QCryptographicHash::Sha256));
}

QByteArray WebhookSignature::sign(const QByteArray &body, const QByteArray &appSecret)
{
    return QByteArray(kPrefix) + digest(body, appSecret).toHex();
}

WebhookSignature::Result WebhookSignature::verify(const QByteArray &body, const QByteArray &header,
                                                  const QByteArray &appSecret)
{
    if (appSecret.isEmpty()) {
        return Result::NoSecret;
    }
    const QByteArray value = header.trimmed();
    if (value.isEmpty()) {
        return Result::Missing;
    }
    if (value.size() != kPrefixLength + 2 * DigestBytes ||
        !value.first(kPrefixLength).toLower().startsWith(kPrefix)) {
        return Result::Malformed;
    }
    QByteArray given(DigestBytes, '\0');
    for (qsizetype i = 0; i < DigestBytes; ++i) {
        const int hi = hexValue(value[kPrefixLength + 2 * i]);
        const int lo = hexValue(value[kPrefixLength + 2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return Result::Malformed;
        }
        given[i] = static_cast<char>(hi << 4 | lo);
    }
    return constantTimeEquals(digest(body, appSecret), given) ? Result::Valid : Result::Mismatch;
}

QString WebhookSignature::explain(Result result)
{
    switch (result) {
    case Result::Valid:
        return {};
    case Result::NoSecret:
        return QCoreApplication::translate("WebhookSignature",
                                           "No app secret is configured (HERALD_APP_SECRET), so no callback "
                                           "can be checked; nothing is accepted.");
    case Result::Missing:
        return QCoreApplication::translate("WebhookSignature",
                                           "The request has no X-Hub-Signature-256 header.");
    case Result::Malformed:
        return QCoreApplication::translate(
            "WebhookSignature",
            "The X-Hub-Signature-256 header is not \"sha256=\" followed by 64 hex digits.");
    case Result::Mismatch:
        return QCoreApplication::translate("WebhookSignature",
                                           "The X-Hub-Signature-256 header does not match the body under the "
                                           "configured app secret (a forged or altered request, or another "
                                           "app's secret).");
    }
    return {};
}

} // namespace herald
