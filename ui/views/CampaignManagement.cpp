#include "views/CampaignManagement.h"

#include "data/CampaignFeed.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "dialogs/EditDraftDialog.h"
#include "dialogs/Prompt.h"
#include "models/CampaignTableModel.h"
#include "queue/CampaignStore.h"
#include "queue/Schedule.h"
#include "views/CampaignActions.h"
#include "views/CampaignsPage.h"
#include "views/MainWindow.h"
#include "widgets/Formats.h"
#include "widgets/SenderStatusBar.h"
#include "wizard/WizardLauncher.h"

#include <QAction>

namespace herald::ui {

CampaignManagement::CampaignManagement(MainWindow &window, WizardLauncher &wizards, const AppContext &app)
    : QObject(&window)
    , m_window(window)
    , m_wizards(wizards)
    , m_app(app)
{
    CampaignActions &actions = window.actions();
    auto fromCurrent = [this](NewCampaignWizard::Mode mode) {
        if (const CampaignRow *row = m_window.campaignsPage().currentCampaign()) {
            m_wizards.openFrom(mode, *row);
        }
    };
    connect(actions.duplicate, &QAction::triggered, this,
            [fromCurrent] { fromCurrent(NewCampaignWizard::Mode::Duplicate); });
    connect(actions.addContacts, &QAction::triggered, this,
            [fromCurrent] { fromCurrent(NewCampaignWizard::Mode::AddContacts); });
    connect(actions.editDraft, &QAction::triggered, this, &CampaignManagement::editDraft);
    connect(actions.deleteDraft, &QAction::triggered, this, &CampaignManagement::deleteDraft);
    connect(actions.unschedule, &QAction::triggered, this, &CampaignManagement::unschedule);
}

void CampaignManagement::editDraft()
{
    const CampaignRow *row = m_window.campaignsPage().currentCampaign();
    if (!row || !m_window.actions().editDraft->isEnabled()) {
        return;
    }
    auto *dialog = new EditDraftDialog(m_window.data(), m_app, *row, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditDraftDialog::saved, &m_window.feed(), &CampaignFeed::refreshNow);
    connect(dialog, &EditDraftDialog::changeMappingRequested, this, [this](const QString &id) {
        if (const CampaignRow *draft = m_window.campaigns().campaign(id)) {
            m_wizards.openFrom(NewCampaignWizard::Mode::Reimport, *draft);
        }
    });
    dialog->open();
}

void CampaignManagement::deleteDraft()
{
    const CampaignRow *row = m_window.campaignsPage().currentCampaign();
    if (!row || !m_window.actions().deleteDraft->isEnabled()) {
        return;
    }
    const QString id = row->id;
    const QString name = row->name;
    Prompt::confirm(
        &m_window, tr("Delete the draft \"%1\"?").arg(name),
        tr("The draft and its %n recipient(s) are deleted. Nothing has been sent from it.", nullptr,
           int(row->total)),
        tr("Delete draft"), [this, id, name](bool yes) {
            if (!yes) {
                return;
            }
            const Clock *clock = m_app.clock ? m_app.clock : &Clock::system();
            m_window.data().submit<bool>(
                this, [id, clock](Database &db) { return CampaignStore(db, *clock).removeDraft(id); },
                [this, name](const DataResult<bool> &r) {
                    if (!r.ok() || !*r.value) {
                        Prompt::tell(&m_window, Prompt::Kind::Warning, tr("The draft was not deleted"),
                                     r.ok() ? tr("\"%1\" is no longer a draft (it was started, scheduled or "
                                                 "deleted meanwhile).")
                                                  .arg(name)
                                            : r.error);
                    } else {
                        m_window.statusLine().showNotice(tr("Deleted the draft \"%1\".").arg(name));
                    }
                    m_window.feed().refreshNow();
                });
        });
}

// Not asked first: nothing is lost, the campaign can be scheduled again from its draft.
void CampaignManagement::unschedule()
{
    const CampaignRow *row = m_window.campaignsPage().currentCampaign();
    if (!row || !m_window.actions().unschedule->isEnabled()) {
        return;
    }
    const QString id = row->id;
    const QString name = row->name;
    const Clock *clock = m_app.clock ? m_app.clock : &Clock::system();
    m_window.data().submit<Campaign>(
        this, [id, clock](Database &db) { return Schedule(db, *clock).unschedule(id); },
        [this, name](const DataResult<Campaign> &r) {
            if (!r.ok()) {
                // Refused when it started, was cancelled or unscheduled meanwhile: the message says which.
                Prompt::tell(&m_window, Prompt::Kind::Warning, tr("The campaign was not unscheduled"),
                             r.error);
            } else {
                m_window.statusLine().showNotice(tr("Unscheduled \"%1\": it is a draft again.").arg(name));
            }
            m_window.feed().refreshNow();
        });
}

} // namespace herald::ui
