#pragma once

#include "pricing/CostEstimate.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The cost estimate by country: country (name and code), market, recipients, price of one
// message, subtotal. RawRole gives the region code, market name, counts and amounts in
// millionths for sorting and checks.
class CostTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Country, Market, Recipients, PriceEach, Subtotal, ColumnCount };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit CostTableModel(QObject *parent = nullptr);

    void setEstimate(const CostEstimate &estimate);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // An amount in millionths with its currency, in the user's locale: at least two decimals,
    // more when the amount has them (prices such as 0.0136).
    static QString money(qint64 micros, const QString &currency);

private:
    QList<CostEstimate::Country> m_rows;
    QString m_currency;
};

} // namespace herald::ui
