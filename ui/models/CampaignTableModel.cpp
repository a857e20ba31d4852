#include "models/CampaignTableModel.h"

#include "theme/Icons.h"
#include "widgets/Formats.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace herald::ui {

CampaignTableModel::CampaignTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int CampaignTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampaignTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Progress:
        return tr("Progress");
    case Sent:
        return tr("Sent");
    case Delivered:
        return tr("Delivered");
    case Read:
        return tr("Read");
    case Failed:
        return tr("Failed");
    case Pending:
        return tr("Pending");
    case Total:
        return tr("Total");
    case Rate:
        return tr("Rate");
    case Eta:
        return tr("ETA");
    case Started:
        return tr("Started");
    case Finished:
        return tr("Finished");
    case Template:
        return tr("Template");
    case ColumnCount:
        break;
    }
    return {};
}

QString CampaignTableModel::statusText(const CampaignRow &r) const
{
    const QString status = CampaignStatusMachine::displayName(r.status);
    if ((r.status == CampaignStatus::Paused || r.status == CampaignStatus::Stopped) &&
        !r.statusReason.isEmpty()) {
        return tr("%1: %2").arg(status, r.statusReason.section(u'\n', 0, 0));
    }
    if (r.status == CampaignStatus::Running) {
        if (!r.sender || !r.sender->live) {
            return tr("%1, waiting for a sender").arg(status);
        }
        if (r.sender->id != m_localSender) {
            return tr("%1 elsewhere").arg(status);
        }
    }
    return status;
}

QString CampaignTableModel::ofSentText(const CampaignRow &r, qint64 n)
{
    if (!r.deliveryTracked && r.delivered == 0 && r.read == 0 && r.failedAfterSend == 0) {
        return u"—"_s;
    }
    if (r.sent == 0) {
        return Formats::count(n); // a share of nothing sent says nothing
    }
    return tr("%1 (%2)").arg(Formats::count(n), Formats::percent(r.ofSent(n)));
}

QString CampaignTableModel::notTrackedTip()
{
    return tr("Delivery not tracked: no webhook receiver has reported a callback for this campaign's "
              "business number. Run herald-cli webhooks serve behind your web server and subscribe "
              "it to the app's \"messages\" webhook in Meta's App Dashboard (see the user guide, "
              "Delivery tracking).");
}

QVariant CampaignTableModel::display(const CampaignRow &r, int column) const
{
    switch (Column(column)) {
    case Name:
        return r.name;
    case Status:
        return statusText(r);
    case Progress:
        return Formats::percent(r.progress());
    case Sent:
        return Formats::count(r.sent);
    case Delivered:
        return ofSentText(r, r.delivered);
    case Read:
        return ofSentText(r, r.read);
    case Failed:
        return Formats::count(r.failed);
    case Pending:
        return Formats::count(r.pending);
    case Total:
        return Formats::count(r.total);
    case Rate:
        return Formats::rate(r.rate);
    case Eta:
        return Formats::eta(r.etaSeconds);
    case Started:
        return Formats::dayTime(r.startTime);
    case Finished:
        return Formats::dayTime(r.endTime);
    case Template:
        return tr("%1 (%2)").arg(r.templateName, r.templateLanguage);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CampaignTableModel::raw(const CampaignRow &r, int column) const
{
    switch (Column(column)) {
    case Name:
        return r.name;
    case Status:
        return int(r.status);
    case Progress:
        return r.progress();
    case Sent:
        return r.sent;
    case Delivered:
        return r.delivered;
    case Read:
        return r.read;
    case Failed:
        return r.failed;
    case Pending:
        return r.pending;
    case Total:
        return r.total;
    case Rate:
        return r.rate;
    case Eta:
        return r.etaSeconds;
    case Started:
        return r.startTime;
    case Finished:
        return r.endTime;
    case Template:
        return r.templateName;
    case ColumnCount:
        break;
    }
    return {};
}

QString CampaignTableModel::tooltip(const CampaignRow &r, int column) const
{
    if (column == Status) {
        QString tip = statusText(r);
        if (!r.statusReason.isEmpty()) {
            tip = CampaignStatusMachine::displayName(r.status) + u"\n"_s + r.statusReason;
        }
        if (r.sender) {
            tip += u"\n"_s + (r.sender->id == m_localSender
                                  ? tr("Sent by this window.")
                                  : tr("Sender: %1").arg(r.sender->describe(m_takenAt)));
        }
        return tip;
    }
    if (column == Progress) {
        return tr("%1 sent, %2 failed, %3 pending of %4")
            .arg(Formats::count(r.sent), Formats::count(r.failed), Formats::count(r.pending),
                 Formats::count(r.total));
    }
    if (column == Delivered || column == Read) {
        if (!r.deliveryTracked) {
            return notTrackedTip();
        }
        QString tip = tr("%1 delivered, %2 read of %3 sent")
                          .arg(Formats::count(r.delivered), Formats::count(r.read), Formats::count(r.sent));
        if (r.failedAfterSend > 0) {
            tip +=
                u"\n"_s + tr("%1 failed after sending (see Failures)").arg(Formats::count(r.failedAfterSend));
        }
        return tip;
    }
    return {};
}

QVariant CampaignTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CampaignRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case RawRole:
        return raw(r, index.column());
    case IdRole:
        return r.id;
    case StatusRole:
        return int(r.status);
    case Qt::ToolTipRole:
        return tooltip(r, index.column());
    case Qt::DecorationRole: // a shape per status beside its name: colour is never the only sign
        return index.column() == Status ? QVariant(Icons::campaignStatus(r.status)) : QVariant();
    case Qt::TextAlignmentRole:
        switch (Column(index.column())) {
        case Sent:
        case Delivered:
        case Read:
        case Failed:
        case Pending:
        case Total:
        case Rate:
        case Eta:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    default:
        return {};
    }
}

void CampaignTableModel::apply(const CampaignsSnapshot &snapshot)
{
    m_takenAt = snapshot.takenAt;
    QHash<QString, qsizetype> incoming;
    for (qsizetype i = 0; i < snapshot.rows.size(); ++i) {
        incoming.insert(snapshot.rows.at(i).id, i);
    }
    // Campaigns that are gone, from the bottom up so the indexes stay valid.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // Changed figures: one signal for the block between the first and last changed row.
    int first = -1;
    int last = -1;
    QSet<QString> present;
    for (int row = 0; row < m_rows.size(); ++row) {
        const CampaignRow &next = snapshot.rows.at(incoming.value(m_rows.at(row).id));
        present.insert(next.id);
        if (!next.sameFigures(m_rows.at(row)) || next.templateName != m_rows.at(row).templateName) {
            m_rows[row] = next;
            first = first < 0 ? row : first;
            last = row;
        } else {
            m_rows[row] = next; // times and settings that nobody displays
        }
    }
    if (first >= 0) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    // New campaigns go to the end; the view's sort puts them where they belong.
    QList<CampaignRow> added;
    for (const CampaignRow &r : snapshot.rows) {
        if (!present.contains(r.id)) {
            added << r;
        }
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows += added;
        endInsertRows();
    }
}

void CampaignTableModel::setLocalSender(const QString &senderId)
{
    m_localSender = senderId;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, Status), index(int(m_rows.size()) - 1, Status));
    }
}

const CampaignRow *CampaignTableModel::campaign(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_rows.at(row);
}

int CampaignTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

} // namespace herald::ui
