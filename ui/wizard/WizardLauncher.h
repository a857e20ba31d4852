#pragma once

#include "AppContext.h"
#include "data/CampaignSnapshot.h"
#include "wizard/NewCampaignWizard.h"

#include <QObject>
#include <QPointer>

namespace herald::ui {

class MainWindow;

// Opens the new-campaign wizard from the main window (File ▸ New campaign, Ctrl+N, or a CSV
// dropped on the window) and, from a campaign, in its other modes (Duplicate, Change mapping,
// Add contacts); starts the campaign when asked and selects it once the campaign table shows
// it. It also sets up the draft commands (CampaignManagement).
class WizardLauncher : public QObject
{
    Q_OBJECT

public:
    WizardLauncher(MainWindow &window, const AppContext &app);

    // Opens the wizard (or raises the open one) and, with a path, reads that file.
    void open(const QString &path = {});
    // The wizard for a campaign of the table: Duplicate, Reimport or AddContacts. One wizard at
    // a time: with one open already, that one is raised.
    void openFrom(NewCampaignWizard::Mode mode, const CampaignRow &source);
    NewCampaignWizard *wizard() const { return m_wizard; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void show(NewCampaignWizard *wizard);
    void created(const QString &campaignId, bool start);
    void selectCreated();

    MainWindow &m_window;
    AppContext m_app;
    QPointer<NewCampaignWizard> m_wizard;
    QString m_select;
    bool m_opening = false; // a campaign is being read for openFrom()
};

} // namespace herald::ui
