#pragma once

#include "import/ImportSummary.h"
#include "templates/CampaignReadiness.h"
#include "wizard/WizardState.h"

#include <QCoreApplication>
#include <QObject>

#include <atomic>
#include <memory>

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;

struct WizardImportResult
{
    QString campaignId; // empty when nothing was kept (cancelled, bad file)
    ImportSummary summary;
    ReadinessReport readiness;
};

// The wizard's one import: creates the draft campaign with its settings and imports the file
// into it with ContactImporter (one transaction), on the data thread. Cancelled, failed or
// a bad file, the draft is deleted again: nothing is left behind. Progress arrives on the GUI
// thread about once per chunk of rows.
class WizardImport : public QObject
{
    Q_OBJECT

public:
    WizardImport(DataService &data, const Clock &clock, QObject *parent = nullptr);
    ~WizardImport() override; // cancels: a wizard closed mid-import leaves nothing behind

    void start(const WizardState &state, const QString &rejectsFolder);
    void cancel();
    bool isRunning() const { return m_running; }

    // Deletes a draft the wizard created (the user left without finishing).
    static void removeDraft(DataService &data, const QString &campaignId);

Q_SIGNALS:
    void progressed(qint64 rows, qint64 bytesRead, qint64 bytesTotal);
    void finished(const herald::ui::WizardImportResult &result);
    void failed(const QString &why);

private:
    DataService &m_data;
    const Clock &m_clock;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
    int m_generation = 0; // an earlier import's answers (Back, then Next) are not this one's
};

} // namespace herald::ui
