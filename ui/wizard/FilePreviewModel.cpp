#include "wizard/FilePreviewModel.h"

namespace herald::ui {

void FilePreviewModel::setLook(const FileLook &look, int maxRows)
{
    beginResetModel();
    m_look = look;
    m_rows = int(qMin<qsizetype>(look.rows.size(), maxRows));
    endResetModel();
}

int FilePreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int FilePreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_look.columnCount);
}

QVariant FilePreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const QStringList &fields = m_look.rows.at(index.row());
    return index.column() < fields.size() ? fields.at(index.column()) : QString();
}

QVariant FilePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        return section + 1;
    }
    return m_look.columnName(section);
}

} // namespace herald::ui
