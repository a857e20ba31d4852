#include "models/FailuresModel.h"

#include "cloudapi/ErrorPolicy.h"
#include "widgets/Formats.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

FailuresModel::FailuresModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int FailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reasons.size());
}

int FailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Reason:
        return tr("Reason");
    case Count:
        return tr("Messages");
    case Meaning:
        return tr("What it means");
    case WhatToDo:
        return tr("What to do");
    case ColumnCount:
        break;
    }
    return {};
}

QString FailuresModel::reasonText(const QString &reason)
{
    return reason.isEmpty() ? tr("(no reason)") : reason;
}

QVariant FailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ReasonCount &r = m_reasons.at(index.row());
    const ErrorPolicyEntry *entry = ErrorPolicy::entryForReason(r.reason);
    switch (role) {
    case Qt::ToolTipRole:
        if (r.afterSend && index.column() == Reason) {
            return tr("WhatsApp accepted these messages, then reported by webhook that they could not be "
                      "delivered. They count as sent, and as failed after sending.");
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Reason:
            return r.afterSend ? tr("%1, after sending").arg(reasonText(r.reason)) : reasonText(r.reason);
        case Count:
            return Formats::count(r.count);
        case Meaning:
            return entry ? entry->meaningText() : tr("Herald has no explanation for this reason.");
        case WhatToDo:
            return entry ? entry->whatToDoText() : tr("Read the error details of its recipients.");
        case ColumnCount:
            break;
        }
        return {};
    case RawRole:
        return index.column() == Count ? QVariant(r.count) : QVariant(r.reason);
    case ReasonRole:
        return r.reason;
    case AfterSendRole:
        return r.afterSend;
    case Qt::TextAlignmentRole:
        return index.column() == Count ? QVariant(Qt::AlignRight | Qt::AlignTop)
                                       : QVariant(Qt::AlignLeft | Qt::AlignTop);
    default:
        return {};
    }
}

void FailuresModel::setReasons(const QList<ReasonCount> &reasons)
{
    bool sameReasons = reasons.size() == m_reasons.size();
    for (qsizetype i = 0; sameReasons && i < reasons.size(); ++i) {
        sameReasons = reasons.at(i).reason == m_reasons.at(i).reason &&
                      reasons.at(i).afterSend == m_reasons.at(i).afterSend;
    }
    if (!sameReasons) {
        beginResetModel();
        m_reasons = reasons;
        endResetModel();
        return;
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < reasons.size(); ++i) {
        if (reasons.at(i).count != m_reasons.at(i).count) {
            first = first < 0 ? i : first;
            last = i;
        }
    }
    m_reasons = reasons;
    if (first >= 0) {
        Q_EMIT dataChanged(index(first, Count), index(last, Count));
    }
}

int FailuresModel::rowOf(const QString &reason, bool afterSend) const
{
    for (int i = 0; i < m_reasons.size(); ++i) {
        if (m_reasons.at(i).reason == reason && m_reasons.at(i).afterSend == afterSend) {
            return i;
        }
    }
    return -1;
}

qint64 FailuresModel::total() const
{
    qint64 n = 0;
    for (const ReasonCount &r : m_reasons) {
        n += r.afterSend ? 0 : r.count;
    }
    return n;
}

qint64 FailuresModel::lateTotal() const
{
    qint64 n = 0;
    for (const ReasonCount &r : m_reasons) {
        n += r.afterSend ? r.count : 0;
    }
    return n;
}

int FailuresModel::lateRows() const
{
    return int(std::count_if(m_reasons.cbegin(), m_reasons.cend(),
                             [](const ReasonCount &r) { return r.afterSend; }));
}

} // namespace herald::ui
