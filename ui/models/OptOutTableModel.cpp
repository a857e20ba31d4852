#include "models/OptOutTableModel.h"

#include "widgets/Formats.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

OptOutTableModel::OptOutTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int OptOutTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OptOutTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OptOutTableModel::sourceText(const QString &source)
{
    if (source == "manual"_L1) {
        return tr("Added by hand");
    }
    if (source == "import"_L1) {
        return tr("Imported");
    }
    if (source == "api"_L1) {
        return tr("Stopped marketing messages (WhatsApp)");
    }
    return source;
}

QVariant OptOutTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const OptOut &o = m_rows.at(index.row());
    if (role == RawRole) {
        switch (index.column()) {
        case Phone:
            return o.phone;
        case Source:
            return o.source;
        case Reason:
            return o.reason;
        case Added:
            return o.createdAt;
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Phone:
            return o.phone;
        case Source:
            return sourceText(o.source);
        case Reason:
            return o.reason;
        case Added:
            return Formats::time(o.createdAt);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Reason && !o.reason.isEmpty()) {
        return o.reason;
    }
    return {};
}

QVariant OptOutTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Phone:
        return tr("Phone");
    case Source:
        return tr("How");
    case Reason:
        return tr("Reason");
    case Added:
        return tr("Added");
    default:
        return {};
    }
}

bool OptOutTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_matching;
}

void OptOutTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_askedOffset == m_rows.size()) {
        return;
    }
    m_askedOffset = m_rows.size();
    Q_EMIT moreWanted(m_askedOffset);
}

void OptOutTableModel::reset(const QList<OptOut> &rows, qint64 matching)
{
    beginResetModel();
    m_rows = rows;
    m_matching = std::max<qint64>(matching, rows.size());
    m_askedOffset = -1;
    endResetModel();
}

void OptOutTableModel::append(qint64 offset, const QList<OptOut> &rows, qint64 matching)
{
    if (offset != m_rows.size()) {
        return;
    }
    m_askedOffset = -1;
    if (!rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
        m_rows << rows;
        endInsertRows();
    }
    // Fewer rows than expected: the list shrank meanwhile; stop asking for what is not there.
    m_matching = rows.isEmpty() ? m_rows.size() : std::max<qint64>(matching, m_rows.size());
}

} // namespace herald::ui
