#include "dialogs/ResendDialog.h"

#include "cloudapi/ErrorPolicy.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "queue/QueueEngine.h"
#include "queue/QueueTypes.h"
#include "widgets/Formats.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QString meaningOf(const ReasonCount &r)
{
    if (r.code) {
        if (const ErrorPolicyEntry *e = ErrorPolicy::entryForCode(*r.code)) {
            return e->meaningText();
        }
    }
    if (r.reason == FailureReason::NoResponse) {
        return ErrorPolicy::entryFor(ErrorSituation::NoResponse).meaningText();
    }
    if (r.reason == FailureReason::Interrupted) {
        return QCoreApplication::translate("ResendDialog",
                                           "The sender stopped while the message was in flight.");
    }
    return {};
}

bool mayHaveArrived(const QString &reason)
{
    return reason == FailureReason::NoResponse || reason == FailureReason::Interrupted;
}
} // namespace

ResendDialog::ResendDialog(DataService &data, const QString &campaignId, const QString &campaignName,
                           const QStringList &preselected, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
    , m_campaignId(campaignId)
    , m_preselected(preselected)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"resendDialog"_s);
    setWindowTitle(tr("Resend failed messages — %1").arg(campaignName));
    m_list->setObjectName(u"resendReasons"_s);
    m_list->setAccessibleName(tr("Failure reasons to resend"));
    m_warning->setObjectName(u"resendWarning"_s);
    m_warning->setWordWrap(true);
    m_warning->setText(
        tr("Some of the ticked messages may already have been delivered (the sender stopped or "
           "Meta did not answer): resending them may message those people twice."));
    m_warning->hide();
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading the failures…"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Resend"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_warning);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ResendDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ResendDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, [this] { updateChoice(); });
    resize(560, 360);
    m_data.submit<QList<ReasonCount>>(
        this, [campaignId](Database &db) { return FailureSummary::byReason(db, campaignId); },
        [this](const DataResult<QList<ReasonCount>> &r) {
            if (!r.ok()) {
                m_summary->setText(r.error);
                return;
            }
            load(*r.value);
        });
}

void ResendDialog::load(const QList<ReasonCount> &reasons)
{
    qint64 total = 0;
    for (const ReasonCount &r : reasons) {
        total += r.count;
        const QString meaning = meaningOf(r);
        const int count = int(r.count);
        auto *item = new QListWidgetItem(
            meaning.isEmpty() ? tr("%1 — %Ln message(s)", nullptr, count).arg(r.reason)
                              : tr("%1 — %Ln message(s): %2", nullptr, count).arg(r.reason, meaning),
            m_list);
        item->setData(Qt::UserRole, r.reason);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        // Preselected reasons, or every reason that certainly did not arrive when none was given.
        const bool tick =
            m_preselected.isEmpty() ? !mayHaveArrived(r.reason) : m_preselected.contains(r.reason);
        item->setCheckState(tick ? Qt::Checked : Qt::Unchecked);
        if (mayHaveArrived(r.reason)) {
            item->setToolTip(
                tr("These messages may have reached their recipients: resending may deliver them twice."));
        }
    }
    updateChoice();
    const int failed = int(total);
    m_summary->setText(reasons.isEmpty() ? tr("No message of this campaign has failed.")
                                         : tr("%Ln message(s) failed. Tick the reasons to send again; "
                                              "opted-out numbers are never resent.",
                                              nullptr, failed));
}

void ResendDialog::updateChoice()
{
    const QStringList chosen = chosenReasons();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosen.isEmpty());
    m_warning->setVisible(std::any_of(chosen.cbegin(), chosen.cend(), mayHaveArrived));
}

QStringList ResendDialog::chosenReasons() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked) {
            out << m_list->item(i)->data(Qt::UserRole).toString();
        }
    }
    return out;
}

void ResendDialog::accept()
{
    const QStringList reasons = chosenReasons();
    if (std::any_of(reasons.cbegin(), reasons.cend(), mayHaveArrived)) {
        // Their outcome is unknown: resending is the user's explicit choice, asked once more.
        Prompt::confirm(this, tr("Resend messages that may have arrived?"),
                        tr("Meta may already have delivered some of these messages; their recipients "
                           "would get them twice. Resend them anyway?"),
                        tr("Resend anyway"), [this, reasons](bool yes) {
                            if (yes) {
                                resend(reasons);
                            }
                        });
        return;
    }
    resend(reasons);
}

void ResendDialog::resend(const QStringList &reasons)
{
    m_buttons->setEnabled(false);
    const QString id = m_campaignId;
    m_data.submit<qint64>(
        this,
        [id, reasons](Database &db) {
            QueueEngine engine(db, Clock::system());
            qint64 n = 0;
            for (const QString &reason : reasons) {
                n += engine.resend(id, reason);
            }
            return n;
        },
        [this](const DataResult<qint64> &r) {
            if (!r.ok()) {
                m_summary->setText(r.error);
                m_buttons->setEnabled(true);
                return;
            }
            Q_EMIT resent(*r.value);
            QDialog::accept();
        });
}

} // namespace herald::ui
