#include "models/SendersModel.h"

#include "theme/StatusColors.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

SendersModel::SendersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SendersModel::setSenders(const QList<SenderRow> &senders)
{
    // A handful of rows: a reset keeps it simple; the selection is by id in the page.
    beginResetModel();
    m_rows = senders;
    endResetModel();
}

int SendersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SendersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SendersModel::silentCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const SenderRow &r) { return !r.info.live; }));
}

int SendersModel::countOf(SenderKind kind) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [&](const SenderRow &r) { return r.info.kind == kind; }));
}

QString SendersModel::kindText(SenderKind kind)
{
    switch (kind) {
    case SenderKind::Console:
        return tr("Console");
    case SenderKind::Run:
        return tr("herald-cli run");
    case SenderKind::Worker:
        return tr("Worker");
    }
    return {};
}

QString SendersModel::nameOf(const SenderRow &row) const
{
    const QString name = row.info.displayName();
    return row.info.id == m_localSender ? tr("%1 (this console)").arg(name) : name;
}

QString SendersModel::stateOf(const SenderRow &row) const
{
    const QString heard = QLocale().toString(row.info.heartbeatAt.toLocalTime().time(), QLocale::ShortFormat);
    if (!row.info.live) {
        return tr("Silent since %1").arg(heard);
    }
    return row.campaigns.isEmpty() ? tr("Idle") : tr("Sending");
}

QVariant SendersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SenderRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return nameOf(row);
        case Kind:
            return kindText(row.info.kind);
        case Host:
            return tr("%1 (process %2)").arg(row.info.host).arg(row.info.pid);
        case Campaigns:
            return row.campaigns.isEmpty() ? tr("none") : row.campaigns.join(u", "_s);
        case Rate:
            return row.info.live && row.info.rate > 0
                       ? tr("%1 msg/s").arg(QLocale().toString(row.info.rate, 'f', 1))
                       : u"—"_s;
        case State:
            return stateOf(row);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == State && !row.info.live) {
            return tr("Not heard since %1. Its campaigns are taken over by the next sender, and the messages "
                      "it "
                      "had in flight end failed \"interrupted\".")
                .arg(QLocale().toString(row.info.heartbeatAt.toLocalTime(), QLocale::LongFormat));
        }
        if (index.column() == Campaigns && !row.info.label.scope.isEmpty()) {
            return tr("Told to send: %1").arg(QString(row.info.label.scope).replace(u'\n', u", "_s));
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == State && !row.info.live) {
            return StatusColors::color(StatusColors::Status::Failed);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Rate) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case LiveRole:
        return row.info.live;
    case IdRole:
        return row.info.id;
    default:
        break;
    }
    return {};
}

QVariant SendersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Host:
        return tr("Host");
    case Campaigns:
        return tr("Campaigns");
    case Rate:
        return tr("Rate");
    case State:
        return tr("State");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace herald::ui
