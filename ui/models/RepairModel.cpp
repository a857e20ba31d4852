#include "models/RepairModel.h"

#include "theme/StatusColors.h"
#include "widgets/Formats.h"

#include <QBrush>
#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QString figures(const CounterValues &v)
{
    return RepairModel::tr("%1 / %2 of %3")
        .arg(Formats::count(v.sent), Formats::count(v.failed), Formats::count(v.contacts));
}
} // namespace

RepairModel::RepairModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RepairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int RepairModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Campaign:
        return tr("Campaign");
    case Stored:
        return tr("Stored sent / failed");
    case Recounted:
        return tr("Recounted sent / failed");
    case Status:
        return tr("Status");
    case Verdict:
        return tr("Needs repair");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RepairModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RepairItem &item = m_items.at(index.row());
    const bool wrong = (index.column() == Stored || index.column() == Recounted) ? item.countersDiffer()
                       : index.column() == Status                                ? item.statusDiffers()
                       : index.column() == Verdict                               ? item.needsRepair()
                                                                                 : false;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Campaign:
            return item.name;
        case Stored:
            return figures(item.stored);
        case Recounted:
            return figures(item.recounted);
        case Status:
            return item.statusDiffers()
                       ? tr("%1 → %2").arg(CampaignStatusMachine::displayName(item.storedStatus),
                                           CampaignStatusMachine::displayName(item.repairedStatus))
                       : CampaignStatusMachine::displayName(item.storedStatus);
        case Verdict:
            if (!item.needsRepair()) {
                return tr("✓ correct");
            }
            return item.countersDiffer() || item.statusDiffers() ? tr("⚠ counters") : tr("⚠ history");
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ForegroundRole:
        return wrong ? QVariant(QBrush(StatusColors::color(StatusColors::Status::Failed))) : QVariant();
    case Qt::FontRole:
        if (wrong) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (item.historyDiffers() && !item.countersDiffer()) {
            return tr(
                "The counters are right, but the per-minute history the charts draw does not add up to them: "
                "repair rebuilds it from the messages' own times.");
        }
        return item.needsRepair() ? tr("Repair sets the stored figures to the recount.") : QVariant();
    default:
        return {};
    }
}

void RepairModel::setItems(const QList<RepairItem> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int RepairModel::needingRepair() const
{
    return int(
        std::count_if(m_items.cbegin(), m_items.cend(), [](const RepairItem &i) { return i.needsRepair(); }));
}

} // namespace herald::ui
