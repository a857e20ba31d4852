#pragma once

#include "pricing/RateCard.h"

#include <QAbstractTableModel>
#include <QList>

namespace herald::ui {

// A stored rate card as Settings lists it: the card without its markets, how many markets it
// has, and whether estimates use it now (RateCardStore::current()).
struct RateCardRow
{
    RateCard card; // without markets
    int markets = 0;
    bool current = false;
};

// The stored rate cards, newest import first: name, effective date, currency, markets,
// example or imported, and the one in use.
class RateCardTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Effective, Currency, Markets, Kind, InUse, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with
        IdRole,                     // the card's id (qint64)
    };

    explicit RateCardTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(const QList<RateCardRow> &rows);
    const RateCardRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 cardId) const; // -1 when not listed
    int currentRow() const;         // -1 when no card is in use

private:
    QVariant display(const RateCardRow &r, int column) const;
    QVariant raw(const RateCardRow &r, int column) const;

    QList<RateCardRow> m_rows;
};

} // namespace herald::ui
