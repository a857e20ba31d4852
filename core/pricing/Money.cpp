#include "pricing/Money.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace herald {

std::optional<qint64> Money::parseMicros(QStringView text, QString *why)
{
    const QStringView t = text.trimmed();
    auto fail = [&](const QString &reason) -> std::optional<qint64> {
        if (why) {
            *why = reason;
        }
        return std::nullopt;
    };
    if (t.isEmpty()) {
        return fail(tr("no price"));
    }
    qint64 units = 0;
    qint64 fraction = 0;
    int decimals = 0;
    bool point = false;
    bool digits = false;
    for (QChar c : t) {
        if (c == u'.' && !point) {
            point = true;
            continue;
        }
        if (c == u',') {
            return fail(
                tr("\"%1\" uses a comma: write prices with a decimal point, e.g. 0.0250").arg(t.toString()));
        }
        if (c < u'0' || c > u'9') {
            return fail(tr("\"%1\" is not a price: digits and one decimal point only, e.g. 0.0250")
                            .arg(t.toString()));
        }
        digits = true;
        const int d = c.unicode() - u'0';
        if (point) {
            if (++decimals > kDecimals) {
                return fail(tr("\"%1\" has more than %2 decimals").arg(t.toString()).arg(kDecimals));
            }
            fraction = fraction * 10 + d;
        } else {
            if (units > (std::numeric_limits<qint64>::max() / kMicrosPerUnit - 9) / 10) {
                return fail(tr("\"%1\" is too large a price").arg(t.toString()));
            }
            units = units * 10 + d;
        }
    }
    if (!digits) {
        return fail(tr("\"%1\" is not a price").arg(t.toString()));
    }
    for (int i = decimals; i < kDecimals; ++i) {
        fraction *= 10;
    }
    return units * kMicrosPerUnit + fraction;
}

QString Money::format(qint64 micros)
{
    const bool negative = micros < 0;
    const quint64 m = negative ? quint64(-(micros + 1)) + 1 : quint64(micros);
    QString fraction = u"%1"_s.arg(m % kMicrosPerUnit, kDecimals, 10, QChar(u'0'));
    while (fraction.size() > 2 && fraction.endsWith(u'0')) {
        fraction.chop(1);
    }
    return (negative ? u"-"_s : QString()) + QString::number(m / kMicrosPerUnit) + u'.' + fraction;
}

QString Money::format(qint64 micros, const QString &currency)
{
    return format(micros) + u' ' + currency;
}

} // namespace herald
