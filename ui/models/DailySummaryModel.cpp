#include "models/DailySummaryModel.h"

#include "widgets/Formats.h"

#include <QLocale>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

DailySummaryModel::DailySummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int DailySummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_days.size());
}

int DailySummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<DailyTotals> DailySummaryModel::totals(const QList<DailySummaryRow> &rows, const QString &campaignId)
{
    QMap<QDate, DailyTotals> byDay;
    for (const DailySummaryRow &r : rows) {
        if (!campaignId.isEmpty() && r.campaignId != campaignId) {
            continue;
        }
        DailyTotals &d = byDay[r.day];
        d.day = r.day;
        d.sent += r.sent;
        d.failed += r.failed;
        d.delivered += r.delivered;
        d.read += r.read;
        d.campaigns << r;
    }
    QList<DailyTotals> out;
    for (auto it = byDay.cbegin(); it != byDay.cend(); ++it) {
        DailyTotals d = *it;
        std::sort(d.campaigns.begin(), d.campaigns.end(),
                  [](const DailySummaryRow &a, const DailySummaryRow &b) {
                      return a.campaignName.localeAwareCompare(b.campaignName) < 0;
                  });
        out.prepend(d); // newest first
    }
    return out;
}

void DailySummaryModel::setRows(const QList<DailySummaryRow> &rows, const QString &campaignId)
{
    beginResetModel();
    m_days = totals(rows, campaignId);
    endResetModel();
}

qint64 DailySummaryModel::totalSent() const
{
    qint64 n = 0;
    for (const DailyTotals &d : m_days) {
        n += d.sent;
    }
    return n;
}

qint64 DailySummaryModel::totalFailed() const
{
    qint64 n = 0;
    for (const DailyTotals &d : m_days) {
        n += d.failed;
    }
    return n;
}

QVariant DailySummaryModel::display(const DailyTotals &d, int column) const
{
    switch (column) {
    case Day:
        return QLocale().toString(d.day, QLocale::ShortFormat);
    case Campaigns:
        return d.campaigns.size() == 1 ? d.campaigns.first().campaignName
                                       : tr("%1 campaigns").arg(d.campaigns.size());
    case Sent:
        return Formats::count(d.sent);
    case Failed:
        return Formats::count(d.failed);
    case FailureRate:
        return d.finished() > 0 ? Formats::percent(d.failureRate()) : QString();
    case Delivered:
        return Formats::count(d.delivered);
    case Read:
        return Formats::count(d.read);
    default:
        return {};
    }
}

QVariant DailySummaryModel::raw(const DailyTotals &d, int column) const
{
    switch (column) {
    case Day:
        return d.day;
    case Campaigns:
        return int(d.campaigns.size());
    case Sent:
        return d.sent;
    case Failed:
        return d.failed;
    case FailureRate:
        return d.failureRate();
    case Delivered:
        return d.delivered;
    case Read:
        return d.read;
    default:
        return {};
    }
}

QVariant DailySummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const DailyTotals &d = m_days.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(d, index.column());
    case RawRole:
        return raw(d, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() >= Sent) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Campaigns || index.column() == Day) {
            QStringList lines;
            for (const DailySummaryRow &r : d.campaigns) {
                lines << tr("%1: %2 sent, %3 failed")
                             .arg(r.campaignName, Formats::count(r.sent), Formats::count(r.failed));
            }
            return lines.join(u'\n');
        }
        return {};
    default:
        return {};
    }
}

QVariant DailySummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Day:
        return tr("Day (UTC)");
    case Campaigns:
        return tr("Campaigns");
    case Sent:
        return tr("Sent");
    case Failed:
        return tr("Failed");
    case FailureRate:
        return tr("Failed share");
    case Delivered:
        return tr("Delivered");
    case Read:
        return tr("Read");
    default:
        return {};
    }
}

} // namespace herald::ui
