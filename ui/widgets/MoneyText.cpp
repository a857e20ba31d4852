#include "widgets/MoneyText.h"

#include "pricing/Money.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString MoneyText::format(qint64 micros)
{
    // Money's text is exact; only its separators change with the locale.
    const QString plain = Money::format(micros);
    const bool negative = plain.startsWith(u'-');
    const qsizetype point = plain.indexOf(u'.');
    const QString units = plain.mid(negative ? 1 : 0, point - (negative ? 1 : 0));
    const QLocale locale;
    QString out = locale.toString(units.toLongLong()) + locale.decimalPoint() + plain.mid(point + 1);
    return negative ? locale.negativeSign() + out : out;
}

QString MoneyText::format(qint64 micros, int decimals)
{
    QString text = format(micros);
    const int have = decimalsOf(micros);
    if (have < decimals) {
        text += QString(decimals - have, QLocale().zeroDigit().at(0));
    }
    return text;
}

int MoneyText::decimalsOf(qint64 micros)
{
    const QString plain = Money::format(micros);
    return int(plain.size() - plain.indexOf(u'.') - 1);
}

QString MoneyText::format(qint64 micros, const QString &currency)
{
    return currency.isEmpty() ? format(micros) : format(micros) + u'\u00a0' + currency;
}

} // namespace herald::ui
