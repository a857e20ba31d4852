#include "views/CostEstimatePanel.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "pricing/CostEstimator.h"
#include "templates/TemplateStore.h"
#include "theme/ToneText.h"
#include "views/CostCountryModel.h"
#include "views/StatusBanner.h"
#include "widgets/Formats.h"
#include "widgets/MessageTone.h"
#include "widgets/MoneyText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

// What the data thread answers: the estimate as CostEstimator checked or redid it, and when
// Meta changed the template's category, for the warning.
struct Answer
{
    CostEstimator::Checked checked;
    QDateTime categoryChangedAt;
};

QString dateText(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}

} // namespace

CostEstimatePanel::CostEstimatePanel(DataService &data, const Clock &clock, QWidget *parent)
    : QFrame(parent)
    , m_data(data)
    , m_clock(clock)
    , m_warning(new StatusBanner(this))
    , m_total(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_note(new QLabel(this))
    , m_toggle(new QToolButton(this))
    , m_reestimate(new QPushButton(tr("Re-estimate"), this))
    , m_table(new QTableView(this))
    , m_model(new CostCountryModel(this))
{
    setObjectName(u"costEstimatePanel"_s);
    setFrameShape(QFrame::StyledPanel);
    m_warning->setObjectName(u"estimateWarning"_s);
    m_total->setObjectName(u"estimateTotal"_s);
    m_detail->setObjectName(u"estimateDetail"_s);
    m_note->setObjectName(u"estimateNote"_s);
    m_toggle->setObjectName(u"estimateCountriesToggle"_s);
    m_reestimate->setObjectName(u"estimateRefresh"_s);
    m_table->setObjectName(u"estimateCountries"_s);

    QFont big = m_total->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_total->setFont(big);
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    ToneText::apply(m_note, MessageTone::Warning); // and again on a theme change
    m_toggle->setText(tr("Per country"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setAutoRaise(true);
    m_reestimate->setToolTip(tr("Count the recipients and price them again with the card in use now; "
                                "only those still to send while the campaign is running or paused."));

    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CostCountryModel::Country, QHeaderView::Stretch);
    m_table->hide();

    auto *caption = new QLabel(tr("Estimated cost:"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(caption);
    top->addWidget(m_total);
    top->addStretch(1);
    top->addWidget(m_toggle);
    top->addWidget(m_reestimate);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_warning);
    layout->addLayout(top);
    layout->addWidget(m_detail);
    layout->addWidget(m_note);
    layout->addWidget(m_table);

    connect(m_toggle, &QToolButton::toggled, this, &CostEstimatePanel::setCountriesVisible);
    connect(m_reestimate, &QPushButton::clicked, this, &CostEstimatePanel::reestimate);
    clear();
}

CostEstimatePanel::~CostEstimatePanel() = default;

void CostEstimatePanel::showCampaign(const CampaignRow &row)
{
    m_status = row.status;
    if (row.id == m_id) {
        return; // the estimate does not move with the counters: checked on selection only
    }
    m_id = row.id;
    ++m_generation;
    m_busy = false;
    m_estimate.reset();
    m_model->clear();
    m_warning->clear();
    m_total->setText(u"…"_s);
    m_detail->setText(tr("Reading the estimate…"));
    m_note->hide();
    request(false);
}

void CostEstimatePanel::clear()
{
    ++m_generation;
    m_id.clear();
    m_busy = false;
    m_estimate.reset();
    m_model->clear();
    m_warning->clear();
    m_total->setText(tr("—"));
    m_detail->setText(tr("Select a campaign to see what sending it costs."));
    m_note->hide();
    m_reestimate->setEnabled(false);
    m_toggle->setEnabled(false);
}

void CostEstimatePanel::reestimate()
{
    if (m_id.isEmpty() || m_busy) {
        return;
    }
    m_warning->clear();
    m_detail->setText(tr("Estimating…"));
    request(true);
}

void CostEstimatePanel::request(bool refresh)
{
    const QString id = m_id;
    const int generation = m_generation;
    const Clock *clock = &m_clock;
    // A campaign under way is estimated for what it still has to send.
    const bool remainingOnly = m_status == CampaignStatus::Running || m_status == CampaignStatus::Paused;
    m_busy = true;
    m_reestimate->setEnabled(false);
    m_data.submit<Answer>(
        this,
        [id, clock, refresh, remainingOnly](Database &db) {
            Answer a;
            CostEstimator estimator(db, *clock);
            if (refresh) {
                CostEstimator::Options options;
                options.remainingOnly = remainingOnly;
                a.checked = estimator.refresh(id, options);
            } else {
                a.checked = estimator.checked(id);
            }
            if (a.checked.previous) {
                const CostEstimate &e = a.checked.estimate;
                if (const auto t = TemplateStore(db, *clock).find(e.templateName, e.templateLanguage)) {
                    a.categoryChangedAt = t->categoryChangedAt;
                }
            }
            return a;
        },
        [this, generation](const DataResult<Answer> &r) {
            if (generation != m_generation) {
                return;
            }
            m_busy = false;
            m_reestimate->setEnabled(true);
            ++m_checks;
            if (!r.ok()) {
                showProblem(r.error);
            } else {
                const CostEstimator::Checked &c = r.value->checked;
                showEstimate(c.estimate);
                if (c.previous && !c.warning.isEmpty()) {
                    const CostEstimate &before = *c.previous;
                    const QString when = r.value->categoryChangedAt.isValid()
                                             ? Formats::dayTime(r.value->categoryChangedAt)
                                             : tr("a date Meta did not give");
                    m_warning->showMessage(
                        StatusBanner::Kind::Warning,
                        tr("Meta changed the category of template %1 from %2 to %3 (%4), after the "
                           "estimate of %5: re-estimated, %6 → %7.")
                            .arg(c.estimate.templateName, before.category, c.estimate.category, when,
                                 Formats::dayTime(before.madeAt),
                                 MoneyText::format(before.totalMicros, before.currency),
                                 MoneyText::format(c.estimate.totalMicros, c.estimate.currency)),
                        tr("Dismiss"), [this] { m_warning->clear(); });
                }
            }
            Q_EMIT estimateShown();
        });
}

void CostEstimatePanel::showEstimate(const CostEstimate &e)
{
    m_estimate = e;
    m_model->setEstimate(e);
    m_total->setText(MoneyText::format(e.totalMicros, e.currency));
    QStringList lines;
    for (const CostEstimate::Market &m : e.markets) {
        lines << tr("%1: %2 × %3 = %4")
                     .arg(m.name, Formats::count(m.recipients), MoneyText::format(m.priceMicros),
                          MoneyText::format(m.totalMicros, e.currency));
    }
    m_total->setToolTip(lines.join(u'\n'));
    const int recipients = int(std::min<qint64>(e.recipients, INT_MAX));
    const QString who = e.remainingOnly ? tr("%Ln recipient(s) still to send", nullptr, recipients)
                                        : tr("%Ln recipient(s)", nullptr, recipients);
    m_detail->setText(
        tr("%1, %2 — estimated %3 with %4 (effective %5)")
            .arg(e.category, who, Formats::dayTime(e.madeAt), e.cardName, dateText(e.cardEffectiveDate)));
    QStringList notes;
    if (e.cardIsExample) {
        notes << tr("Herald's example card: its prices are illustrative, not Meta's. Import Meta's card "
                    "in Settings ▸ Rate cards for a real estimate.");
    }
    if (e.unpricedRecipients() > 0) {
        QString reason;
        for (const CostEstimate::Country &c : e.countries) {
            if (!c.unpricedReason.isEmpty()) {
                reason = c.unpricedReason;
                break;
            }
        }
        const int unpriced = int(std::min<qint64>(e.unpricedRecipients(), INT_MAX));
        notes << tr("%Ln recipient(s) not priced and left out of the total (%1).", nullptr, unpriced)
                     .arg(reason);
    }
    m_note->setText(notes.join(u'\n'));
    m_note->setVisible(!notes.isEmpty());
    m_toggle->setEnabled(!e.countries.isEmpty());
    if (m_toggle->isChecked()) {
        setCountriesVisible(true);
    }
}

void CostEstimatePanel::showProblem(const QString &text)
{
    m_estimate.reset();
    m_model->clear();
    m_total->setText(tr("none"));
    m_total->setToolTip({});
    m_detail->setText(tr("No estimate: %1").arg(text));
    m_note->hide();
    m_toggle->setChecked(false);
    m_toggle->setEnabled(false);
}

void CostEstimatePanel::setCountriesVisible(bool visible)
{
    m_toggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    m_table->setVisible(visible && m_model->rowCount() > 0);
    if (m_table->isVisibleTo(this)) {
        // Every row when they are few, a scrolling table of about eight when many.
        const int rows = std::min(m_model->rowCount(), 8);
        m_table->resizeColumnsToContents();
        const int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth() +
                           rows * m_table->verticalHeader()->defaultSectionSize();
        m_table->setFixedHeight(height);
    }
}

QString CostEstimatePanel::totalText() const
{
    return m_total->text();
}

QString CostEstimatePanel::detailText() const
{
    return m_detail->text();
}

QString CostEstimatePanel::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

QString CostEstimatePanel::warningText() const
{
    return m_warning->text();
}

} // namespace herald::ui
