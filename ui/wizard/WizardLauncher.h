#pragma once

#include "AppContext.h"
#include "wizard/NewCampaignWizard.h"

#include <QObject>
#include <QPointer>

namespace herald::ui {

class MainWindow;

// Opens the new-campaign wizard from the main window (File ▸ New campaign, Ctrl+N, or a CSV
// dropped on the window), starts the campaign when asked and selects it once the campaign
// table shows it.
class WizardLauncher : public QObject
{
    Q_OBJECT

public:
    WizardLauncher(MainWindow &window, const AppContext &app);

    // Opens the wizard (or raises the open one) and, with a path, reads that file.
    void open(const QString &path = {});
    NewCampaignWizard *wizard() const { return m_wizard; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void created(const QString &campaignId, bool start);

    MainWindow &m_window;
    AppContext m_app;
    QPointer<NewCampaignWizard> m_wizard;
    QString m_select;
};

} // namespace herald::ui
