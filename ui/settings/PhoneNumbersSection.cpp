#include "settings/PhoneNumbersSection.h"

#include "AppContext.h"
#include "data/DataService.h"
#include "data/NumberHealthRunner.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "sending/Credentials.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumbersModel.h"
#include "settings/SectionParts.h"
#include "settings/SettingKeys.h"
#include "widgets/HealthText.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

PhoneNumberListing readListing(Database &db, const Clock &clock)
{
    const AppSettings settings(db);
    PhoneNumberListing l;
    l.numbers = PhoneNumberStore(db, clock).list();
    l.defaultId = settings.value(SettingKeys::PhoneNumberId, QString());
    l.unlistedCeiling = SettingKeys::rateCeiling(settings);
    for (const NumberHealth &h : NumberHealthStore(db, clock).all()) {
        l.health.insert(h.id, h);
    }
    return l;
}

} // namespace

PhoneNumbersSection::PhoneNumbersSection(DataService &data, const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_context(context)
    , m_clock(context.clock ? *context.clock : Clock::system())
    , m_health(new NumberHealthRunner(context.database, m_clock, this))
    , m_model(new PhoneNumbersModel(this))
    , m_table(new QTableView(this))
    , m_id(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_ceiling(new QSpinBox(this))
    , m_store(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_checkHealth(new QPushButton(tr("Check health"), this))
    , m_unlisted(SectionParts::note(QString(), this))
    , m_message(new QLabel(this))
{
    setObjectName(u"phoneNumbersSection"_s);
    m_table->setObjectName(u"numbersTable"_s);
    m_table->setAccessibleName(tr("Phone numbers"));
    m_id->setObjectName(u"numberId"_s);
    m_label->setObjectName(u"numberLabel"_s);
    m_ceiling->setObjectName(u"numberCeiling"_s);
    m_store->setObjectName(u"numberStore"_s);
    m_remove->setObjectName(u"numberRemove"_s);
    m_checkHealth->setObjectName(u"numbersCheckHealth"_s);
    m_checkHealth->setToolTip(tr("Asks Meta about each number's quality rating, messaging limit and status, "
                                 "as herald-cli numbers health does."));
    m_unlisted->setObjectName(u"numbersUnlisted"_s);
    m_message->setObjectName(u"numbersMessage"_s);

    m_table->setModel(m_model);
    SectionParts::setUpList(m_table);

    auto *listed = new QGroupBox(tr("The account's numbers"), this);
    auto *listedLayout = new QVBoxLayout(listed);
    listedLayout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_remove);
    row->addStretch();
    row->addWidget(m_checkHealth);
    listedLayout->addLayout(row);
    listedLayout->addWidget(m_unlisted);

    auto *edit = new QGroupBox(tr("Add or change a number"), this);
    auto *form = new QFormLayout(edit);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_id->setPlaceholderText(tr("Digits, from WhatsApp Manager"));
    m_id->setToolTip(tr("Meta's numeric phone number ID, not the phone number itself."));
    m_label->setPlaceholderText(tr("Optional, e.g. Sales"));
    m_label->setMaxLength(200);
    m_ceiling->setRange(1, 1000);
    m_ceiling->setSuffix(tr(" msg/s"));
    m_ceiling->setToolTip(tr(
        "Messages per second at most from this number. Meta allows 80, up to 1,000 for upgraded numbers."));
    form->addRow(tr("Phone number ID:"), m_id);
    form->addRow(tr("Label:"), m_label);
    auto *ceilingRow = new QHBoxLayout;
    ceilingRow->addWidget(m_ceiling);
    ceilingRow->addStretch();
    ceilingRow->addWidget(m_store);
    form->addRow(tr("Ceiling:"), ceilingRow);

    SectionParts::setUpMessage(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(SectionParts::note(
        tr("Every console, herald-cli run and worker sending from a number keeps to its ceiling together "
           "with the others. Stored with the database and changed at once, like herald-cli numbers."),
        this));
    layout->addWidget(listed, 1);
    layout->addWidget(edit);
    layout->addWidget(m_message);

    connect(m_store, &QPushButton::clicked, this, &PhoneNumbersSection::store);
    connect(m_id, &QLineEdit::returnPressed, this, &PhoneNumbersSection::store);
    connect(m_remove, &QPushButton::clicked, this, &PhoneNumbersSection::removeSelected);
    connect(m_checkHealth, &QPushButton::clicked, this, &PhoneNumbersSection::checkHealth);
    connect(m_health, &NumberHealthRunner::finished, this, &PhoneNumbersSection::onHealth);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PhoneNumbersSection::fillFormFromSelection);
    connect(m_id, &QLineEdit::textChanged, this, &PhoneNumbersSection::updateButtons);
    connect(m_ceiling, &QSpinBox::valueChanged, this, [this] { m_ceilingTouched = true; });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PhoneNumbersSection::updateButtons);
    updateButtons();
    reload();
}

PhoneNumbersSection::~PhoneNumbersSection() = default;

QString PhoneNumbersSection::message() const
{
    return m_message->text();
}

void PhoneNumbersSection::showMessage(const QString &text, bool error)
{
    m_error = error;
    SectionParts::showMessage(m_message, text, error);
}

void PhoneNumbersSection::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void PhoneNumbersSection::updateButtons()
{
    const bool listed = m_model->rowOf(m_id->text().trimmed()) >= 0;
    m_store->setText(listed ? tr("Change") : tr("Add"));
    m_store->setEnabled(!m_busy && m_loaded && !m_id->text().trimmed().isEmpty());
    m_remove->setEnabled(!m_busy && !selectedId().isEmpty());
    m_checkHealth->setEnabled(!m_busy && m_loaded);
}

QString PhoneNumbersSection::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->numberAt(rows.first().row()).id;
}

void PhoneNumbersSection::fillFormFromSelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty()) {
        const PhoneNumber &n = m_model->numberAt(rows.first().row());
        m_id->setText(n.id);
        m_label->setText(n.label);
        const QSignalBlocker quiet(m_ceiling);
        m_ceiling->setValue(int(std::lround(n.ceiling)));
        m_ceilingTouched = false;
    }
    updateButtons();
}

void PhoneNumbersSection::reload()
{
    const Clock *clock = &m_clock;
    m_data.submit<PhoneNumberListing>(
        this, [clock](Database &db) { return readListing(db, *clock); },
        [this](const DataResult<PhoneNumberListing> &r) {
            if (!r.ok()) {
                showMessage(tr("The phone numbers cannot be read: %1").arg(r.error), true);
                return;
            }
            const QString keep = m_selectAfterLoad.isEmpty() ? selectedId() : m_selectAfterLoad;
            m_selectAfterLoad.clear();
            m_model->setListing(*r.value);
            QString unlisted =
                tr("A number not listed sends at the rate ceiling on the Sending tab: %1 msg/s.")
                    .arg(QLocale().toString(r.value->unlistedCeiling));
            if (const QString d = r.value->defaultId; !d.isEmpty() && m_model->rowOf(d) < 0) {
                // The default number is not in the table: its health goes here.
                const auto h = r.value->health.constFind(d);
                const NumberHealth *health = h == r.value->health.cend() ? nullptr : &*h;
                unlisted +=
                    u' ' + tr("The default number %1 (Cloud API tab): %2.").arg(d, HealthText::brief(health));
                m_unlisted->setToolTip(HealthText::details(health));
            } else {
                m_unlisted->setToolTip(QString());
            }
            m_unlisted->setText(unlisted);
            if (!m_ceilingTouched && m_model->rowOf(m_id->text().trimmed()) < 0) {
                const QSignalBlocker quiet(m_ceiling);
                m_ceiling->setValue(int(std::lround(r.value->unlistedCeiling)));
            }
            m_loaded = true;
            if (const int row = m_model->rowOf(keep); row >= 0) {
                m_table->selectRow(row);
            }
            updateButtons();
            Q_EMIT listed();
        });
}

void PhoneNumbersSection::store()
{
    const QString id = m_id->text().trimmed();
    if (m_busy || id.isEmpty()) {
        return;
    }
    if (const QString why = PhoneNumberStore::idProblem(id); !why.isEmpty()) {
        showMessage(why, true);
        m_id->setFocus();
        return;
    }
    const double ceiling = m_ceiling->value();
    const QString label = m_label->text().trimmed();
    const Clock *clock = &m_clock;
    setBusy(true);
    m_data.submit<bool>(
        this,
        [clock, id, ceiling, label](Database &db) {
            return PhoneNumberStore(db, *clock).add(id, ceiling, label);
        },
        [this, id, ceiling](const DataResult<bool> &r) {
            setBusy(false);
            if (!r.ok()) {
                showMessage(tr("%1 was not stored: %2").arg(id, r.error), true);
                return;
            }
            showMessage((*r.value ? tr("Added %1: at most %2 msg/s.") : tr("Changed %1: at most %2 msg/s."))
                            .arg(id, QLocale().toString(ceiling)),
                        false);
            m_selectAfterLoad = id;
            reload();
        });
}

void PhoneNumbersSection::removeSelected()
{
    const QString id = selectedId();
    if (id.isEmpty() || m_busy) {
        return;
    }
    Prompt::confirm(
        this, tr("Remove phone number"),
        tr("Remove %1 from the account's numbers? Campaigns sending from it afterwards use the rate "
           "ceiling on the Sending tab.")
            .arg(id),
        tr("Remove"), [self = QPointer<PhoneNumbersSection>(this), id](bool yes) {
            if (!self || !yes) {
                return;
            }
            const Clock *clock = &self->m_clock;
            self->setBusy(true);
            self->m_data.submit<bool>(
                self, [clock, id](Database &db) { return PhoneNumberStore(db, *clock).remove(id); },
                [self, id](const DataResult<bool> &r) {
                    self->setBusy(false);
                    if (!r.ok()) {
                        self->showMessage(tr("%1 was not removed: %2").arg(id, r.error), true);
                    } else {
                        self->showMessage(*r.value ? tr("Removed %1.").arg(id)
                                                   : tr("%1 was already removed.").arg(id),
                                          false);
                        self->m_id->clear();
                        self->m_label->clear();
                        self->m_ceilingTouched = false;
                    }
                    self->reload();
                });
        });
}

bool PhoneNumbersSection::isCheckingHealth() const
{
    return m_health->isRunning();
}

void PhoneNumbersSection::checkHealth()
{
    if (m_busy) {
        return;
    }
    setBusy(true);
    showMessage(tr("Asking Meta about the numbers…"), false);
    const auto go = [self = QPointer<PhoneNumbersSection>(this)](const QString &token,
                                                                 const QString &problem) {
        if (!self) {
            return;
        }
        if (token.isEmpty() && !self->m_context.apiOverride) {
            self->setBusy(false);
            self->showMessage(problem.isEmpty()
                                  ? tr("No access token is set. Enter it on the Cloud API tab and "
                                       "check again.")
                                  : problem,
                              true);
            Q_EMIT self->healthChecked();
            return;
        }
        NumberHealthRunner::Request request;
        request.apiOverride = self->m_context.apiOverride;
        request.accessToken = token;
        self->m_health->start(request);
    };
    if (m_context.credentials) {
        m_context.credentials->accessToken(go);
    } else {
        go(QString(), QString());
    }
}

void PhoneNumbersSection::onHealth(const NumberHealthRun &run)
{
    setBusy(false);
    if (!run.ok()) {
        showMessage(run.error, true);
    } else if (const int unread = run.unread(); unread > 0) {
        showMessage(tr("Meta answered for %n number(s).", nullptr, int(run.results.size()) - unread) + u' ' +
                        tr("%n could not be read: the Health column's tooltip says why.", nullptr, unread),
                    true);
    } else {
        showMessage(tr("Meta answered for %n number(s).", nullptr, int(run.results.size())), false);
    }
    reload();
    Q_EMIT healthChecked();
}

} // namespace herald::ui
