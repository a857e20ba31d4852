#pragma once

#include "AppContext.h"

#include <QObject>

namespace herald::ui {

class MainWindow;
class WizardLauncher;

// The campaign commands that manage rather than send: Duplicate…, Edit draft… (name, rate
// ceiling, Change mapping…), Delete draft…, Unschedule and Add contacts…, triggered from the Campaign menu,
// the table's context menu or their shortcuts. The wizard's modes do the importing; the edits
// and the deletion run on the data thread, and the table follows with the next refresh.
class CampaignManagement : public QObject
{
    Q_OBJECT

public:
    CampaignManagement(MainWindow &window, WizardLauncher &wizards, const AppContext &app);

private:
    void editDraft();
    void deleteDraft();
    void unschedule();

    MainWindow &m_window;
    WizardLauncher &m_wizards;
    AppContext m_app;
};

} // namespace herald::ui
