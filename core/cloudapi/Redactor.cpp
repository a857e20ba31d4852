#include "cloudapi/Redactor.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
const QRegularExpression &tokenShapes()
{
    // Group 1 keeps the label ("Bearer ", "access_token="); the credential itself is dropped.
    static const QRegularExpression re(
        uR"((Bearer\s+|access_token=|access_token%3D|"access_token"\s*:\s*")[A-Za-z0-9._~+/=%-]+|\bEAA[A-Za-z0-9]{20,})"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}
} // namespace

Redactor::Redactor(const QStringList &secrets)
{
    for (const QString &s : secrets) {
        addSecret(s);
    }
}

void Redactor::addSecret(const QString &secret)
{
    if (secret.size() >= 4 && !m_secrets.contains(secret)) {
        m_secrets.append(secret);
    }
}

QString Redactor::mask()
{
    return u"[redacted]"_s;
}

QString Redactor::redact(const QString &text) const
{
    QString out = text;
    for (const QString &s : m_secrets) {
        out.replace(s, mask());
    }
    const QRegularExpression &re = tokenShapes();
    if (!out.contains(re)) {
        return out;
    }
    QString result;
    qsizetype last = 0;
    auto it = re.globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += QStringView(out).mid(last, m.capturedStart() - last);
        result += m.captured(1) + mask();
        last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    return result;
}

QByteArray Redactor::redact(const QByteArray &text) const
{
    return redact(QString::fromUtf8(text)).toUtf8();
}

} // namespace herald
