#include "views/CampaignDetail.h"

#include "cloudapi/ErrorPolicy.h"
#include "db/Clock.h"
#include "views/CostEstimatePanel.h"
#include "views/DeliveryFunnel.h"
#include "views/FailuresView.h"
#include "views/NumberHealthLine.h"
#include "views/OverviewCharts.h"
#include "views/PoolNumbersView.h"
#include "views/QuietHoursPanel.h"
#include "views/RecipientsView.h"
#include "views/StatusBanner.h"
#include "widgets/Formats.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// The Graph code a sender put into a pause or stop reason, "… (190): …".
std::optional<int> codeIn(const QString &reason)
{
    static const QRegularExpression code(u"\\((\\d+)\\)"_s);
    const QRegularExpressionMatch m = code.match(reason);
    return m.hasMatch() ? std::optional<int>(m.captured(1).toInt()) : std::nullopt;
}
} // namespace

CampaignDetail::CampaignDetail(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_number(new NumberHealthLine(data, this))
    , m_banner(new StatusBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewCharts(data, this))
    , m_estimate(new CostEstimatePanel(data, Clock::system(), this))
    , m_quietHours(new QuietHoursPanel(data, Clock::system(), this))
    , m_failures(new FailuresView(data, this))
    , m_recipients(new RecipientsView(data, this))
    , m_pool(new PoolNumbersView(data, this))
    , m_funnel(new DeliveryFunnel(this))
{
    setObjectName(u"campaignDetail"_s);
    m_title->setObjectName(u"campaignTitle"_s);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_tabs->setObjectName(u"detailTabs"_s);
    m_overview->setObjectName(u"overviewTab"_s);
    m_failures->setObjectName(u"failuresTab"_s);
    m_recipients->setObjectName(u"recipientsTab"_s);
    // The cost estimate heads the Overview, above the charts.
    auto *overviewPage = new QWidget(this);
    overviewPage->setObjectName(u"overviewPage"_s);
    auto *overviewLayout = new QVBoxLayout(overviewPage);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    overviewLayout->setSpacing(0);
    overviewLayout->addWidget(m_estimate);
    overviewLayout->addWidget(m_quietHours);
    // The delivery funnel beside the charts of sending over time.
    auto *charts = new QHBoxLayout;
    charts->setContentsMargins(0, 0, 0, 0);
    charts->setSpacing(0);
    charts->addWidget(m_overview, 2);
    charts->addWidget(m_funnel, 1);
    overviewLayout->addLayout(charts, 1);
    m_tabs->addTab(overviewPage, tr("Overview"));
    m_tabs->addTab(m_failures, tr("Failures"));
    m_tabs->addTab(m_recipients, tr("Recipients"));
    m_pool->setObjectName(u"numbersTab"_s);
    const int poolTab = m_tabs->addTab(m_pool, tr("Numbers"));
    m_tabs->setTabVisible(poolTab, false);
    connect(m_pool, &PoolNumbersView::poolKnown, this,
            [this, poolTab](bool pool) { m_tabs->setTabVisible(poolTab, pool); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_number);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    connect(m_failures, &FailuresView::reasonSelected, this,
            [this](const QString &reason) { m_recipients->setReasonFilter(reason); });
    connect(m_failures, &FailuresView::resendRequested, this,
            [this](const QStringList &reasons) { Q_EMIT resendRequested(m_id, reasons); });
    clear();
}

void CampaignDetail::showCampaign(const CampaignRow &row, bool sendingHere)
{
    const bool switched = row.id != m_id;
    m_id = row.id;
    setEnabled(true);
    QString started =
        row.startTime.isValid() ? tr("started %1").arg(Formats::dayTime(row.startTime)) : tr("not started");
    QString sender;
    if (row.status == CampaignStatus::Running) {
        sender =
            sendingHere ? tr("sent by this window")
            : row.sender && row.sender->live
                ? tr("sent by %1").arg(row.sender->describe(QDateTime::currentDateTimeUtc()).toHtmlEscaped())
                : tr("waiting for a sender");
    }
    m_title->setText(u"<b>%1</b> — %2 (%3) — %4%5"_s.arg(
        row.name.toHtmlEscaped(), row.templateName.toHtmlEscaped(), row.templateLanguage.toHtmlEscaped(),
        started, sender.isEmpty() ? QString() : u" — "_s + sender));
    m_number->showNumber(row.phoneNumberId);
    showBanner(row);
    m_overview->showCampaign(row);
    m_funnel->showCampaign(row);
    m_estimate->showCampaign(row);
    m_quietHours->showCampaign(row);
    m_failures->showCampaign(row);
    m_recipients->showCampaign(row);
    m_pool->showCampaign(row);
    if (switched) {
        m_recipients->setReasonFilter({});
    }
}

void CampaignDetail::showBanner(const CampaignRow &row)
{
    const QString id = row.id;
    switch (row.status) {
    case CampaignStatus::Paused:
    case CampaignStatus::Stopped: {
        const QString what = row.status == CampaignStatus::Paused ? tr("Paused") : tr("Stopped");
        const QString text = row.statusReason.isEmpty() ? what : tr("%1: %2").arg(what, row.statusReason);
        const auto kind =
            row.status == CampaignStatus::Stopped ? StatusBanner::Kind::Error : StatusBanner::Kind::Warning;
        const ErrorPolicyEntry *entry =
            codeIn(row.statusReason) ? ErrorPolicy::entryForCode(*codeIn(row.statusReason)) : nullptr;
        if (entry && entry->action == ErrorAction::StopSender) {
            m_banner->showMessage(kind, text, tr("Open Settings…"), [this] { Q_EMIT settingsRequested(); });
        } else if (entry && (entry->code == 132001 || entry->code == 132015 || entry->code == 132016)) {
            m_banner->showMessage(kind, text, tr("Sync templates"), [this] { Q_EMIT templatesRequested(); });
        } else if (row.pending > 0) {
            m_banner->showMessage(kind, text, tr("Resume"), [this, id] { Q_EMIT resumeRequested(id); });
        } else {
            m_banner->showMessage(kind, text);
        }
        break;
    }
    case CampaignStatus::Completed: {
        const qint64 seconds =
            row.startTime.isValid() && row.endTime.isValid() ? row.startTime.secsTo(row.endTime) : -1;
        QString text =
            tr("Completed: %1 sent, %2 failed of %3")
                .arg(Formats::count(row.sent), Formats::count(row.failed), Formats::count(row.total));
        if (seconds >= 0) {
            text += tr(" in %1 (%2 – %3)")
                        .arg(Formats::duration(seconds), Formats::dayTime(row.startTime),
                             Formats::dayTime(row.endTime));
        }
        text += u"."_s;
        if (row.failed > 0) {
            m_banner->showMessage(StatusBanner::Kind::Success, text, tr("Resend failed…"),
                                  [this, id] { Q_EMIT resendRequested(id, {}); });
        } else {
            m_banner->showMessage(StatusBanner::Kind::Success, text);
        }
        break;
    }
    case CampaignStatus::Cancelled:
        m_banner->showMessage(StatusBanner::Kind::Information,
                              row.statusReason.isEmpty() ? tr("Cancelled.")
                                                         : tr("Cancelled: %1").arg(row.statusReason));
        break;
    default:
        m_banner->clear();
        break;
    }
}

void CampaignDetail::clear()
{
    m_id.clear();
    m_title->setText(tr("Select a campaign to see its progress, failures and recipients."));
    m_number->clear();
    m_banner->clear();
    m_overview->clear();
    m_funnel->clear();
    m_estimate->clear();
    m_quietHours->clear();
    m_failures->clear();
    m_recipients->clear();
    m_pool->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_pool), false);
    setEnabled(true);
}

void CampaignDetail::setDefaultNumber(const QString &phoneNumberId)
{
    m_number->setDefaultNumber(phoneNumberId);
}

void CampaignDetail::refreshNumberHealth()
{
    m_number->refresh();
}

} // namespace herald::ui
