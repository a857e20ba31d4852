#include "wizard/CostTableModel.h"

#include "pricing/Money.h"
#include "widgets/Formats.h"
#include "wizard/QuietHoursSection.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

CostTableModel::CostTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CostTableModel::setEstimate(const CostEstimate &estimate)
{
    beginResetModel();
    m_rows = estimate.countries;
    m_currency = estimate.currency;
    endResetModel();
}

void CostTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_currency.clear();
    endResetModel();
}

int CostTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CostTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CostTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const CostEstimate::Country &c = m_rows.at(index.row());
    const bool priced = c.unpricedReason.isEmpty();
    if (role == RawRole) {
        switch (Column(index.column())) {
        case Country:
            return c.region;
        case Market:
            return c.market;
        case Recipients:
            return c.recipients;
        case PriceEach:
            return c.priceMicros;
        case Subtotal:
            return c.totalMicros;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Country:
            return countryLabel(c.region);
        case Market:
            return priced ? c.market : tr("not priced");
        case Recipients:
            return Formats::count(c.recipients);
        case PriceEach:
            return priced ? money(c.priceMicros, m_currency) : QString();
        case Subtotal:
            return priced ? money(c.totalMicros, m_currency) : QString();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && !priced) {
        return c.unpricedReason;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Recipients) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (Column(section)) {
    case Country:
        return tr("Country");
    case Market:
        return tr("Market");
    case Recipients:
        return tr("Recipients");
    case PriceEach:
        return tr("Price each");
    case Subtotal:
        return tr("Subtotal");
    case ColumnCount:
        break;
    }
    return {};
}

QString CostTableModel::money(qint64 micros, const QString &currency)
{
    int decimals = Money::kDecimals;
    qint64 rest = micros;
    while (decimals > 2 && rest % 10 == 0) {
        rest /= 10;
        --decimals;
    }
    const QLocale locale;
    const double value = double(micros) / double(Money::kMicrosPerUnit);
    // The locale's own currency with its symbol ("0,10 €"); any other with its code after the
    // number, which reads the same in every locale ("0.099 EUR").
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == currency) {
        return locale.toCurrencyString(value, locale.currencySymbol(), decimals);
    }
    return tr("%1 %2").arg(locale.toString(value, 'f', decimals), currency);
}

} // namespace herald::ui
