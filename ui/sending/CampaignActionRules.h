#pragma once

#include "data/CampaignSnapshot.h"

#include <QCoreApplication>

namespace herald::ui {

// Which campaign actions make sense now, and, when one does not, why — the tooltip of the
// disabled action. The campaign state machine (core) decides what status may follow which;
// this adds what the console knows: whether it sends the campaign, and whether anything is
// left to send or resend.
class CampaignActionRules
{
    Q_DECLARE_TR_FUNCTIONS(CampaignActionRules)

public:
    enum class Action {
        Start,
        Pause,
        Resume,
        Cancel,
        Resend,
        Export,
        Duplicate,
        EditDraft,
        DeleteDraft,
        AddContacts,
        Unschedule
    };

    struct Verdict
    {
        bool allowed = false;
        QString why; // empty when allowed
    };

    struct Situation
    {
        bool sendingHere = false; // this console sends it
        bool starting = false;    // being planned here
    };

    static Verdict check(Action action, const CampaignRow *row, const Situation &here);
    // What Space does for the campaign: Start, Resume or Pause (or nothing).
    static std::optional<Action> toggle(const CampaignRow &row, const Situation &here);
};

} // namespace herald::ui
