#pragma once

#include "pricing/CostEstimate.h"

#include <QAbstractTableModel>

namespace herald::ui {

// A cost estimate per country, most recipients first: country, market, recipients, price and
// total; a country the card does not price says so, with the reason in its tooltip.
class CostCountryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Country, Market, Recipients, Price, Total, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with (micros for money)
    };

    explicit CostCountryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEstimate(const CostEstimate &estimate);
    void clear();
    const CostEstimate::Country &countryAt(int row) const { return m_countries.at(row); }

private:
    QVariant display(const CostEstimate::Country &c, int column) const;
    QVariant raw(const CostEstimate::Country &c, int column) const;

    QList<CostEstimate::Country> m_countries;
    QString m_currency;
    int m_decimals = 2;      // of the most precise price, for every price cell
    int m_totalDecimals = 2; // the same for the totals
};

} // namespace herald::ui
