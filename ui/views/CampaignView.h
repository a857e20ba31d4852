#pragma once

namespace herald::ui {

struct CampaignRow;

// A view of the selected campaign in the detail pane (overview charts, failures, recipients).
// showCampaign() is called when the selection changes and again with every snapshot in which
// the selected campaign's figures moved, so a view refreshes what it shows when the figures
// say it changed — never on a timer of its own. clear() when nothing is selected.
class CampaignView
{
public:
    virtual ~CampaignView() = default;
    virtual void showCampaign(const CampaignRow &row) = 0;
    virtual void clear() = 0;
};

} // namespace herald::ui
