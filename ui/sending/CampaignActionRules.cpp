#include "sending/CampaignActionRules.h"

namespace herald::ui {

namespace {
CampaignActionRules::Verdict yes()
{
    return {true, {}};
}
CampaignActionRules::Verdict no(const QString &why)
{
    return {false, why};
}
bool liveElsewhere(const CampaignRow &r, bool here)
{
    return !here && r.sender && r.sender->live;
}
} // namespace

CampaignActionRules::Verdict CampaignActionRules::check(Action action, const CampaignRow *row,
                                                        const Situation &here)
{
    if (!row) {
        return no(tr("Select a campaign first."));
    }
    const CampaignRow &r = *row;
    const QString state = CampaignStatusMachine::inSentence(r.status);
    switch (action) {
    case Action::Start:
        if (here.starting) {
            return no(tr("Starting…"));
        }
        if (r.status == CampaignStatus::Running) {
            if (here.sendingHere) {
                return no(tr("This window is sending it."));
            }
            if (liveElsewhere(r, false)) {
                return no(
                    tr("It is being sent by %1.").arg(r.sender->describe(QDateTime::currentDateTimeUtc())));
            }
            return yes(); // running with nobody sending it: continue here
        }
        if (r.status != CampaignStatus::Draft && r.status != CampaignStatus::Scheduled) {
            return no(r.status == CampaignStatus::Paused || r.status == CampaignStatus::Stopped
                          ? tr("It is %1: use Resume.").arg(state)
                          : tr("A campaign that is %1 cannot be started.").arg(state));
        }
        return r.pending > 0 ? yes() : no(tr("It has no recipients yet: import contacts first."));
    case Action::Pause:
        return r.status == CampaignStatus::Running ? yes() : no(tr("Only a running campaign can be paused."));
    case Action::Resume:
        if (r.status != CampaignStatus::Paused && r.status != CampaignStatus::Stopped) {
            return no(tr("Only a paused or stopped campaign can be resumed."));
        }
        if (here.starting) {
            return no(tr("Starting…"));
        }
        return r.pending > 0 ? yes() : no(tr("Nothing is left to send: resend failed messages first."));
    case Action::Cancel:
        return CampaignStatusMachine::canTransition(r.status, CampaignStatus::Cancelled)
                   ? yes()
                   : no(tr("A campaign that is %1 cannot be cancelled.").arg(state));
    case Action::Resend:
        if (r.status == CampaignStatus::Cancelled) {
            return no(tr("A cancelled campaign cannot send again."));
        }
        return r.failed > 0 ? yes() : no(tr("No message of this campaign has failed."));
    case Action::Export:
        return r.total > 0 ? yes() : no(tr("It has no recipients yet."));
    case Action::Duplicate:
        return yes();
    case Action::EditDraft:
    case Action::DeleteDraft:
        if (r.status == CampaignStatus::Scheduled) {
            return no(
                tr("It is scheduled: unschedule it first (Campaign ▸ Unschedule), which makes it a draft "
                   "again."));
        }
        if (r.status != CampaignStatus::Draft) {
            return no(action == Action::EditDraft
                          ? tr("Only a draft can be edited; this one is %1.").arg(state)
                          : tr("Only a draft can be deleted; this one is %1: cancel it instead.").arg(state));
        }
        return here.starting ? no(tr("Starting…")) : yes();
    case Action::AddContacts:
        if (r.status != CampaignStatus::Draft && r.status != CampaignStatus::Paused) {
            return no(r.status == CampaignStatus::Running ? tr("It is running: pause it first.")
                                                          : tr("Contacts can be added to a draft or a paused "
                                                               "campaign; this one is %1.")
                                                                .arg(state));
        }
        return here.starting ? no(tr("Starting…")) : yes();
    case Action::Unschedule:
        if (r.status != CampaignStatus::Scheduled) {
            return no(tr("Only a scheduled campaign can be unscheduled; this one is %1.").arg(state));
        }
        return here.starting ? no(tr("Starting…")) : yes();
    }
    return no({});
}

std::optional<CampaignActionRules::Action> CampaignActionRules::toggle(const CampaignRow &row,
                                                                       const Situation &here)
{
    for (Action a : {Action::Pause, Action::Resume, Action::Start}) {
        if (check(a, &row, here).allowed) {
            return a;
        }
    }
    return std::nullopt;
}

} // namespace herald::ui
