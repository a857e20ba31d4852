#include "wizard/WizardLauncher.h"

#include "data/CampaignFeed.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "models/CampaignTableModel.h"
#include "queue/CampaignStore.h"
#include "sending/SendController.h"
#include "views/CampaignManagement.h"
#include "views/CampaignsPage.h"
#include "views/MainWindow.h"
#include "wizard/NewCampaignWizard.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

namespace herald::ui {

namespace {
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls()) {
        return {};
    }
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile()) {
            return url.toLocalFile();
        }
    }
    return {};
}
} // namespace

WizardLauncher::WizardLauncher(MainWindow &window, const AppContext &app)
    : QObject(&window)
    , m_window(window)
    , m_app(app)
{
    window.setAcceptDrops(true);
    window.installEventFilter(this);
    connect(&window.feed(), &CampaignFeed::updated, this, &WizardLauncher::selectCreated);
    new CampaignManagement(window, *this, app);
}

void WizardLauncher::open(const QString &path)
{
    if (!m_wizard) {
        show(new NewCampaignWizard(m_window.data(), m_app, &m_window));
    } else {
        m_wizard->raise();
        m_wizard->activateWindow();
    }
    if (!path.isEmpty()) {
        m_wizard->setFile(path);
    }
}

void WizardLauncher::openFrom(NewCampaignWizard::Mode mode, const CampaignRow &source)
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    if (m_opening) {
        return;
    }
    // The campaign as stored now, not as the table last showed it: its settings may have been
    // changed since (the table only follows the figures).
    m_opening = true;
    const Clock *clock = m_app.clock ? m_app.clock : &Clock::system();
    m_window.data().submit<Campaign>(
        this, [id = source.id, clock](Database &db) { return CampaignStore(db, *clock).byId(id); },
        [this, mode](const DataResult<Campaign> &r) {
            m_opening = false;
            if (!r.ok()) {
                Prompt::tell(&m_window, Prompt::Kind::Error, tr("The campaign could not be read"), r.error);
                return;
            }
            const WizardPreset preset = WizardPreset::fromCampaign(*r.value);
            auto *wizard =
                new NewCampaignWizard(m_window.data(), m_app, mode, r.value->id, preset, &m_window);
            if (mode == NewCampaignWizard::Mode::Duplicate) {
                QStringList taken;
                for (int i = 0; i < m_window.campaigns().rowCount(); ++i) {
                    taken << m_window.campaigns().rowAt(i).name;
                }
                wizard->setCampaignName(preset.copyName(taken));
            }
            show(wizard);
        });
}

void WizardLauncher::show(NewCampaignWizard *wizard)
{
    m_wizard = wizard;
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    // Change mapping's replacement of the old draft happens in the wizard's Finish, before the
    // new one can start: here every mode only selects (and maybe starts) what Finish kept.
    connect(m_wizard, &NewCampaignWizard::campaignCreated, this, &WizardLauncher::created);
    m_wizard->open();
}

void WizardLauncher::selectCreated()
{
    if (!m_select.isEmpty() && m_window.campaigns().campaign(m_select)) {
        m_window.showPage(0);
        m_window.campaignsPage().selectCampaign(m_select);
        m_select.clear();
    }
}

void WizardLauncher::created(const QString &campaignId, bool start)
{
    m_select = campaignId;
    if (start) {
        m_window.sender().start(campaignId);
    }
    // The table may show it already (the review's draft, or the campaign contacts were added
    // to), and the feed only speaks again when a figure changes.
    selectCreated();
    m_window.feed().refreshNow();
}

bool WizardLauncher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_window) {
        if (event->type() == QEvent::Close && m_wizard) {
            // Leaving with the window: the draft's deletion goes to the data thread now, ahead of
            // the window's own closing work, which ends that thread only after it.
            m_wizard->reject();
        }
        if (event->type() == QEvent::DragEnter) {
            auto *drag = static_cast<QDragEnterEvent *>(event);
            if (!droppedFile(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            const QString path = droppedFile(drop->mimeData());
            if (!path.isEmpty()) {
                drop->acceptProposedAction();
                open(path);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace herald::ui
