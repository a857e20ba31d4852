#include "views/CampaignActions.h"

#include "theme/Icons.h"

#include <QAction>
#include <QMenu>
#include <QToolBar>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace herald::ui {

QAction *CampaignActions::make(QWidget *window, const QString &objectName, const QString &text,
                               const QKeySequence &shortcut, const QString &tip)
{
    auto *a = new QAction(text, window);
    a->setObjectName(objectName);
    if (!shortcut.isEmpty()) {
        a->setShortcut(shortcut);
        a->setShortcutContext(Qt::WindowShortcut);
    }
    a->setToolTip(shortcut.isEmpty() ? tip
                                     : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    m_tips.insert(a, a->toolTip());
    window->addAction(a);
    return a;
}

CampaignActions::CampaignActions(QWidget *window)
    : QObject(window)
{
    newCampaign = make(window, u"actionNewCampaign"_s, tr("&New campaign…"), QKeySequence::New,
                       tr("Create a campaign from a contact file"));
    newCampaign->setIcon(Icons::get(Icons::NewCampaign));
    start = make(window, u"actionStart"_s, tr("&Start"), {}, tr("Start sending the selected campaign"));
    start->setIcon(Icons::get(Icons::Start));
    pause = make(window, u"actionPause"_s, tr("&Pause"), {}, tr("Pause the selected campaign"));
    pause->setIcon(Icons::get(Icons::Pause));
    resume = make(window, u"actionResume"_s, tr("&Resume"), {}, tr("Resume the selected campaign"));
    resume->setIcon(Icons::get(Icons::Resume));
    toggle = make(window, u"actionToggle"_s, tr("Start or pause"), QKeySequence(Qt::Key_Space),
                  tr("Start, pause or resume the selected campaign"));
    toggle->setIcon(Icons::get(Icons::Toggle));
    cancel = make(window, u"actionCancel"_s, tr("&Cancel campaign…"), QKeySequence::Delete,
                  tr("Cancel the selected campaign for good"));
    cancel->setIcon(Icons::get(Icons::Cancel));
    resend = make(window, u"actionResend"_s, tr("Resend &failed…"), {},
                  tr("Queue failed messages of chosen reasons again"));
    resend->setIcon(Icons::get(Icons::Resend));
    duplicate = make(window, u"actionDuplicate"_s, tr("D&uplicate…"), QKeySequence(Qt::CTRL | Qt::Key_D),
                     tr("A new campaign with this one's template, mapping and settings, from another file"));
    duplicate->setIcon(Icons::get(Icons::Duplicate));
    editDraft = make(window, u"actionEditDraft"_s, tr("Edi&t draft…"), QKeySequence(Qt::Key_F2),
                     tr("Change the draft's name, rate ceiling or mapping"));
    editDraft->setIcon(Icons::get(Icons::EditDraft));
    deleteDraft = make(window, u"actionDeleteDraft"_s, tr("&Delete draft…"), {},
                       tr("Delete the draft with its recipients"));
    deleteDraft->setIcon(Icons::get(Icons::DeleteDraft));
    unschedule = make(window, u"actionUnschedule"_s, tr("U&nschedule"), {},
                      tr("Forget the scheduled start: the campaign becomes a draft again"));
    unschedule->setIcon(Icons::get(Icons::Unschedule));
    addContacts =
        make(window, u"actionAddContacts"_s, tr("&Add contacts…"), QKeySequence(Qt::CTRL | Qt::Key_I),
             tr("Import more contacts into the draft or paused campaign"));
    addContacts->setIcon(Icons::get(Icons::AddContacts));
    repair = make(window, u"actionRepair"_s, tr("&Repair counters…"), {},
                  tr("Compare every campaign's counters with a recount and fix them"));
    repair->setIcon(Icons::get(Icons::Repair));
    exportResults = make(window, u"actionExport"_s, tr("&Export results…"), {},
                         tr("Save every recipient's result as a CSV file"));
    exportResults->setIcon(Icons::get(Icons::Export));
    syncTemplates = make(window, u"actionSyncTemplates"_s, tr("S&ync templates"), {},
                         tr("Fetch the message templates from Meta"));
    syncTemplates->setIcon(Icons::get(Icons::SyncTemplates));
    settings = make(window, u"actionSettings"_s, tr("&Settings…"), QKeySequence::Preferences,
                    tr("API account, sending, database and language"));
    settings->setIcon(Icons::get(Icons::Settings));
    refresh =
        make(window, u"actionRefresh"_s, tr("&Refresh"), QKeySequence::Refresh, tr("Read everything again"));
    refresh->setIcon(Icons::get(Icons::Refresh));
    quit = make(window, u"actionQuit"_s, tr("&Quit"), QKeySequence::Quit, tr("Close Herald"));
    quit->setIcon(Icons::get(Icons::Quit));
    quit->setMenuRole(QAction::QuitRole);
    about = make(window, u"actionAbout"_s, tr("&About Herald"), {}, tr("Version and licence"));
    about->setIcon(Icons::get(Icons::About));
    about->setMenuRole(QAction::AboutRole);
}

void CampaignActions::apply(QAction *action, CampaignActionRules::Action rule, const CampaignRow *row,
                            const CampaignActionRules::Situation &here)
{
    const CampaignActionRules::Verdict v = CampaignActionRules::check(rule, row, here);
    action->setEnabled(v.allowed);
    action->setToolTip(v.allowed ? m_tips.value(action) : m_tips.value(action) + u"\n"_s + v.why);
    action->setStatusTip(v.allowed ? QString() : v.why);
}

void CampaignActions::update(const CampaignRow *row, const CampaignActionRules::Situation &here)
{
    using A = CampaignActionRules::Action;
    apply(start, A::Start, row, here);
    apply(pause, A::Pause, row, here);
    apply(resume, A::Resume, row, here);
    apply(cancel, A::Cancel, row, here);
    apply(resend, A::Resend, row, here);
    apply(exportResults, A::Export, row, here);
    apply(duplicate, A::Duplicate, row, here);
    apply(editDraft, A::EditDraft, row, here);
    apply(deleteDraft, A::DeleteDraft, row, here);
    apply(unschedule, A::Unschedule, row, here);
    apply(addContacts, A::AddContacts, row, here);
    toggle->setEnabled(row && CampaignActionRules::toggle(*row, here).has_value());
}

void CampaignActions::fillToolBar(QToolBar *bar) const
{
    bar->addAction(newCampaign);
    bar->addSeparator();
    bar->addAction(start);
    bar->addAction(pause);
    bar->addAction(resume);
    bar->addAction(cancel);
    bar->addSeparator();
    bar->addAction(resend);
    bar->addAction(repair);
    bar->addAction(exportResults);
}

void CampaignActions::fillContextMenu(QMenu *menu) const
{
    menu->addAction(start);
    menu->addAction(pause);
    menu->addAction(resume);
    menu->addAction(cancel);
    menu->addAction(unschedule);
    menu->addSeparator();
    menu->addAction(duplicate);
    menu->addAction(editDraft);
    menu->addAction(addContacts);
    menu->addAction(deleteDraft);
    menu->addSeparator();
    menu->addAction(resend);
    menu->addAction(exportResults);
}

} // namespace herald::ui
