#pragma once

#include <QCoreApplication>
#include <QString>

namespace herald::ui {

// Prices and totals as the console writes them: Money's exact digits (two to six decimals), in
// the user's locale (digit grouping, decimal separator), followed by the ISO currency code —
// "1,204.80 EUR" in English, "1.204,80 EUR" in German. No rounding through floating point.
class MoneyText
{
public:
    static QString format(qint64 micros, const QString &currency);
    static QString format(qint64 micros); // without currency
    // With at least `decimals` decimals, so that prices in a column line up: 0.05 → 0.0500.
    static QString format(qint64 micros, int decimals);
    // How many decimals format() writes for it (2 to 6).
    static int decimalsOf(qint64 micros);
};

} // namespace herald::ui
