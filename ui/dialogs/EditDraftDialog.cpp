#include "dialogs/EditDraftDialog.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

EditDraftDialog::EditDraftDialog(DataService &data, const AppContext &app, const CampaignRow &draft,
                                 QWidget *parent)
    : QDialog(parent)
    , m_data(data)
    , m_app(app)
    , m_id(draft.id)
    , m_name(new QLineEdit(draft.name, this))
    , m_rate(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_changeMapping(new QPushButton(tr("Change &mapping…"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"editDraftDialog"_s);
    setWindowTitle(tr("Edit draft “%1”").arg(draft.name));

    m_name->setObjectName(u"draftName"_s);
    m_name->setMaxLength(int(CampaignStore::kMaxNameLength));
    m_name->setMinimumWidth(m_name->fontMetrics().horizontalAdvance(u'x') * 40);
    m_rate->setObjectName(u"draftRate"_s);
    m_rate->setPlaceholderText(tr("the number's own limit"));
    m_rate->setMaximumWidth(m_rate->fontMetrics().horizontalAdvance(m_rate->placeholderText()) + 24);
    const double rate = draft.settings.value(u"rate"_s).toDouble();
    if (rate > 0) {
        m_rate->setText(QLocale().toString(rate));
    }
    auto *rateRow = new QHBoxLayout;
    rateRow->addWidget(m_rate);
    rateRow->addWidget(new QLabel(tr("messages per second at most"), this), 1);

    const int recipients = int(draft.total);
    auto *message = new QLabel(
        tr("%1 (%2) · %Ln recipient(s)", nullptr, recipients).arg(draft.templateName, draft.templateLanguage),
        this);
    message->setObjectName(u"draftMessage"_s);
    auto *mappingRow = new QHBoxLayout;
    mappingRow->addWidget(message, 1);
    m_changeMapping->setObjectName(u"changeMapping"_s);
    m_changeMapping->setToolTip(
        tr("Fill the template's variables differently. Herald asks for the contact file "
           "again and imports it into a new draft, which replaces this one (same name) "
           "when you finish; until then this draft stays as it is."));
    mappingRow->addWidget(m_changeMapping);

    m_problem->setObjectName(u"editProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b00020;"_s);
    m_problem->hide();
    m_buttons->setObjectName(u"editButtons"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *rateLabel = new QLabel(tr("&Rate ceiling:"), this); // a row of a layout gets no buddy of its own
    rateLabel->setBuddy(m_rate);
    form->addRow(rateLabel, rateRow);
    form->addRow(tr("Message:"), mappingRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditDraftDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EditDraftDialog::reject);
    connect(m_changeMapping, &QPushButton::clicked, this, [this] {
        Q_EMIT changeMappingRequested(m_id);
        reject();
    });
}

bool EditDraftDialog::parseRate(const QString &text, std::optional<double> *rate)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        rate->reset();
        return true;
    }
    bool ok = false;
    double value = QLocale().toDouble(trimmed, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(trimmed, &ok);
    }
    if (ok) {
        *rate = value;
    }
    return ok;
}

void EditDraftDialog::refuse(const QString &why)
{
    m_problem->setText(why);
    m_problem->show();
}

void EditDraftDialog::accept()
{
    if (m_saving) {
        return;
    }
    std::optional<double> rate;
    if (!parseRate(m_rate->text(), &rate)) {
        refuse(
            tr("The rate ceiling is a number of messages per second, e.g. 20 or 2.5; leave it empty for the "
               "phone number's own limit."));
        m_rate->setFocus();
        return;
    }
    // The store checks the name and the rate too (and that it is still a draft); its refusal
    // is shown as it words it.
    m_saving = true;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    const Clock *clock = m_app.clock ? m_app.clock : &Clock::system();
    m_data.submit<Campaign>(
        this,
        [id = m_id, name = m_name->text(), rate, clock](Database &db) {
            return CampaignStore(db, *clock).updateDraft(id, name, rate);
        },
        [this](const DataResult<Campaign> &r) {
            m_saving = false;
            m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
            if (!r.ok()) {
                refuse(r.error);
                return;
            }
            Q_EMIT saved(m_id);
            QDialog::accept();
        });
}

} // namespace herald::ui
