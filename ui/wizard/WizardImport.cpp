#include "wizard/WizardImport.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"

#include <QDir>
#include <QMetaObject>
#include <QPointer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald::ui {

WizardImport::WizardImport(DataService &data, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_clock(clock)
{}

WizardImport::~WizardImport()
{
    cancel();
}

void WizardImport::start(const WizardState &state, const QString &rejectsFolder)
{
    cancel(); // an import still running from before is not wanted any more
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    const int generation = ++m_generation;
    QPointer<WizardImport> self(this);
    const NewCampaign spec{state.campaignName, state.templ ? state.templ->name : QString(),
                           state.templ ? state.templ->language : QString(), QString(), state.settings()};
    const WizardState copy = state;
    m_data.submit<WizardImportResult>(
        this,
        [self, spec, copy, rejectsFolder, generation, cancel = m_cancel, clock = &m_clock](Database &db) {
            WizardImportResult result;
            CampaignStore store(db, *clock);
            const Campaign campaign = store.create(spec);
            QString safeName = campaign.name;
            safeName.replace(QRegularExpression(u"[^\\w.-]+"_s), u"_"_s);
            QDir().mkpath(rejectsFolder);
            const QString rejects =
                QDir(rejectsFolder).filePath(safeName + u'-' + campaign.id.left(8) + u".rejects.csv"_s);
            ContactImporter importer(db, *clock);
            importer.setCancelFlag(cancel.get());
            importer.setProgressCallback([self, generation](const ImportProgress &p) {
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [self, p, generation] {
                        if (self && self->m_generation == generation) {
                            Q_EMIT self->progressed(p.rowsRead, p.bytesRead, p.bytesTotal);
                        }
                    },
                    Qt::QueuedConnection);
            });
            try {
                result.summary = importer.run(copy.file.path, copy.importOptions(campaign.id, rejects));
            } catch (...) {
                store.removeDraft(campaign.id);
                throw;
            }
            // A cancel that came after the commit still leaves nothing: the user asked for it.
            if (result.summary.outcome != ImportSummary::Outcome::Imported || cancel->load()) {
                store.removeDraft(campaign.id);
                if (result.summary.outcome == ImportSummary::Outcome::Imported) {
                    result.summary.outcome = ImportSummary::Outcome::Cancelled;
                }
                return result;
            }
            result.campaignId = campaign.id;
            result.readiness = CampaignReadiness(db, *clock).check(store.byId(campaign.id));
            return result;
        },
        [this, generation](const DataResult<WizardImportResult> &r) {
            if (generation != m_generation) {
                return;
            }
            m_running = false;
            if (!r.ok()) {
                Q_EMIT failed(r.error);
                return;
            }
            Q_EMIT finished(*r.value);
        });
}

void WizardImport::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void WizardImport::removeDraft(DataService &data, const QString &campaignId)
{
    data.run(QCoreApplication::instance(),
             [campaignId](Database &db) { CampaignStore(db, Clock::system()).removeDraft(campaignId); });
}

} // namespace herald::ui
