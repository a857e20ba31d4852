#pragma once

#include "queue/Repair.h"

#include <QAbstractTableModel>

namespace herald::ui {

// Repair's findings, one row per campaign: the stored figures beside the recount, what is wrong
// highlighted, and whether it needs repair.
class RepairModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Campaign, Stored, Recounted, Status, Verdict, ColumnCount };

    explicit RepairModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setItems(const QList<RepairItem> &items);
    const QList<RepairItem> &items() const { return m_items; }
    int needingRepair() const;

private:
    QList<RepairItem> m_items;
};

} // namespace herald::ui
