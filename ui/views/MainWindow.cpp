#include "views/MainWindow.h"

#include "data/CampaignFeed.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"
#include "dialogs/Prompt.h"
#include "dialogs/RepairDialog.h"
#include "dialogs/ResendDialog.h"
#include "dialogs/SettingsDialog.h"
#include "help/HelpMenu.h"
#include "import/ResultExporter.h"
#include "models/CampaignTableModel.h"
#include "pages/DailySummaryPage.h"
#include "pages/OptOutsPage.h"
#include "pages/SendersPage.h"
#include "pages/TemplatesPage.h"
#include "privacy/ErasePersonAction.h"
#include "privacy/RetentionSchedule.h"
#include "queue/QueueTypes.h"
#include "queue/Repair.h"
#include "sender/InterruptedReport.h"
#include "sending/DemoSession.h"
#include "sending/SendController.h"
#include "settings/SettingKeys.h"
#include "theme/Icons.h"
#include "theme/ThemeMenu.h"
#include "views/CampaignActions.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/InterruptedNotice.h"
#include "views/StatusBanner.h"
#include "widgets/Formats.h"
#include "widgets/HeaderFit.h"
#include "widgets/SenderStatusBar.h"
#include "widgets/ShortcutTips.h"
#include "widgets/TrayNotifier.h"
#include "wizard/WizardLauncher.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}

struct StartCheck
{
    QStringList schemaProblems;
    bool migrationFixes = false;
    int campaignsToRepair = 0;
    InterruptedSummary interrupted;
};
} // namespace

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_data(std::make_unique<DataService>(context.database))
    , m_feed(new CampaignFeed(*m_data, clockOf(context), this))
    , m_sender(new SendController(*m_data, context, this, this))
    , m_model(new CampaignTableModel(this))
    , m_actions(new CampaignActions(this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_campaignsPage(new CampaignsPage(*m_data, *m_model, this))
    , m_templatesPage(new TemplatesPage(*m_data, m_context, this))
    , m_dailyPage(new DailySummaryPage(*m_data, m_context, this))
    , m_optOutsPage(new OptOutsPage(*m_data, m_context, this))
    , m_sendersPage(new SendersPage(this))
    , m_status(new SenderStatusBar(statusBar(), context.database.displayName(), this))
    , m_tray(new TrayNotifier(this, this))
    , m_demo(new DemoSession(*m_data, *m_sender, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Herald"));
    m_model->setLocalSender(m_sender->senderId());
    m_campaignsPage->setSendingHere([this](const QString &id) { return m_sender->isSending(id); });

    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Pages"));
    for (const QString &page :
         {tr("Campaigns"), tr("Templates"), tr("Daily summary"), tr("Opt-outs"), tr("Senders")}) {
        m_navigation->addItem(page);
    }
    m_navigation->setCurrentRow(0);
    m_pages->setObjectName(u"pages"_s);
    m_templatesPage->setObjectName(u"templatesPage"_s);
    m_dailyPage->setObjectName(u"dailyPage"_s);
    m_optOutsPage->setObjectName(u"optOutsPage"_s);
    m_sendersPage->setObjectName(u"sendersPage"_s);
    m_sendersPage->setLocalSender(m_sender->senderId());
    m_pages->addWidget(m_campaignsPage);
    m_pages->addWidget(m_templatesPage);
    m_pages->addWidget(m_dailyPage);
    m_pages->addWidget(m_optOutsPage);
    m_pages->addWidget(m_sendersPage);
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central); // the notice after a crash above the pages
    column->setContentsMargins(6, 6, 6, 0);
    m_interrupted = new InterruptedNotice(central);
    column->addWidget(m_interrupted);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    column->addLayout(layout, 1);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Campaign"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actions->fillToolBar(toolbar);
    buildMenus();
    // Wide enough for the longest page name with its icon (buildMenus gives the pages their icons).
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setFixedWidth(std::max(140, m_navigation->sizeHintForColumn(0) + 24));
    wire();
    restoreLayout();
    updateActions();
    m_feed->start(context.pollInterval);
    checkDatabaseAtStart();
    offerDemo();
    ShortcutTips::apply(this);
}

MainWindow::~MainWindow()
{
    m_feed->stop();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions->newCampaign);
    file->addAction(m_actions->exportResults);
    file->addSeparator();
    file->addAction(m_actions->settings);
    file->addSeparator();
    file->addAction(m_actions->quit);
    QMenu *campaign = menuBar()->addMenu(tr("&Campaign"));
    m_actions->fillContextMenu(campaign);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        QAction *a = view->addAction(m_navigation->item(i)->text());
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        a->setIcon(Icons::page(i));
        m_navigation->item(i)->setIcon(a->icon());
        connect(a, &QAction::triggered, this, [this, i] { showPage(i); });
    }
    view->addSeparator();
    view->addAction(m_actions->refresh);
    ThemeMenu::addTo(view);
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_actions->syncTemplates);
    tools->addAction(m_actions->repair);
    // Personal data: erasing one person, and the retention setting; both reload what is shown.
    auto *erase = new ErasePersonAction(this, *m_data, m_context, tools);
    auto *retention = new RetentionSchedule(*m_data, m_context, m_status, this);
    connect(erase, &ErasePersonAction::erased, m_actions->refresh, &QAction::trigger);
    connect(retention, &RetentionSchedule::purged, m_actions->refresh, &QAction::trigger);
    new HelpMenu(*this, menuBar()->addMenu(tr("&Help")), m_actions->about, m_context.database);
}

void MainWindow::wire()
{
    Icons::decorate(this); // the Help menu's actions
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) { showPage(row); });
    connect(m_feed, &CampaignFeed::updated, this, &MainWindow::onSnapshot);
    connect(m_feed, &CampaignFeed::updated, m_sendersPage, &SendersPage::setSnapshot);
    connect(m_feed, &CampaignFeed::updated, m_sender, &SendController::review);
    connect(m_feed, &CampaignFeed::failed, this, [this](const QString &why) {
        m_status->showNotice(tr("The database cannot be read: %1").arg(why));
    });
    connect(m_campaignsPage, &CampaignsPage::currentChanged, this, &MainWindow::updateActions);
    connect(m_campaignsPage, &CampaignsPage::contextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        m_actions->fillContextMenu(&menu);
        menu.exec(pos);
    });

    auto current = [this] {
        return m_campaignsPage->currentCampaignId();
    };
    connect(m_actions->start, &QAction::triggered, this, [this, current] {
        m_sender->start(current());
        updateActions();
    });
    connect(m_actions->resume, &QAction::triggered, this, [this, current] {
        m_sender->start(current());
        updateActions();
    });
    connect(m_actions->pause, &QAction::triggered, this, [this, current] { m_sender->pause(current()); });
    connect(m_actions->toggle, &QAction::triggered, this, [this] {
        const CampaignRow *row = m_campaignsPage->currentCampaign();
        if (!row) {
            return;
        }
        const CampaignActionRules::Situation here{m_sender->isSending(row->id),
                                                  m_sender->isStarting(row->id)};
        switch (CampaignActionRules::toggle(*row, here).value_or(CampaignActionRules::Action::Export)) {
        case CampaignActionRules::Action::Pause:
            m_actions->pause->trigger();
            break;
        case CampaignActionRules::Action::Resume:
            m_actions->resume->trigger();
            break;
        case CampaignActionRules::Action::Start:
            m_actions->start->trigger();
            break;
        default:
            break;
        }
    });
    connect(m_actions->cancel, &QAction::triggered, this, &MainWindow::confirmCancel);
    connect(m_actions->resend, &QAction::triggered, this, [this, current] { openResend(current(), {}); });
    connect(m_actions->repair, &QAction::triggered, this, [this] { openRepair(); });
    connect(m_actions->exportResults, &QAction::triggered, this, &MainWindow::exportResults);
    connect(m_actions->syncTemplates, &QAction::triggered, this, [this] {
        showPage(1);
        m_templatesPage->sync();
    });
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_actions->refresh, &QAction::triggered, this, [this] {
        m_feed->refreshNow();
        m_campaignsPage->refreshDetail(true); // rows may have changed without the figures moving
        m_templatesPage->refresh();
        m_dailyPage->refresh();
        m_optOutsPage->refresh();
    });
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    auto *wizards = new WizardLauncher(*this, m_context); // also opens it for a CSV dropped on the window
    connect(m_actions->newCampaign, &QAction::triggered, wizards, [wizards] { wizards->open(); });

    CampaignDetail *detail = m_campaignsPage->detail();
    connect(detail, &CampaignDetail::resumeRequested, this, [this](const QString &id) {
        m_sender->start(id);
        updateActions();
    });
    connect(detail, &CampaignDetail::settingsRequested, this, &MainWindow::openSettings);
    connect(detail, &CampaignDetail::templatesRequested, m_actions->syncTemplates, &QAction::trigger);
    connect(detail, &CampaignDetail::resendRequested, this, &MainWindow::openResend);
    connect(m_interrupted, &InterruptedNotice::reviewRequested, this,
            [this](const QString &id) { openResend(id, {FailureReason::Interrupted}); });

    connect(m_sender, &SendController::notice, this, [this](const QString &text) {
        m_status->showNotice(text);
        m_tray->notify(tr("Herald"), text, false);
    });
    connect(m_sender, &SendController::problem, this, [this](const QString &title, const QString &text) {
        Prompt::tell(this, Prompt::Kind::Warning, title, text);
        updateActions();
    });
    connect(m_sender, &SendController::sending, this, [this] {
        m_feed->refreshNow();
        updateActions();
    });
    connect(m_sender, &SendController::actionDone, m_feed, &CampaignFeed::refreshNow);
    connect(m_sender, &SendController::healthChecked, detail, &CampaignDetail::refreshNumberHealth);
    connect(m_sender, &SendController::apiOverridden, detail, &CampaignDetail::setDefaultNumber);
    // A start declined at its warnings changes nothing in the database: no snapshot would
    // enable Start again.
    connect(m_sender, &SendController::startingEnded, this, &MainWindow::updateActions);
    if (m_context.apiOverride) {
        detail->setDefaultNumber(m_context.apiOverride->phoneNumberId());
    }
    connect(m_sender, &SendController::progressed, this, [this] {
        m_status->setSending(int(m_sender->progress().size()), m_sender->totalRate(), m_sender->inFlight());
    });
    connect(m_sender, &SendController::ended, this, [this](const SendResult &r) {
        m_status->setSending(int(m_sender->progress().size()), m_sender->totalRate(), m_sender->inFlight());
        if (r.end == SendResult::End::Refused) {
            Prompt::tell(this, Prompt::Kind::Warning, tr("The campaign could not start"), r.reason);
        }
        m_feed->refreshNow();
        updateActions();
    });
}

void MainWindow::showPage(int index)
{
    if (index < 0 || index >= m_pages->count()) {
        return;
    }
    m_pages->setCurrentIndex(index);
    if (m_navigation->currentRow() != index) {
        m_navigation->setCurrentRow(index);
    }
    switch (index) {
    case 1:
        m_templatesPage->refresh();
        break;
    case 2:
        m_dailyPage->refresh();
        break;
    case 3:
        m_optOutsPage->refresh();
        break;
    default:
        break;
    }
}

void MainWindow::onSnapshot(const CampaignsSnapshot &snapshot)
{
    const QString selected = m_campaignsPage->currentCampaignId();
    m_model->apply(snapshot);
    if (selected.isEmpty() && !snapshot.rows.isEmpty() && m_lastStatus.isEmpty()) {
        m_campaignsPage->selectCampaign(snapshot.rows.first().id); // the newest, on first sight
    }
    m_campaignsPage->refreshDetail();
    notifyTransitions(snapshot);
    m_status->showDelivery(snapshot);
    updateActions();
    updateTitle();
}

void MainWindow::notifyTransitions(const CampaignsSnapshot &snapshot)
{
    const bool first = m_lastStatus.isEmpty();
    for (const CampaignRow &r : snapshot.rows) {
        const CampaignStatus before = m_lastStatus.value(r.id, r.status);
        m_lastStatus.insert(r.id, r.status);
        if (first || before != CampaignStatus::Running || r.status == CampaignStatus::Running) {
            continue;
        }
        switch (r.status) {
        case CampaignStatus::Completed:
            m_tray->notify(
                tr("Campaign completed"),
                tr("%1: %2 sent, %3 failed.").arg(r.name, Formats::count(r.sent), Formats::count(r.failed)),
                false);
            break;
        case CampaignStatus::Paused:
        case CampaignStatus::Stopped:
            m_tray->notify(
                r.status == CampaignStatus::Paused ? tr("Campaign paused") : tr("Campaign stopped"),
                r.statusReason.isEmpty() ? r.name : tr("%1: %2").arg(r.name, r.statusReason), true);
            break;
        default:
            break;
        }
    }
}

void MainWindow::updateActions()
{
    const CampaignRow *row = m_campaignsPage->currentCampaign();
    const CampaignActionRules::Situation here{row && m_sender->isSending(row->id),
                                              row && m_sender->isStarting(row->id)};
    m_actions->update(row, here);
}

void MainWindow::updateTitle()
{
    // The first campaign this window sends (else any running one) with its progress.
    const CampaignRow *shown = nullptr;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const CampaignRow &r = m_model->rowAt(i);
        if (r.status != CampaignStatus::Running) {
            continue;
        }
        if (!shown || (m_sender->isSending(r.id) && !m_sender->isSending(shown->id))) {
            shown = &r;
        }
    }
    setWindowTitle(shown ? tr("Herald — %1 %2").arg(shown->name, Formats::percent(shown->progress()))
                         : tr("Herald"));
}

void MainWindow::checkDatabaseAtStart()
{
    // The schema first: a database with missing parts is reported with exactly what is missing;
    // then the counters, whose drift the repair dialog shows.
    m_data->submit<StartCheck>(
        this,
        [ctx = m_context, since = m_sender->interruptedSince(), self = m_sender->senderId()](Database &db) {
            StartCheck check;
            Migrator migrator(db);
            const SchemaReport report = SchemaDoctor(db).check();
            if (!report.ok()) {
                check.schemaProblems = report.lines();
                check.migrationFixes = migrator.currentVersion() < migrator.latestVersion();
                return check;
            }
            // Before the counters are checked: the recovery moves them.
            check.interrupted = InterruptedReport(db, clockOf(ctx))
                                    .collect(since, self, ctx.senderStaleness, SenderConfig{}.lease);
            for (const RepairItem &item : Repair(db, clockOf(ctx)).analyze()) {
                check.campaignsToRepair += item.needsRepair() ? 1 : 0;
            }
            return check;
        },
        [this](const DataResult<StartCheck> &r) {
            if (!r.ok()) {
                Prompt::tell(this, Prompt::Kind::Error, tr("The database cannot be used"), r.error);
                return;
            }
            m_interrupted->showReport(r.value->interrupted);
            if (!r.value->schemaProblems.isEmpty()) {
                openRepair(r.value->schemaProblems, r.value->migrationFixes);
            } else if (r.value->campaignsToRepair > 0) {
                m_status->showNotice(tr("The counters of %n campaign(s) do not match their messages.",
                                        nullptr, r.value->campaignsToRepair));
                openRepair();
            }
        });
}

void MainWindow::offerDemo()
{
    if (m_context.apiOverride) {
        return; // sending to a simulator already
    }
    m_data->submit<bool>(
        this,
        [](Database &db) { return AppSettings(db).value(SettingKeys::PhoneNumberId, QString()).isEmpty(); },
        [this](const DataResult<bool> &r) {
            if (!r.ok() || !*r.value) {
                return;
            }
            m_campaignsPage->welcome()->showMessage(
                StatusBanner::Kind::Information,
                tr("Herald is not connected to a WhatsApp Business account yet. Try it now with the built-in "
                   "simulator: a sample campaign is created and sent while you watch. To send for real, "
                   "enter "
                   "your account in Settings (File ▸ Settings…)."),
                tr("Try the demo"), [this] { startDemo(); });
        });
}

void MainWindow::startDemo()
{
    m_campaignsPage->welcome()->showMessage(StatusBanner::Kind::Information,
                                            tr("Starting the simulator and creating a sample campaign…"));
    connect(
        m_demo, &DemoSession::campaignCreated, this,
        [this](const QString &id) {
            m_campaignsPage->welcome()->showMessage(
                StatusBanner::Kind::Success,
                tr("The demo campaign is being sent to the built-in simulator, not to WhatsApp. Enter your "
                   "account in Settings to send for real."));
            m_feed->refreshNow();
            QTimer::singleShot(300, this, [this, id] { m_campaignsPage->selectCampaign(id); });
        },
        Qt::SingleShotConnection);
    connect(m_demo, &DemoSession::failed, this, [this](const QString &why) {
        m_campaignsPage->welcome()->clear();
        Prompt::tell(this, Prompt::Kind::Error, tr("The demo could not start"), why);
    });
    m_demo->start();
}

void MainWindow::openRepair(const QStringList &schemaProblems, bool migrationFixes)
{
    auto *dialog = new RepairDialog(*m_data, m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RepairDialog::repaired, m_feed, &CampaignFeed::refreshNow);
    if (!schemaProblems.isEmpty()) {
        dialog->showSchemaProblems(schemaProblems, migrationFixes);
    } else {
        dialog->analyze();
    }
    dialog->open();
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(*m_data, m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::saved, m_feed, &CampaignFeed::refreshNow);
    // A health check, a number or the default number changed there: the campaign's header reads it again.
    connect(dialog, &QDialog::finished, m_campaignsPage->detail(), &CampaignDetail::refreshNumberHealth);
    dialog->open();
}

void MainWindow::openResend(const QString &campaignId, const QStringList &reasons)
{
    const CampaignRow *row = m_model->campaign(campaignId);
    if (!row) {
        return;
    }
    auto *dialog = new ResendDialog(*m_data, campaignId, row->name, reasons, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResendDialog::resent, this, [this](qint64 n) {
        m_status->showNotice(tr("%n message(s) queued again.", nullptr, int(n)));
        m_feed->refreshNow();
    });
    dialog->open();
}

void MainWindow::exportResults()
{
    const CampaignRow *row = m_campaignsPage->currentCampaign();
    if (!row) {
        return;
    }
    const QString id = row->id;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              row->name + tr(" results") + u".csv"_s;
    Prompt::saveFileName(
        this, tr("Export results"), suggested, tr("CSV files (*.csv)"), [this, id](const QString &path) {
            if (path.isEmpty()) {
                return;
            }
            m_status->showNotice(tr("Exporting to %1…").arg(path));
            m_data->submit<ExportResult>(
                this, [id, path](Database &db) { return ResultExporter(db).exportCampaign(id, path); },
                [this, path](const DataResult<ExportResult> &r) {
                    const QString error = r.ok() ? r.value->error : r.error;
                    if (!error.isEmpty()) {
                        Prompt::tell(this, Prompt::Kind::Error, tr("Export failed"), error);
                        return;
                    }
                    const int rows = int(r.value->rows);
                    m_status->showNotice(tr("Exported %Ln recipient(s) to %1.", nullptr, rows).arg(path));
                });
        });
}

void MainWindow::confirmCancel()
{
    const CampaignRow *row = m_campaignsPage->currentCampaign();
    if (!row) {
        return;
    }
    const QString id = row->id;
    const int pending = int(row->pending);
    Prompt::confirm(
        this, tr("Cancel campaign \"%1\"?").arg(row->name),
        tr("%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay "
           "sent.",
           nullptr, pending),
        tr("Cancel campaign"), [this, id](bool yes) {
            if (yes) {
                m_sender->cancel(id);
            }
        });
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry"_L1).toByteArray())) {
        resize(1280, 800);
    }
    restoreState(settings.value("window/state"_L1).toByteArray());
    m_campaignsPage->splitter()->restoreState(settings.value("window/campaignSplitter"_L1).toByteArray());
    // "2": Delivered and Read joined the columns; a state saved before would misplace them.
    m_campaignsPage->table()->horizontalHeader()->restoreState(
        settings.value("window/campaignColumns2"_L1).toByteArray());
    HeaderFit::widenToTitles(m_campaignsPage->table()->horizontalHeader());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue("window/geometry"_L1, saveGeometry());
    settings.setValue("window/state"_L1, saveState());
    settings.setValue("window/campaignSplitter"_L1, m_campaignsPage->splitter()->saveState());
    settings.setValue("window/campaignColumns2"_L1,
                      m_campaignsPage->table()->horizontalHeader()->saveState());
}

void MainWindow::closeWithoutAsking()
{
    m_closing = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closed) {
        event->accept();
        return;
    }
    event->ignore();
    auto drainAndClose = [this] {
        m_closing = true;
        m_status->showNotice(tr("Finishing the messages in flight before closing…"));
        m_feed->stop();
        m_sender->closeAll([this] {
            saveLayout();
            m_closed = true;
            // Later, not here: with nothing in flight this runs inside closeEvent(), where
            // QWidget::close() refuses to nest and the window would stay open.
            QTimer::singleShot(0, this, [this] { close(); });
        });
    };
    if (m_closing || !m_sender->isSendingAnything()) {
        drainAndClose();
        return;
    }
    Prompt::confirm(
        this, tr("Close Herald?"),
        tr("Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns "
           "stay running and continue the next time Herald (or another sender) opens this database.",
           nullptr, int(m_sender->progress().size())),
        tr("Close"), [drainAndClose](bool yes) {
            if (yes) {
                drainAndClose();
            }
        });
}

} // namespace herald::ui
