#include "wizard/CostSection.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "pricing/CostEstimator.h"
#include "views/CostCountryModel.h"
#include "widgets/MoneyText.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace herald::ui {

CostSection::CostSection(DataService &data, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_clock(clock)
    , m_model(new CostCountryModel(this))
    , m_total(new QLabel(this))
    , m_card(new QLabel(this))
    , m_example(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(u"costSection"_s);
    m_total->setObjectName(u"costTotal"_s);
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    m_card->setObjectName(u"costCard"_s);
    m_card->setWordWrap(true);
    m_example->setObjectName(u"costExampleNote"_s);
    m_example->setWordWrap(true);
    m_example->setStyleSheet(u"color: #8a5300;"_s);
    m_example->setText(tr("⚠ Example rate card — import your own in Settings for a real estimate."));
    m_problem->setObjectName(u"costProblem"_s);
    m_problem->setWordWrap(true);
    m_table->setObjectName(u"costTable"_s);
    m_table->setAccessibleName(tr("Cost by country"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CostCountryModel::Country, QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Estimated cost:"), m_total);
    form->addRow(tr("Rate card:"), m_card);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_example);
    layout->addWidget(m_problem);
    layout->addWidget(m_table);
    setCampaign({});
}

void CostSection::setCampaign(const QString &campaignId)
{
    const int generation = ++m_generation;
    m_estimate.reset();
    m_model->clear();
    m_table->hide();
    m_example->hide();
    m_total->setText(tr("—"));
    m_card->clear();
    m_problem->setText(campaignId.isEmpty() ? tr("The estimate follows the import.") : tr("Estimating…"));
    m_problem->show();
    m_busy = !campaignId.isEmpty();
    if (campaignId.isEmpty()) {
        return;
    }
    m_data.submit<CostEstimate>(
        this,
        [campaignId, clock = &m_clock](Database &db) {
            CostEstimator::Options o;
            o.remainingOnly = true;
            return CostEstimator(db, *clock).estimate(campaignId, o);
        },
        [this, generation](const DataResult<CostEstimate> &r) {
            if (generation != m_generation) {
                return;
            }
            m_busy = false;
            if (!r.ok()) {
                // No category (template not synced) or no card: no number rather than a wrong one.
                m_problem->setText(tr("No cost estimate: %1").arg(r.error));
                return;
            }
            present(*r.value);
        });
}

void CostSection::present(const CostEstimate &e)
{
    m_estimate = e;
    m_model->setEstimate(e);
    const int recipients = int(std::min<qint64>(e.recipients, INT_MAX));
    m_total->setText(tr("%1 for %Ln recipient(s) (%2 messages)", nullptr, recipients)
                         .arg(MoneyText::format(e.totalMicros, e.currency), e.category));
    m_card->setText(tr("%1, effective %2")
                        .arg(e.cardName, QLocale().toString(e.cardEffectiveDate, QLocale::ShortFormat)));
    m_example->setVisible(e.cardIsExample);
    QStringList notes;
    if (e.unpricedRecipients() > 0) {
        const int unpriced = int(std::min<qint64>(e.unpricedRecipients(), INT_MAX));
        notes << tr("%Ln recipient(s) in countries this card does not price, left out of the total.", nullptr,
                    unpriced);
    }
    notes << tr("Meta charges delivered messages only, so this is the most these recipients cost.");
    m_problem->setText(notes.join(u'\n'));
    m_problem->show();
    // As tall as its rows, up to eight; more scroll.
    m_table->resizeRowsToContents();
    const int rows = int(std::min<qsizetype>(e.countries.size(), 8));
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int r = 0; r < rows; ++r) {
        height += m_table->rowHeight(r);
    }
    m_table->setFixedHeight(height);
    m_table->setVisible(!e.countries.isEmpty());
}

} // namespace herald::ui
