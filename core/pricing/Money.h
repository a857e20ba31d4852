#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>

#include <optional>

namespace herald {

// Prices and totals in millionths of a currency unit, as integers: a sum of a million prices
// is then exact, which floating point is not. Six decimals hold every price Meta publishes
// (four decimals in USD and EUR, a few more in currencies of small units).
class Money
{
    Q_DECLARE_TR_FUNCTIONS(Money)

public:
    static constexpr qint64 kMicrosPerUnit = 1'000'000;
    static constexpr int kDecimals = 6;

    // "0.0250", "12", "1,5" is refused (the decimal separator is a point). Empty optional with
    // *why set when the text is not a non-negative decimal with at most six decimals.
    static std::optional<qint64> parseMicros(QStringView text, QString *why);
    // 25000 → "0.025"; at least two decimals, at most six, trailing zeros beyond two dropped.
    static QString format(qint64 micros);
    // "0.025 USD"
    static QString format(qint64 micros, const QString &currency);
};

} // namespace herald
