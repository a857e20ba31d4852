#include "data/TemplateSyncRunner.h"

#include "data/DatabaseTask.h"
#include "db/DbError.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

// What lives on the sync's thread: its connection and the sync.
class TemplateSyncSession : public DatabaseTask<TemplateSyncRunner, TemplateSyncRunner::Request>
{
public:
    using DatabaseTask::DatabaseTask;

    ~TemplateSyncSession() override
    {
        delete m_sync; // before the connection it writes to
    }

    void run() override
    {
        ApiSettings api;
        try {
            api = openAndReadApi(u"template-sync"_s);
        } catch (const DbError &e) {
            fail(TemplateSyncRunner::tr("The API settings cannot be read from the database: %1")
                     .arg(e.message()));
            return;
        }
        if (api.wabaId().isEmpty()) {
            fail(
                TemplateSyncRunner::tr("No WhatsApp Business Account ID is set, and templates are listed per "
                                       "account. Enter it in Settings (File ▸ Settings…) and sync again."));
            return;
        }
        if (!api.hasAccessToken()) {
            fail(TemplateSyncRunner::tr("No access token is set. Enter it in Settings (File ▸ Settings…) and "
                                        "sync again."));
            return;
        }
        m_sync = new TemplateSync(db(), api, clock());
        m_sync->setPageSize(request().pageSize);
        QObject::connect(m_sync, &TemplateSync::pageRead, this, [this](int templatesSoFar) {
            const int pages = ++m_pages;
            report([templatesSoFar, pages](TemplateSyncRunner *r) {
                Q_EMIT r->progressed(templatesSoFar, pages);
            });
        });
        QObject::connect(m_sync, &TemplateSync::finished, this,
                         [this](const TemplateSyncResult &result) { finish(result); });
        m_sync->start();
    }

    void cancel() override
    {
        if (m_sync) {
            m_sync->cancel();
        }
    }

private:
    void fail(const QString &message)
    {
        TemplateSyncResult result;
        result.error = message;
        finish(result);
    }

    void finish(const TemplateSyncResult &result)
    {
        report([result](TemplateSyncRunner *r) { Q_EMIT r->finished(result); });
    }

    TemplateSync *m_sync = nullptr;
    int m_pages = 0;
};

} // namespace

TemplateSyncRunner::TemplateSyncRunner(const DatabaseConfig &config, const Clock &clock, QObject *parent)
    : ThreadTaskRunner(u"herald-template-sync"_s, parent)
    , m_config(config)
    , m_clock(clock)
{
    qRegisterMetaType<herald::TemplateSyncResult>();
    // Connected before any user of the signal: the thread is joined before they hear of it, so
    // a new sync may start from their slot.
    connect(this, &TemplateSyncRunner::finished, this, [this] { stopThread(); });
}

bool TemplateSyncRunner::start(const Request &request)
{
    return startTask(new TemplateSyncSession(m_config, m_clock, request, this));
}

} // namespace herald::ui
