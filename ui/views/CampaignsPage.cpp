#include "views/CampaignsPage.h"

#include "delegates/ProgressDelegate.h"
#include "models/CampaignTableModel.h"
#include "views/CampaignDetail.h"
#include "views/StatusBanner.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

CampaignsPage::CampaignsPage(DataService &data, CampaignTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_welcome(new StatusBanner(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_detail(new CampaignDetail(data, this))
    , m_progress(new ProgressDelegate(this))
{
    setObjectName(u"campaignsPage"_s);
    m_welcome->setObjectName(u"welcomeBanner"_s);
    m_filter->setObjectName(u"campaignFilter"_s);
    m_filter->setAccessibleName(tr("Filter campaigns"));
    m_filter->setPlaceholderText(tr("Filter campaigns by name…"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(CampaignTableModel::RawRole);
    m_proxy->setFilterKeyColumn(CampaignTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(u"campaignTable"_s);
    m_table->setAccessibleName(tr("Campaigns"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(CampaignTableModel::Progress, m_progress);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CampaignTableModel::Started, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(CampaignTableModel::Name, 220);
    m_table->setColumnWidth(CampaignTableModel::Status, 170);
    m_table->setColumnWidth(CampaignTableModel::Progress, 150);
    for (int c : {CampaignTableModel::Sent, CampaignTableModel::Delivered, CampaignTableModel::Read,
                  CampaignTableModel::Failed, CampaignTableModel::Pending, CampaignTableModel::Total,
                  CampaignTableModel::Rate, CampaignTableModel::Eta}) {
        // At least the header's width: translated headers run longer ("Fehlgeschlagen").
        m_table->setColumnWidth(c, std::max(80, m_table->horizontalHeader()->sectionSizeHint(c)));
    }
    // Room for a count and its share of sent, "24,363 (95.8 %)".
    const int ofSent =
        m_table->fontMetrics().horizontalAdvance(tr("%1 (%2)").arg(u"88,888"_s, u"88.8 %"_s)) + 16;
    for (int c : {CampaignTableModel::Delivered, CampaignTableModel::Read}) {
        m_table->setColumnWidth(c, std::max(ofSent, m_table->columnWidth(c)));
    }
    for (int c : {CampaignTableModel::Started, CampaignTableModel::Finished}) {
        m_table->setColumnWidth(c, 150);
    }
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT contextMenuRequested(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        refreshDetail();
        Q_EMIT currentChanged(currentCampaignId());
    });

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_welcome);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table);
    m_splitter->setObjectName(u"campaignSplitter"_s);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
}

QString CampaignsPage::currentCampaignId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(CampaignTableModel::IdRole).toString() : QString();
}

const CampaignRow *CampaignsPage::currentCampaign() const
{
    return m_model.campaign(currentCampaignId());
}

void CampaignsPage::selectCampaign(const QString &id)
{
    const int row = m_model.rowOf(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model.index(row, CampaignTableModel::Name));
    if (!index.isValid()) {
        m_filter->clear();
    }
    const QModelIndex shown = m_proxy->mapFromSource(m_model.index(row, CampaignTableModel::Name));
    m_table->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(shown);
}

void CampaignsPage::setSendingHere(std::function<bool(const QString &)> sendingHere)
{
    m_sendingHere = std::move(sendingHere);
}

void CampaignsPage::refreshDetail(bool force)
{
    const CampaignRow *row = currentCampaign();
    if (!row) {
        if (!m_shownId.isEmpty()) {
            m_shownId.clear();
            m_detail->clear();
        }
        return;
    }
    const bool here = m_sendingHere && m_sendingHere(row->id);
    if (!force && row->id == m_shownId && row->sameFigures(m_shown)) {
        return;
    }
    m_shownId = row->id;
    m_shown = *row;
    m_detail->showCampaign(*row, here);
}

} // namespace herald::ui
