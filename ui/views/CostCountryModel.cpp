#include "views/CostCountryModel.h"

#include "widgets/CountryNames.h"
#include "widgets/Formats.h"
#include "widgets/MoneyText.h"

#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

CostCountryModel::CostCountryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int CostCountryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_countries.size());
}

int CostCountryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CostCountryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CostEstimate::Country &c = m_countries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(c, index.column());
    case RawRole:
        return raw(c, index.column());
    case Qt::ToolTipRole:
        if (!c.unpricedReason.isEmpty()) {
            return tr("Not priced: %1").arg(c.unpricedReason);
        }
        return index.column() == Country ? QVariant(c.region) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= Recipients ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        return c.unpricedReason.isEmpty() || index.column() < Price ? QVariant()
                                                                    : QVariant(QPalette().placeholderText());
    default:
        return {};
    }
}

QVariant CostCountryModel::display(const CostEstimate::Country &c, int column) const
{
    const bool priced = c.unpricedReason.isEmpty();
    switch (column) {
    case Country:
        return CountryNames::label(c.region);
    case Market:
        return c.market.isEmpty() ? tr("none") : c.market;
    case Recipients:
        return Formats::count(c.recipients);
    case Price:
        return priced ? MoneyText::format(c.priceMicros, m_decimals) : tr("not priced");
    case Total:
        return priced ? MoneyText::format(c.totalMicros, m_totalDecimals) + u'\u00a0' + m_currency
                      : QString();
    default:
        return {};
    }
}

QVariant CostCountryModel::raw(const CostEstimate::Country &c, int column) const
{
    const bool priced = c.unpricedReason.isEmpty();
    switch (column) {
    case Country:
        return c.region;
    case Market:
        return c.market;
    case Recipients:
        return c.recipients;
    case Price:
        return priced ? QVariant(c.priceMicros) : QVariant();
    case Total:
        return priced ? QVariant(c.totalMicros) : QVariant();
    default:
        return {};
    }
}

QVariant CostCountryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Country:
        return tr("Country");
    case Market:
        return tr("Market");
    case Recipients:
        return tr("Recipients");
    case Price:
        return tr("Price");
    case Total:
        return tr("Total");
    default:
        return {};
    }
}

void CostCountryModel::setEstimate(const CostEstimate &estimate)
{
    beginResetModel();
    m_countries = estimate.countries;
    m_currency = estimate.currency;
    m_decimals = 2;
    m_totalDecimals = 2;
    for (const CostEstimate::Country &c : m_countries) {
        m_decimals = std::max(m_decimals, MoneyText::decimalsOf(c.priceMicros));
        m_totalDecimals = std::max(m_totalDecimals, MoneyText::decimalsOf(c.totalMicros));
    }
    endResetModel();
}

void CostCountryModel::clear()
{
    beginResetModel();
    m_countries.clear();
    m_currency.clear();
    endResetModel();
}

} // namespace herald::ui
