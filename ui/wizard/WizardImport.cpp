#include "wizard/WizardImport.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "import/ContactImporter.h"
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
#include <future>

using namespace Qt::StringLiterals;

namespace herald::ui {

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
                    .arg(campaign.name, CampaignStatusMachine::displayName(campaign.status)));
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
    // Imports run one after another, as they did on the data thread: an import cancelled by
    // Back (or by closing the wizard) deletes its draft before the next one creates a draft of
    // the same name, and they never queue on SQLite's write lock together. GUI thread only.
    static std::shared_future<void> s_lastImport;
    std::shared_future<void> previous = s_lastImport;
    auto done = std::make_shared<std::promise<void>>();
    s_lastImport = done->get_future().share();
    // The outcome finds this import superseded (Back, then Next) or the wizard gone when it
    // committed just before the cancel: what it kept is then taken away again, on the console's
    // data thread, so that nothing is left behind either way.
    auto finish = [self, generation, data = QPointer<DataService>(&m_data)](Outcome outcome) {
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [self, generation, data, outcome = std::move(outcome)] {
                    if (self && self->m_generation == generation) {
                        self->deliver(generation, outcome);
                    } else if (data && !outcome.result.campaignId.isEmpty()) {
                        undo(*data, outcome.result);
                    }
                },
                Qt::QueuedConnection);
        }
    };
    m_thread =
        QThread::create([config = m_data.config(), clock = &m_clock, spec, state, rejectsFolder,
                         existingCampaignId, cancel = m_cancel, post, finish, generation, previous, done] {
            struct Done
            {
                std::promise<void> &promise;
                ~Done() { promise.set_value(); }
            } signalDone{*done};
            if (previous.valid()) {
                previous.wait();
            }
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
                    outcome.result = importInto(db, *clock, spec, state, rejectsFolder, existingCampaignId,
                                                *cancel, progress);
                }
            } catch (const DbError &e) {
                outcome.error = e.message();
            } catch (const std::exception &e) {
                outcome.error = QString::fromLocal8Bit(e.what());
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
    data.run(QCoreApplication::instance(),
             [campaignId](Database &db) { CampaignStore(db, Clock::system()).removeDraft(campaignId); });
}

void WizardImport::removeAdded(DataService &data, const QString &campaignId, const AddedRows &added)
{
    data.run(QCoreApplication::instance(), [campaignId, added](Database &db) {
        AddedRows::remove(db, campaignId, added, Clock::system());
    });
}

} // namespace herald::ui
