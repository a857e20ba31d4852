#include "pages/SendersPage.h"

#include "models/SendersModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

SendersPage::SendersPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new SendersModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
{
    m_summary->setObjectName(u"sendersSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(u"sendersView"_s);
    m_view->setAccessibleName(tr("Senders"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // A handful of rows: every column as wide as what it holds, the campaigns taking the rest.
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SendersModel::Campaigns, QHeaderView::Stretch);

    auto *note =
        new QLabel(tr("Every console, herald-cli run and worker using this database, and the campaigns "
                      "each sends. Workers may share a campaign; a console or a run sends one alone. "
                      "One not heard for 10 s is silent: its campaigns go to the next sender."),
                   this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(note);
    setSnapshot({});
}

void SendersPage::setLocalSender(const QString &senderId)
{
    m_model->setLocalSender(senderId);
}

void SendersPage::setSnapshot(const CampaignsSnapshot &snapshot)
{
    const QModelIndex current = m_view->currentIndex();
    const QString selected = current.isValid() ? current.data(SendersModel::IdRole).toString() : QString();
    m_model->setSenders(snapshot.senders);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!selected.isEmpty() && m_model->index(row, 0).data(SendersModel::IdRole).toString() == selected) {
            m_view->selectRow(row);
        }
    }
    m_summary->setText(summaryText());
}

QString SendersPage::summaryText() const
{
    const int all = m_model->rowCount();
    if (all == 0) {
        return tr("Nothing is sending from this database now.");
    }
    const int workers = m_model->countOf(SenderKind::Worker);
    const QString counted =
        tr("%n sender(s), of them %1", nullptr, all).arg(tr("%n worker(s)", nullptr, workers));
    const int silent = m_model->silentCount();
    return silent == 0 ? counted : tr("%1; %2").arg(counted, tr("%n silent", nullptr, silent));
}

} // namespace herald::ui
