#pragma once

#include "queue/CampaignStatus.h"
#include "theme/StatusColors.h"

#include <QIcon>

class QWidget;
#include <QString>

namespace herald::ui {

// Herald's own icons (resources/icons, embedded under :/icons): one 24×24 grid, 2 px strokes with
// round caps. Action icons are drawn in the palette's text colour at paint time, so they follow
// the theme (and are dimmed when disabled); status icons in their status colour, each with a
// shape of its own. Rendered from SVG at the size and device pixel ratio asked for: sharp at
// 100 to 300 %.
class Icons
{
public:
    enum Icon {
        NewCampaign,
        Start,
        Pause,
        Resume,
        Toggle,
        Cancel,
        Resend,
        Duplicate,
        EditDraft,
        DeleteDraft,
        Unschedule,
        AddContacts,
        Repair,
        Export,
        SyncTemplates,
        Settings,
        Refresh,
        Quit,
        About,
        Campaigns,
        Templates,
        DailySummary,
        OptOuts,
        Senders,
        UserGuide,
        Shortcuts,
        LogFolder,
        IconCount
    };

    static QIcon get(Icon icon);
    static QIcon status(StatusColors::Status status);
    static QIcon app();
    // Beside a status's name in tables: a campaign's, and a message's as send_queue stores it
    // ("ready", "processing", "sent", "failed"; null for anything else).
    static QIcon campaignStatus(CampaignStatus status);
    static QIcon messageStatus(const QString &stored);
    // The main window's pages, in its order: campaigns, templates, daily summary, opt-outs.
    static QIcon page(int index);
    // Actions made outside CampaignActions (the Help menu's) get theirs by object name; an action
    // that has an icon keeps it.
    static void decorate(QWidget *window);

    static QString path(Icon icon);
    static QString path(StatusColors::Status status);
};

} // namespace herald::ui
