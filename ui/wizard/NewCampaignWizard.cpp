#include "wizard/NewCampaignWizard.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/DbError.h"
#include "dialogs/Prompt.h"
#include "pricing/CostEstimator.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"
#include "queue/QuietHoursQueue.h"
#include "queue/Schedule.h"
#include "settings/SettingKeys.h"
#include "wizard/ContactsPage.h"
#include "wizard/MessagePage.h"
#include "wizard/PhonePage.h"
#include "wizard/ReviewPage.h"
#include "wizard/SendFromSection.h"
#include "wizard/WizardImport.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}
} // namespace

NewCampaignWizard::NewCampaignWizard(DataService &data, const AppContext &app, QWidget *parent)
    : QWizard(parent)
    , m_data(data)
    , m_dataAlive(&data)
    , m_app(app)
    , m_contacts(new ContactsPage(m_state, this))
    , m_phones(new PhonePage(m_state, this))
    , m_message(new MessagePage(m_state, data, clockOf(app), this))
    , m_review(new ReviewPage(m_state, data, app, this))
{
    setObjectName(u"newCampaignWizard"_s);
    setWindowTitle(tr("New campaign"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(Contacts, m_contacts);
    setPage(Phones, m_phones);
    setPage(Message, m_message);
    setPage(Review, m_review);
    setButtonText(QWizard::FinishButton, tr("&Create campaign"));
    resize(920, 680);
    loadDefaults();
}

NewCampaignWizard::NewCampaignWizard(DataService &data, const AppContext &app, Mode mode,
                                     const QString &sourceId, const WizardPreset &preset, QWidget *parent)
    : NewCampaignWizard(data, app, parent)
{
    m_mode = mode;
    m_sourceId = sourceId;
    m_preset = preset;
    setUpMode();
}

void NewCampaignWizard::setUpMode()
{
    const QString name = m_preset.campaignName();
    QString subTitle;
    switch (m_mode) {
    case Mode::New:
        return;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate “%1”").arg(name));
        m_state.campaignName = m_preset.copyName({});
        subTitle =
            tr("Choose the file for the copy of “%1”: its template, mapping and settings are taken over.")
                .arg(name);
        break;
    case Mode::Reimport:
        setWindowTitle(tr("Change the mapping of “%1”").arg(name));
        // The old draft stays as it is until Finish, so the new import needs a name of its own
        // meanwhile; Finish gives it the draft's name and deletes the old one.
        m_state.campaignName = tr("%1 (new mapping)").arg(name);
        setButtonText(QWizard::FinishButton, tr("&Replace the draft"));
        subTitle = tr("Choose the file again: Herald imports it with the new mapping into a new draft, which "
                      "replaces “%1” when you click Replace the draft. Leaving keeps the old draft as it is.")
                       .arg(name);
        break;
    case Mode::AddContacts:
        setWindowTitle(tr("Add contacts to “%1”").arg(name));
        m_state.campaignName = name;
        setButtonText(QWizard::FinishButton, tr("&Add the contacts"));
        subTitle = tr("Choose the file with more contacts for “%1”. Numbers already in the campaign are "
                      "left out; leaving the wizard takes the added ones out again.")
                       .arg(name);
        break;
    }
    QStringList columnKeys;
    for (auto it = m_preset.mapping().cbegin(); it != m_preset.mapping().cend(); ++it) {
        if (!it->column.isEmpty()) {
            columnKeys << it.key();
        }
    }
    m_contacts->presetReading(m_preset.readOptions(), subTitle);
    if (m_mode == Mode::Duplicate || m_mode == Mode::Reimport) {
        m_state.carried = m_preset.settings();
        m_review->setNumbersFrom(m_sourceId);
        m_state.skipRecentDays =
            m_preset.settings().value(u"import"_s).toObject().value(u"skip_recent_days"_s).toInt();
    }
    if (m_mode == Mode::AddContacts) {
        m_review->setExistingCampaign(m_sourceId);
        m_message->setSubTitle(
            tr("The campaign's template and mapping: the new contacts get the same message. A "
               "column this file names differently can be chosen."));
        m_review->setSubTitle(
            tr("Herald adds the file's contacts to “%1”: numbers already in it, opted out or "
               "rejected are left out. Nothing is sent until it is started or resumed.")
                .arg(name));
    }
    m_message->setPreset(m_preset.templateName(), m_preset.templateLanguage(), columnKeys,
                         m_mode == Mode::AddContacts);
}

void NewCampaignWizard::finishAdding()
{
    // The rows are in the campaign already; its settings stay its own. What it still has to
    // send changed, so its estimate is made again (no card or category: it has none).
    m_finishing = true;
    button(QWizard::FinishButton)->setEnabled(false);
    const QString id = m_review->takeCampaign();
    const bool start = m_review->when() == ScheduleSection::When::Now;
    m_data.submit<QString>(
        this,
        [id, clock = &clockOf(m_app)](Database &db) {
            try {
                CostEstimator::Options o;
                o.remainingOnly = true;
                // refresh(), not estimateAndStore(): a category Meta changed since the last
                // estimate is said now, not lost under the new estimate.
                return CostEstimator(db, *clock).refresh(id, o).warning;
            } catch (const DbError &e) {
                if (e.kind() != DbError::Kind::Refused && e.kind() != DbError::Kind::NotFound) {
                    throw;
                }
            }
            return QString();
        },
        [this, id, start](const DataResult<QString> &r) {
            m_finishing = false;
            Q_EMIT campaignCreated(id, start);
            QWidget *window = parentWidget();
            QWizard::accept();
            if (r.ok() && !r.value->isEmpty()) {
                Prompt::tell(window, Prompt::Kind::Warning, tr("The template's category changed"), *r.value);
            }
        });
}

void NewCampaignWizard::setCampaignName(const QString &name)
{
    m_state.campaignName = name;
}

void NewCampaignWizard::initializePage(int id)
{
    // Page 1 forgets the phone column whenever it reads a file: a file not yet seen with the
    // campaign's settings. The region and "mobile only" only come with the first one: after
    // that they are the user's.
    if (id == Phones && m_mode != Mode::New && m_state.phoneColumn < 0 && m_state.file.ok()) {
        const WizardPreset::Outcome outcome = m_preset.apply(m_state, !m_presetApplied);
        m_presetApplied = true;
        m_message->setMissingColumns(outcome.missing);
    }
    QWizard::initializePage(id);
}

NewCampaignWizard::~NewCampaignWizard()
{
    if (m_dataAlive) {
        m_review->undoImport();
    }
}

void NewCampaignWizard::loadDefaults()
{
    m_data.submit<QString>(
        this, [](Database &db) { return AppSettings(db).value(SettingKeys::ImportRegion, QString()); },
        [this](const DataResult<QString> &r) {
            // A campaign's own country wins over the one from Settings.
            if (r.ok() && (m_mode == Mode::New || m_preset.region().isEmpty())) {
                m_phones->setDefaultRegion(*r.value);
            }
        });
}

void NewCampaignWizard::setFile(const QString &path)
{
    if (currentId() != Contacts) {
        return; // a file dropped later does not throw away the pages' choices
    }
    m_contacts->setFile(path);
}

void NewCampaignWizard::accept()
{
    if (m_finishing) {
        return;
    }
    if (m_mode == Mode::AddContacts) {
        finishAdding();
        return;
    }
    // Time moves on while the page is open: a start that has passed since is said now.
    if (const QString late = m_review->scheduleSection()->problem(); !late.isEmpty()) {
        m_review->scheduleSection()->refresh();
        Prompt::tell(this, Prompt::Kind::Error, tr("The campaign cannot be scheduled"), late);
        return;
    }
    m_finishing = true;
    button(QWizard::FinishButton)->setEnabled(false);
    const QString id = m_review->takeCampaign();
    const QJsonObject settings = m_review->finalSettings();
    const QStringList numbers = m_review->sendFromSection()->choice();
    const QuietHours quietHours = m_review->quietHours();
    const ScheduleSection::When when = m_review->when();
    const QDateTime at = m_review->startUtc();
    const bool start = when == ScheduleSection::When::Now;
    // One job, in this order: the settings and the numbers to send from; for Change mapping, the new draft
    // takes the old one's place (before anything can start or schedule it, so that the old draft never lives
    // on beside a campaign that sends to the same people); quiet hours; the estimate; the
    // schedule. A refusal (a time that has passed meanwhile, the old draft no longer a draft)
    // comes back as words with the draft kept; each step is whole on its own.
    const QString replaces = m_mode == Mode::Reimport ? m_sourceId : QString();
    m_data.submit<QString>(
        this,
        [id, replaces, settings, numbers, quietHours, when, at, clock = &clockOf(m_app)](Database &db) {
            try {
                CampaignStore(db, *clock).updateSettings(id, settings);
                if (!numbers.isEmpty()) {
                    NumberPool(db, *clock).choose(id, numbers); // one number, or a pool
                }
                if (!replaces.isEmpty()) {
                    CampaignStore(db, *clock).replaceDraft(replaces, id);
                }
                QuietHoursQueue::apply(db, *clock, id, quietHours);
                try {
                    CostEstimator::Options o;
                    o.remainingOnly = true;
                    CostEstimator(db, *clock).estimateAndStore(id, o);
                } catch (const DbError &e) {
                    // No category or no card: the page said so; the campaign has no estimate.
                    if (e.kind() != DbError::Kind::Refused && e.kind() != DbError::Kind::NotFound) {
                        throw;
                    }
                }
                if (when == ScheduleSection::When::At) {
                    Schedule(db, *clock).schedule(id, at);
                }
            } catch (const DbError &e) {
                if (e.kind() == DbError::Kind::Refused) {
                    return e.message();
                }
                throw;
            }
            return QString();
        },
        [this, id, start](const DataResult<QString> &r) {
            m_finishing = false;
            if (!r.ok()) {
                Prompt::tell(this, Prompt::Kind::Error, tr("The campaign could not be saved"), r.error);
                WizardImport::removeDraft(m_data, id);
                QWizard::reject();
                return;
            }
            if (!r.value->isEmpty()) {
                Prompt::tell(this, Prompt::Kind::Error, tr("The campaign could not be scheduled"), *r.value);
                m_review->giveBackCampaign(id);
                button(QWizard::FinishButton)->setEnabled(m_review->isComplete());
                return;
            }
            Q_EMIT campaignCreated(id, start);
            QWizard::accept();
        });
}

void NewCampaignWizard::reject()
{
    if (m_finishing) {
        return; // Finish is writing the campaign: its answer decides what stays
    }
    m_review->undoImport();
    QWizard::reject();
}

} // namespace herald::ui
