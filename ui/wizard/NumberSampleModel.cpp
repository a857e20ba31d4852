#include "wizard/NumberSampleModel.h"

#include "theme/StatusColors.h"
#include "wizard/WizardState.h"

#include <QBrush>
#include <QColor>

namespace herald::ui {

int NumberSampleModel::fill(const WizardState &state, int count)
{
    beginResetModel();
    m_entries.clear();
    int sendable = 0;
    for (int r = 0; r < state.file.rows.size(); ++r) {
        const PhoneNumberResult n = state.numberForRow(r);
        sendable += n.ok ? 1 : 0;
        if (r >= count) {
            continue;
        }
        Entry e;
        e.row = r + 1;
        const QStringList &fields = state.file.rows.at(r);
        e.asRead = state.phoneColumn >= 0 && state.phoneColumn < fields.size() ? fields.at(state.phoneColumn)
                                                                               : QString();
        e.ok = n.ok;
        e.asSent = n.ok ? n.e164 : QString();
        if (n.ok) {
            e.verdict = n.region.isEmpty()
                            ? PhoneNormalizer::typeDescription(n.type)
                            : tr("%1 (%2)").arg(PhoneNormalizer::typeDescription(n.type), n.region);
        } else {
            e.verdict = n.message.isEmpty() ? tr("no number") : n.message;
        }
        m_entries.append(e);
    }
    endResetModel();
    return sendable;
}

int NumberSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int NumberSampleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NumberSampleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const Entry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Row:
            return e.row;
        case AsRead:
            return e.asRead;
        case AsSent:
            return e.ok ? e.asSent : QStringLiteral("—");
        case Verdict:
            return e.ok ? tr("✓ %1").arg(e.verdict) : tr("✗ %1").arg(e.verdict);
        default:
            return {};
        }
    }
    if (role == RawRole && index.column() == Verdict) {
        return e.ok;
    }
    if (role == Qt::ForegroundRole && index.column() == Verdict) {
        return QBrush(StatusColors::color(e.ok ? StatusColors::Status::Sent : StatusColors::Status::Failed));
    }
    return {};
}

QVariant NumberSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Row:
        return tr("Row");
    case AsRead:
        return tr("As read");
    case AsSent:
        return tr("As sent");
    case Verdict:
        return tr("Valid?");
    default:
        return {};
    }
}

} // namespace herald::ui
