#pragma once

#include "pricing/RateCard.h"

#include <QAbstractTableModel>

namespace herald::ui {

// One rate card's prices, read-only: a row per market (in the file's order) with its countries,
// then a column per category the card prices. An empty cell: the market does not price it.
class RateCardPricesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Categories follow Countries, one column each, in RateCard::categories() order.
    enum Column { Market, Countries, FirstCategory };
    enum Role {
        RawRole = Qt::UserRole + 1, // price in millionths (qint64), or null when unpriced
    };

    explicit RateCardPricesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCard(const RateCard &card);
    const RateCard &card() const { return m_card; }
    const QStringList &categories() const { return m_categories; }

private:
    QString countriesText(const RateCardMarket &m) const;

    RateCard m_card;
    QStringList m_categories;
    int m_decimals = 2; // of the card's most precise price, for every cell
};

} // namespace herald::ui
