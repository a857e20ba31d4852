#include "log/LogScrubber.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
const QRegularExpression &urlPassword()
{
    // scheme://user:password@ — group 1 keeps "scheme://user:", the password up to the last
    // '@' before the host is dropped (a password may itself contain '@' or ':').
    static const QRegularExpression re(uR"(([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:)[^\s/]*@)"_s);
    return re;
}
const QRegularExpression &passwordOption()
{
    // libpq and ODBC style "password=secret" in connection strings and options.
    static const QRegularExpression re(uR"(\b(password\s*=\s*)('[^']*'|[^\s;&]+))"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}
} // namespace

QString LogScrubber::scrub(const QString &text) const
{
    QString out = m_redactor.redact(text);
    out.replace(urlPassword(), u"\\1"_s + Redactor::mask() + u"@"_s);
    out.replace(passwordOption(), u"\\1"_s + Redactor::mask());
    return out;
}

} // namespace herald
