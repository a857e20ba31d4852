#include "settings/RateCardPricesModel.h"

#include "widgets/MoneyText.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

RateCardPricesModel::RateCardPricesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RateCardPricesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_card.markets.size());
}

int RateCardPricesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstCategory + int(m_categories.size());
}

QString RateCardPricesModel::countriesText(const RateCardMarket &m) const
{
    return m.restOfWorld ? tr("every other country") : m.countries.join(u' ');
}

QVariant RateCardPricesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RateCardMarket &m = m_card.markets.at(index.row());
    const int column = index.column();
    if (column >= FirstCategory) {
        const QString &category = m_categories.at(column - FirstCategory);
        const auto price = m.priceMicros.constFind(category);
        const bool priced = price != m.priceMicros.cend();
        switch (role) {
        case Qt::DisplayRole:
            return priced ? MoneyText::format(*price, m_decimals) : QString();
        case RawRole:
            return priced ? QVariant(*price) : QVariant();
        case Qt::ToolTipRole:
            return priced ? QVariant() : QVariant(tr("%1 is not priced in this market").arg(category));
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return column == Market ? m.name : countriesText(m);
    case RawRole:
        return column == Market ? QVariant(m.name) : QVariant(m.countries);
    case Qt::ToolTipRole: {
        if (column != Countries || m.restOfWorld) {
            return {};
        }
        QStringList names;
        for (const QString &code : m.countries) {
            const QLocale::Territory t = QLocale::codeToTerritory(code);
            names << (t == QLocale::AnyTerritory ? code : QLocale::territoryToString(t));
        }
        return names.join(u", "_s);
    }
    default:
        return {};
    }
}

QVariant RateCardPricesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (section == Market) {
        return tr("Market");
    }
    if (section == Countries) {
        return tr("Countries");
    }
    if (section >= FirstCategory && section - FirstCategory < m_categories.size()) {
        return m_categories.at(section - FirstCategory);
    }
    return {};
}

void RateCardPricesModel::setCard(const RateCard &card)
{
    beginResetModel();
    m_card = card;
    m_categories = card.categories();
    m_decimals = 2;
    for (const RateCardMarket &m : card.markets) {
        for (const qint64 price : m.priceMicros) {
            m_decimals = std::max(m_decimals, MoneyText::decimalsOf(price));
        }
    }
    endResetModel();
}

} // namespace herald::ui
