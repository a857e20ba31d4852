#include "models/PoolNumbersModel.h"

#include "widgets/Formats.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

PoolNumbersModel::PoolNumbersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int PoolNumbersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_numbers.size());
}

int PoolNumbersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PoolNumbersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const PoolNumberProgress &p = m_numbers.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return p.number.id;
        case State:
            return p.number.active ? tr("Sending") : tr("Out of the pool");
        case Rate:
            return tr("%1 msg/s").arg(locale.toString(p.ratePerSecond(), 'f', 1));
        case Sent:
            return locale.toString(p.sent);
        case Failed:
            return locale.toString(p.failed);
        case Waiting:
            return locale.toString(p.waiting);
        case Reason:
            return p.number.outReasonLine();
        default:
            return {};
        }
    case RawRole:
        switch (index.column()) {
        case Number:
            return p.number.id;
        case State:
            return p.number.active;
        case Rate:
            return p.ratePerSecond();
        case Sent:
            return p.sent;
        case Failed:
            return p.failed;
        case Waiting:
            return p.waiting;
        case Reason:
            return p.number.outReason;
        default:
            return {};
        }
    case ActiveRole:
        return p.number.active;
    case Qt::ToolTipRole:
        if (index.column() == Rate) {
            return tr("%Ln message(s) sent from this number in the last minute", nullptr,
                      int(p.sentLastMinute));
        }
        if (!p.number.active) {
            return tr("Out of the pool since %1: %2")
                .arg(Formats::dayTime(p.number.outAt), p.number.outReason);
        }
        return {};
    case Qt::TextAlignmentRole:
        return (index.column() == Rate || index.column() == Sent || index.column() == Failed ||
                index.column() == Waiting)
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant PoolNumbersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Number:
        return tr("Phone number ID");
    case State:
        return tr("State");
    case Rate:
        return tr("Rate");
    case Sent:
        return tr("Sent");
    case Failed:
        return tr("Failed");
    case Waiting:
        return tr("Waiting");
    case Reason:
        return tr("Why it left");
    default:
        return {};
    }
}

void PoolNumbersModel::setNumbers(const QList<PoolNumberProgress> &numbers)
{
    bool same = numbers.size() == m_numbers.size();
    for (qsizetype i = 0; same && i < numbers.size(); ++i) {
        same = numbers.at(i).number.id == m_numbers.at(i).number.id;
    }
    if (!same) {
        beginResetModel();
        m_numbers = numbers;
        endResetModel();
        return;
    }
    m_numbers = numbers;
    if (!m_numbers.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_numbers.size()) - 1, ColumnCount - 1));
    }
}

qint64 PoolNumbersModel::waitingForOut() const
{
    qint64 n = 0;
    for (const PoolNumberProgress &p : m_numbers) {
        if (!p.number.active) {
            n += p.waiting;
        }
    }
    return n;
}

QStringList PoolNumbersModel::outNumbers() const
{
    QStringList out;
    for (const PoolNumberProgress &p : m_numbers) {
        if (!p.number.active) {
            out << p.number.id;
        }
    }
    return out;
}

QStringList PoolNumbersModel::activeNumbers() const
{
    QStringList out;
    for (const PoolNumberProgress &p : m_numbers) {
        if (p.number.active) {
            out << p.number.id;
        }
    }
    return out;
}

} // namespace herald::ui
