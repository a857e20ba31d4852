#pragma once

#include "AppContext.h"
#include "data/CampaignSnapshot.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class QListWidget;
class QStackedWidget;

namespace herald::ui {

class CampaignActions;
class CampaignFeed;
class CampaignTableModel;
class CampaignsPage;
class DailySummaryPage;
class DataService;
class DemoSession;
class InterruptedNotice;
class OptOutsPage;
class SendersPage;
class SendController;
class SenderStatusBar;
class TemplatesPage;
class TrayNotifier;

// Herald's main window: the campaign table and the selected campaign's detail, templates,
// daily summary and opt-outs, the actions, the status bar and the tray. It composes the parts
// and wires them; each part is its own class. Nothing here runs SQL or waits on the network:
// reads and writes go through DataService, sending through SendController.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The parts, for tests and the screenshot script.
    DataService &data() const { return *m_data; }
    CampaignFeed &feed() const { return *m_feed; }
    SendController &sender() const { return *m_sender; }
    CampaignTableModel &campaigns() const { return *m_model; }
    CampaignsPage &campaignsPage() const { return *m_campaignsPage; }
    CampaignActions &actions() const { return *m_actions; }
    SenderStatusBar &statusLine() const { return *m_status; }
    TrayNotifier &tray() const { return *m_tray; }
    DemoSession &demo() const { return *m_demo; }
    InterruptedNotice &interruptedNotice() const { return *m_interrupted; }
    void showPage(int index); // 0 campaigns, 1 templates, 2 daily summary, 3 opt-outs

    // Closes without asking: what a finished test or the OS session manager does; sending is
    // detached first all the same.
    void closeWithoutAsking();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void wire();
    void restoreLayout();
    void saveLayout() const;
    void onSnapshot(const CampaignsSnapshot &snapshot);
    void updateActions();
    void updateTitle();
    void notifyTransitions(const CampaignsSnapshot &snapshot);
    void checkDatabaseAtStart();
    void offerDemo();
    void startDemo();
    void openRepair(const QStringList &schemaProblems = {}, bool migrationFixes = false);
    void openSettings();
    void openResend(const QString &campaignId, const QStringList &reasons);
    void exportResults();
    void confirmCancel();

    AppContext m_context;
    std::unique_ptr<DataService> m_data;
    CampaignFeed *m_feed;
    SendController *m_sender;
    CampaignTableModel *m_model;
    CampaignActions *m_actions;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    CampaignsPage *m_campaignsPage;
    TemplatesPage *m_templatesPage;
    DailySummaryPage *m_dailyPage;
    OptOutsPage *m_optOutsPage;
    SendersPage *m_sendersPage;
    SenderStatusBar *m_status;
    TrayNotifier *m_tray;
    DemoSession *m_demo;
    InterruptedNotice *m_interrupted = nullptr;
    QHash<QString, CampaignStatus> m_lastStatus;
    bool m_closing = false;
    bool m_closed = false;
};

} // namespace herald::ui
