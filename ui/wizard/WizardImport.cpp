#include "wizard/WizardImport.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "import/ContactImporter.h"
#include "log/LogCategories.h"
#include "queue/CampaignStore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QMutex>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace herald::ui {

// What one import kept and who answers for it. The GUI thread sets `disowned` when the import's
// page no longer wants it (Back, a new start, the wizard gone) — the import's own cancel flag
// is not enough, as the Cancel button also sets it while the page still takes the answer. What
// a disowned import committed is undone exactly once (`undone`), by whichever comes first in
// the chain: the next import, before it touches anything, or the undo the GUI thread queues
// when the disowned answer reaches it.
struct ImportTicket
{
    std::atomic<bool> disowned{false};
    std::atomic<bool> undone{false};
    WizardImportResult kept; // written by the import's thread before it ends
};

namespace {

// At most this often a progress report crosses to the GUI thread (a chunk of rows takes a few
// milliseconds to write; the window needs no more than a smooth bar).
constexpr qint64 kProgressIntervalMs = 50;
// How long a WizardImport being destroyed waits for its cancelled import to roll back before
// it lets the thread end on its own (one chunk of rows, then the rollback: usually well under).
constexpr int kJoinOnDestroyMs = 1000;

// Import threads whose WizardImport is gone. They roll back on their own; the application's
// exit waits for them (a thread still running when the process ends would take it down).
QMutex s_orphansMutex;
QSet<QThread *> s_orphans;
bool s_exitWaits = false;

void waitForOrphans()
{
    QSet<QThread *> threads;
    {
        QMutexLocker lock(&s_orphansMutex);
        threads = s_orphans;
    }
    for (QThread *t : std::as_const(threads)) {
        t->wait();
    }
}

void adopt(QThread *thread)
{
    {
        QMutexLocker lock(&s_orphansMutex);
        if (!s_exitWaits) {
            qAddPostRoutine(waitForOrphans);
            s_exitWaits = true;
        }
        s_orphans.insert(thread);
    }
    auto forget = [thread] {
        {
            QMutexLocker lock(&s_orphansMutex);
            s_orphans.remove(thread);
        }
        thread->deleteLater();
    };
    QObject::connect(thread, &QThread::finished, thread, forget, Qt::QueuedConnection);
    if (thread->isFinished()) {
        // It ended before the connection was made: nothing will say so again.
        QObject::disconnect(thread, &QThread::finished, thread, nullptr);
        forget();
    }
}

// Every import, and every undo of one, runs after the one before it (GUI thread only to
// enqueue): an import cancelled or superseded deletes its draft before the next one creates a
// draft of the same name, an undo of rows added to a campaign cannot take rows a later import
// of the same numbers found "already in the campaign", and they never queue on SQLite's write
// lock together.
std::shared_future<void> &lastInChain()
{
    static std::shared_future<void> last;
    return last;
}

QThread *chained(std::function<void()> body)
{
    std::shared_future<void> previous = lastInChain();
    auto done = std::make_shared<std::promise<void>>();
    lastInChain() = done->get_future().share();
    return QThread::create([previous, done, body = std::move(body)] {
        struct Done
        {
            std::promise<void> &promise;
            ~Done() { promise.set_value(); }
        } signalDone{*done};
        if (previous.valid()) {
            previous.wait();
        }
        body();
    });
}

// Runs `task` in the chain on a connection of its own; its thread ends on its own.
void inChain(const DatabaseConfig &config, const char *what, std::function<void(Database &)> task)
{
    QThread *thread = chained([config, what, task = std::move(task)] {
        try {
            Database db(config, u"wizard-undo"_s);
            db.setBusyTimeout(std::chrono::seconds(30));
            task(db);
        } catch (const DbError &e) {
            qCWarning(lcImport, "%s failed: %s", what, qPrintable(e.message()));
        } catch (const std::exception &e) {
            qCWarning(lcImport, "%s failed: %s", what, e.what());
        }
    });
    thread->setObjectName(u"herald-wizard-undo"_s);
    thread->start();
    adopt(thread);
}

std::shared_ptr<ImportTicket> &lastImportTicket()
{
    static std::shared_ptr<ImportTicket> last;
    return last;
}

void undoOn(Database &db, const WizardImportResult &kept)
{
    if (kept.campaignId.isEmpty()) {
        return;
    }
    if (kept.addedToExisting) {
        AddedRows::remove(db, kept.campaignId, kept.added, Clock::system());
    } else {
        CampaignStore(db, Clock::system()).removeDraft(kept.campaignId);
    }
}

void undoIfDisowned(Database &db, ImportTicket &ticket)
{
    if (ticket.disowned.load() && !ticket.kept.campaignId.isEmpty() && !ticket.undone.exchange(true)) {
        undoOn(db, ticket.kept);
    }
}

QString rejectsPathFor(const Campaign &campaign, const QString &rejectsFolder)
{
    QString safeName = campaign.name;
    safeName.replace(QRegularExpression(u"[^\\w.-]+"_s), u"_"_s);
    QDir().mkpath(rejectsFolder);
    return QDir(rejectsFolder).filePath(safeName + u'-' + campaign.id.left(8) + u".rejects.csv"_s);
}

// The import itself, on the import's thread with its connection.
WizardImportResult importInto(Database &db, const Clock &clock, const NewCampaign &spec,
                              const WizardState &state, const QString &rejectsFolder,
                              const QString &existingId, const std::atomic<bool> &cancel,
                              ContactImporter::ProgressFn progress)
{
    WizardImportResult result;
    CampaignStore store(db, clock);
    const bool adding = !existingId.isEmpty();
    Campaign campaign;
    if (adding) {
        campaign = store.byId(existingId);
        if (campaign.status != CampaignStatus::Draft && campaign.status != CampaignStatus::Paused) {
            throw DbError(
                DbError::Kind::Refused,
                WizardImport::tr("Contacts can only be added to a draft or paused campaign; \"%1\" is %2.")
                    .arg(campaign.name, CampaignStatusMachine::inSentence(campaign.status)));
        }
    } else {
        campaign = store.create(spec);
    }
    auto undo = [&] {
        if (!adding) {
            store.removeDraft(campaign.id);
        }
        // Into an existing campaign, an import that did not commit left nothing to undo.
    };
    ContactImporter importer(db, clock);
    importer.setCancelFlag(&cancel);
    importer.setProgressCallback(std::move(progress));
    try {
        result.summary = importer.run(
            state.file.path, state.importOptions(campaign.id, rejectsPathFor(campaign, rejectsFolder)));
    } catch (...) {
        undo();
        throw;
    }
    if (result.summary.outcome != ImportSummary::Outcome::Imported || cancel.load()) {
        if (result.summary.outcome == ImportSummary::Outcome::Imported) {
            // A cancel that came after the commit still leaves nothing: the user asked for it.
            if (adding) {
                AddedRows::remove(db, campaign.id, importer.added(), clock);
            }
            result.summary.outcome = ImportSummary::Outcome::Cancelled;
        }
        undo();
        return result;
    }
    result.campaignId = campaign.id;
    result.addedToExisting = adding;
    result.added = importer.added();
    result.readiness = CampaignReadiness(db, clock).check(store.byId(campaign.id));
    return result;
}

} // namespace

struct WizardImport::Outcome
{
    WizardImportResult result;
    QString error; // set: the import failed
};

WizardImport::WizardImport(DataService &data, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_clock(clock)
{}

WizardImport::~WizardImport()
{
    cancel();
    if (m_ticket) {
        m_ticket->disowned = true;
    }
    if (m_thread) {
        // The import stops after its current chunk and rolls back; the answer it posts finds
        // this object gone and is dropped.
        if (m_thread->wait(QDeadlineTimer(kJoinOnDestroyMs))) {
            delete m_thread;
        } else {
            adopt(m_thread);
        }
        m_thread = nullptr;
    }
}

void WizardImport::start(const WizardState &state, const QString &rejectsFolder)
{
    start(state, rejectsFolder, QString());
}

void WizardImport::start(const WizardState &state, const QString &rejectsFolder,
                         const QString &existingCampaignId)
{
    release(); // an import still running from before is not wanted any more
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    const int generation = ++m_generation;
    QPointer<WizardImport> self(this);
    const NewCampaign spec{state.campaignName, state.templ ? state.templ->name : QString(),
                           state.templ ? state.templ->language : QString(), QString(), state.settings()};
    // Answers go through the application object and find this one by a guard checked on the
    // GUI thread, where it is destroyed: the import's thread never touches it.
    auto post = [self, generation](auto f) {
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [self, generation, f = std::move(f)] {
                    if (self && self->m_generation == generation) {
                        f(*self);
                    }
                },
                Qt::QueuedConnection);
        }
    };
    // The outcome finds this import superseded (Back, then Next) or the wizard gone when it
    // committed just before the cancel: what it kept is then taken away again, in the chain of
    // imports, so that nothing is left behind either way.
    auto ticket = std::make_shared<ImportTicket>();
    std::shared_ptr<ImportTicket> previous = std::exchange(lastImportTicket(), ticket);
    m_ticket = ticket;
    auto finish = [self, generation, ticket, config = m_data.config()](Outcome outcome) {
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [self, generation, ticket, config, outcome = std::move(outcome)] {
                    if (self && self->m_generation == generation) {
                        self->deliver(generation, outcome);
                    } else if (!ticket->kept.campaignId.isEmpty()) {
                        ticket->disowned = true;
                        inChain(config, "undoing a superseded import",
                                [ticket](Database &db) { undoIfDisowned(db, *ticket); });
                    }
                },
                Qt::QueuedConnection);
        }
    };
    m_thread = chained([config = m_data.config(), clock = &m_clock, spec, state, rejectsFolder,
                        existingCampaignId, cancel = m_cancel, post, finish, ticket, previous] {
        Outcome outcome;
        QElapsedTimer sinceReport;
        auto progress = [&](const ImportProgress &p) {
            if (sinceReport.isValid() && sinceReport.elapsed() < kProgressIntervalMs) {
                return;
            }
            sinceReport.start();
            post([p](WizardImport &w) { Q_EMIT w.progressed(p.rowsRead, p.bytesRead, p.bytesTotal); });
        };
        try {
            if (cancel->load()) {
                // Cancelled while the import before it finished: nothing was touched.
                outcome.result.summary.outcome = ImportSummary::Outcome::Cancelled;
            } else {
                // Its own connection, named for this thread, closed and unregistered at the end
                // of the scope, before the answer leaves.
                Database db(config, u"wizard-import"_s);
                // SQLite: a console write (pause, a setting) holding the lock when the import
                // begins is waited for, as the console waits for the import's.
                db.setBusyTimeout(std::chrono::seconds(30));
                if (previous) {
                    // The import this one replaces committed before it was disowned: its draft
                    // (or rows) go first, so that this one finds the campaign as it was and
                    // the name free.
                    undoIfDisowned(db, *previous);
                }
                outcome.result =
                    importInto(db, *clock, spec, state, rejectsFolder, existingCampaignId, *cancel, progress);
            }
        } catch (const DbError &e) {
            outcome.error = e.message();
        } catch (const std::exception &e) {
            outcome.error = QString::fromLocal8Bit(e.what());
        }
        if (outcome.error.isEmpty()) {
            ticket->kept = outcome.result;
        }
        finish(std::move(outcome));
    });
    m_thread->setObjectName(u"herald-wizard-import"_s);
    m_thread->start();
}

void WizardImport::deliver(int generation, const Outcome &outcome)
{
    if (generation != m_generation) {
        return;
    }
    if (m_thread) {
        m_thread->wait(); // it posted this as its last act
        delete m_thread;
        m_thread = nullptr;
    }
    m_running = false;
    m_ticket.reset(); // the page answers for what it kept from here on
    if (!outcome.error.isEmpty()) {
        Q_EMIT failed(outcome.error);
        return;
    }
    Q_EMIT finished(outcome.result);
}

void WizardImport::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void WizardImport::release()
{
    cancel();
    if (m_ticket) {
        m_ticket->disowned = true;
        m_ticket.reset();
    }
    if (m_thread) {
        adopt(m_thread);
        m_thread = nullptr;
    }
}

void WizardImport::undo(DataService &data, const WizardImportResult &result)
{
    if (result.addedToExisting) {
        removeAdded(data, result.campaignId, result.added);
    } else {
        removeDraft(data, result.campaignId);
    }
}

void WizardImport::removeDraft(DataService &data, const QString &campaignId)
{
    inChain(data.config(), "removing the wizard's draft",
            [campaignId](Database &db) { CampaignStore(db, Clock::system()).removeDraft(campaignId); });
}

void WizardImport::removeAdded(DataService &data, const QString &campaignId, const AddedRows &added)
{
    inChain(data.config(), "removing the contacts the wizard added",
            [campaignId, added](Database &db) { AddedRows::remove(db, campaignId, added, Clock::system()); });
}

bool WizardImport::idle()
{
    const std::shared_future<void> &last = lastInChain();
    return !last.valid() || last.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

void WizardImport::abandon()
{
    release();
    ++m_generation; // its answer, if it comes, takes the undo path
    m_running = false;
}

} // namespace herald::ui
