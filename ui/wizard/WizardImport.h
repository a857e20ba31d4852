#pragma once

#include "import/AddedRows.h"
#include "import/ImportSummary.h"
#include "templates/CampaignReadiness.h"
#include "wizard/WizardState.h"

#include <QCoreApplication>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;
struct ImportTicket;

struct WizardImportResult
{
    QString campaignId; // empty when nothing was kept (cancelled, bad file)
    ImportSummary summary;
    ReadinessReport readiness;
    // Into an existing campaign: the rows this import added, which removeAdded() takes away
    // again when the user leaves the wizard without finishing.
    bool addedToExisting = false;
    AddedRows added;
};

// The wizard's one import: creates the draft campaign with its settings (or takes an existing
// draft or paused one) and imports the file into it with ContactImporter, in one transaction.
// It runs on a thread of its own with a connection of its own, so that the console's data
// thread keeps answering (polling, the Recipients tab, a sender's work) for the minutes a
// million-row file can take; on SQLite that connection holds the write lock meanwhile, and
// other writers wait on their busy timeout while readers go on (WAL). Cancelled, failed or a
// bad file, the draft is deleted again (rows added to an existing campaign are rolled back):
// nothing is left behind. Progress arrives on the GUI thread at most about 20 times a second.
class WizardImport : public QObject
{
    Q_OBJECT

public:
    // `clock` must outlive any import it starts, which may outlive this object by its rollback
    // (Clock::system() does; a test's clock lives for the test).
    WizardImport(DataService &data, const Clock &clock, QObject *parent = nullptr);
    // Cancels: a wizard closed mid-import leaves nothing behind. Waits briefly for the import
    // to roll back; one that takes longer finishes on its own, and the application's exit
    // waits for it.
    ~WizardImport() override;

    void start(const WizardState &state, const QString &rejectsFolder);
    // Adds the file's contacts to an existing draft or paused campaign instead of creating one;
    // ImportSummary's "already in the campaign" counts against its rows.
    void start(const WizardState &state, const QString &rejectsFolder, const QString &existingCampaignId);
    void cancel();
    // Cancels and disowns the running import (the page it belonged to was left): whatever it
    // kept, if it committed before the cancel reached it, is undone rather than delivered.
    void abandon();
    bool isRunning() const { return m_running; }
    // No import and no undo of one is running or waiting, in any wizard.
    static bool idle();

    // Deletes a draft the wizard created (the user left without finishing), after any import
    // still running, on a connection of its own.
    static void removeDraft(DataService &data, const QString &campaignId);
    // Takes away the rows an import into an existing campaign added (the user left without
    // finishing); the counters change with them.
    static void removeAdded(DataService &data, const QString &campaignId, const AddedRows &added);
    // Whichever of the two applies to what an import kept.
    static void undo(DataService &data, const WizardImportResult &result);

Q_SIGNALS:
    void progressed(qint64 rows, qint64 bytesRead, qint64 bytesTotal);
    void finished(const herald::ui::WizardImportResult &result);
    void failed(const QString &why);

private:
    struct Outcome;
    void deliver(int generation, const Outcome &outcome);
    void release(); // cancels the running import and lets its thread end on its own

    DataService &m_data;
    const Clock &m_clock;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThread *m_thread = nullptr;            // the running import's thread
    std::shared_ptr<ImportTicket> m_ticket; // the running import's, until its answer is taken
    bool m_running = false;
    int m_generation = 0; // an earlier import's answers (Back, then Next) are not this one's
};

} // namespace herald::ui
