#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace herald {

// Keeps access tokens out of everything a person or a log file can see. Every text that
// may carry one — Qt's network error strings (they contain URLs), Graph error messages (190
// echoes "Malformed access token EAA…"), request dumps — goes through redact() first.
//
// Besides the secrets it is told about, it always masks what looks like a token: a
// "Bearer …" credential, an access_token= query value and Meta's token shape (EAA + 20 or
// more letters/digits), so a token from another source is masked too.
class Redactor
{
public:
    Redactor() = default;
    explicit Redactor(const QStringList &secrets);

    // Secrets shorter than 4 characters are ignored: masking "a" would garble every text.
    void addSecret(const QString &secret);

    QString redact(const QString &text) const;
    QByteArray redact(const QByteArray &text) const;

    static QString mask(); // what a secret is replaced with: "[redacted]"

private:
    QStringList m_secrets;
};

} // namespace herald
