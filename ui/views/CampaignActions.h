#pragma once

#include "sending/CampaignActionRules.h"

#include <QObject>

class QAction;
class QMenu;
class QToolBar;
class QWidget;

namespace herald::ui {

// Every action of the console, with its shortcut, object name (tests trigger them by it) and
// the rule that enables it: a campaign action is disabled when the selected campaign's state
// forbids it, with a tooltip saying why.
class CampaignActions : public QObject
{
    Q_OBJECT

public:
    explicit CampaignActions(QWidget *window);

    QAction *newCampaign;
    QAction *start;
    QAction *pause;
    QAction *resume;
    QAction *toggle; // Space: start, pause or resume, whichever applies
    QAction *cancel;
    QAction *resend;
    QAction *duplicate;
    QAction *editDraft;
    QAction *deleteDraft;
    QAction *unschedule;
    QAction *addContacts;
    QAction *repair;
    QAction *exportResults;
    QAction *syncTemplates;
    QAction *settings;
    QAction *refresh;
    QAction *quit;
    QAction *about;

    void update(const CampaignRow *row, const CampaignActionRules::Situation &here);
    void fillToolBar(QToolBar *bar) const;
    void fillContextMenu(QMenu *menu) const;

private:
    QAction *make(QWidget *window, const QString &objectName, const QString &text,
                  const QKeySequence &shortcut, const QString &tip);
    void apply(QAction *action, CampaignActionRules::Action rule, const CampaignRow *row,
               const CampaignActionRules::Situation &here);

    QHash<QAction *, QString> m_tips;
};

} // namespace herald::ui
