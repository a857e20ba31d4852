#pragma once

#include "wizard/WizardState.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The first rows of the contact file as read, one column per field, named by the header.
class FilePreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setLook(const FileLook &look, int maxRows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    FileLook m_look;
    int m_rows = 0;
};

} // namespace herald::ui
