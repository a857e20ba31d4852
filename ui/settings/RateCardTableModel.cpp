#include "settings/RateCardTableModel.h"

#include "widgets/Formats.h"

#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

RateCardTableModel::RateCardTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RateCardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RateCardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RateCardTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RateCardRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case RawRole:
        return raw(r, index.column());
    case IdRole:
        return r.card.id;
    case Qt::ToolTipRole:
        if (index.column() == Name && !r.card.source.isEmpty()) {
            return tr("Imported from %1 on %2").arg(r.card.source, Formats::dayTime(r.card.importedAt));
        }
        if (index.column() == Kind && r.card.isExample) {
            return tr("Herald's example card: illustrative prices, not Meta's. It is used only while no "
                      "imported card exists.");
        }
        return {};
    case Qt::FontRole:
        if (r.current) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Markets ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant RateCardTableModel::display(const RateCardRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.card.name;
    case Effective:
        return QLocale().toString(r.card.effectiveDate, QLocale::ShortFormat);
    case Currency:
        return r.card.currency;
    case Markets:
        return Formats::count(r.markets);
    case Kind:
        return r.card.isExample ? tr("Example (not Meta's prices)") : tr("Imported");
    case InUse:
        return r.current ? tr("In use") : QString();
    default:
        return {};
    }
}

QVariant RateCardTableModel::raw(const RateCardRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.card.name;
    case Effective:
        return r.card.effectiveDate;
    case Currency:
        return r.card.currency;
    case Markets:
        return r.markets;
    case Kind:
        return r.card.isExample;
    case InUse:
        return r.current;
    default:
        return {};
    }
}

QVariant RateCardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Effective:
        return tr("Effective");
    case Currency:
        return tr("Currency");
    case Markets:
        return tr("Markets");
    case Kind:
        return tr("Prices");
    case InUse:
        return tr("Estimates");
    default:
        return {};
    }
}

void RateCardTableModel::setRows(const QList<RateCardRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int RateCardTableModel::rowOf(qint64 cardId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).card.id == cardId) {
            return i;
        }
    }
    return -1;
}

int RateCardTableModel::currentRow() const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).current) {
            return i;
        }
    }
    return -1;
}

} // namespace herald::ui
