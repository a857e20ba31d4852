#include "data/TemplateSyncRunner.h"

#include "db/AppSettings.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "settings/SettingKeys.h"

#include <QPointer>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

namespace herald::ui {

// What lives on the sync's thread: its connection and the sync. Destroyed there when the
// thread finishes.
class TemplateSyncSession : public QObject
{
public:
    TemplateSyncSession(DatabaseConfig config, const Clock &clock, TemplateSyncRunner::Request request,
                        TemplateSyncRunner *runner)
        : m_config(std::move(config))
        , m_clock(clock)
        , m_request(std::move(request))
        , m_runner(runner)
    {}

    ~TemplateSyncSession() override
    {
        delete m_sync; // before the connection it writes to
    }

    void run()
    {
        ApiSettings api;
        try {
            m_db = std::make_unique<Database>(m_config, u"template-sync"_s);
            // A sender or an import may hold SQLite's write lock for a while; the sync waits.
            m_db->setBusyTimeout(std::chrono::seconds(30));
            if (m_request.apiOverride) {
                api = *m_request.apiOverride;
            } else {
                api = SettingKeys::apiSettings(AppSettings(*m_db));
                api.setAccessToken(m_request.accessToken);
            }
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
        m_sync = new TemplateSync(*m_db, api, m_clock);
        m_sync->setPageSize(m_request.pageSize);
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

    void cancel()
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

    // Posted to the runner, on its thread; dropped if it is gone by then.
    void report(std::function<void(TemplateSyncRunner *)> f)
    {
        TemplateSyncRunner *runner = m_runner;
        QMetaObject::invokeMethod(
            runner, [runner, f = std::move(f)] { f(runner); }, Qt::QueuedConnection);
    }

    DatabaseConfig m_config;
    const Clock &m_clock;
    TemplateSyncRunner::Request m_request;
    TemplateSyncRunner *m_runner;
    std::unique_ptr<Database> m_db;
    TemplateSync *m_sync = nullptr;
    int m_pages = 0;
};

TemplateSyncRunner::TemplateSyncRunner(const DatabaseConfig &config, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
{
    qRegisterMetaType<herald::TemplateSyncResult>();
    connect(this, &TemplateSyncRunner::finished, this, &TemplateSyncRunner::onFinished);
}

TemplateSyncRunner::~TemplateSyncRunner()
{
    stopThread();
}

bool TemplateSyncRunner::start(const Request &request)
{
    if (isRunning()) {
        return false;
    }
    m_thread = new QThread;
    m_thread->setObjectName(u"herald-template-sync"_s);
    m_session = new TemplateSyncSession(m_config, m_clock, request, this);
    m_session->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_session, &QObject::deleteLater);
    m_thread->start();
    TemplateSyncSession *session = m_session;
    QMetaObject::invokeMethod(
        session, [session] { session->run(); }, Qt::QueuedConnection);
    return true;
}

void TemplateSyncRunner::cancel()
{
    if (TemplateSyncSession *session = m_session) {
        // The session lives until its thread is joined, which only this thread does.
        QMetaObject::invokeMethod(
            session, [session] { session->cancel(); }, Qt::QueuedConnection);
    }
}

void TemplateSyncRunner::onFinished(const TemplateSyncResult &)
{
    // Connected before any user of the signal: the thread is joined before they hear of it, so
    // a new sync may start from their slot.
    stopThread();
}

void TemplateSyncRunner::stopThread()
{
    if (!m_thread) {
        return;
    }
    TemplateSyncSession *session = m_session;
    QThread *thread = m_thread;
    // Cancel and quit in one call on the thread itself, so a reply in flight is aborted before
    // the loop ends; the session is deleted as the thread finishes.
    QMetaObject::invokeMethod(
        session,
        [session, thread] {
            session->cancel();
            thread->quit();
        },
        Qt::QueuedConnection);
    thread->wait();
    delete thread;
    m_thread = nullptr;
    m_session = nullptr;
}

} // namespace herald::ui
