#pragma once

#include "cloudapi/ApiSettings.h"
#include "db/DatabaseConfig.h"
#include "templates/TemplateSync.h"

#include <QObject>

#include <optional>

class QThread;

namespace herald {
class Clock;
}

namespace herald::ui {

class TemplateSyncSession;

// Runs a template sync (TemplateSync: Graph's template list, then one transaction) on a thread
// of its own with its own database connection. The sync waits on the network for as long as
// Meta takes, so it can run neither on the GUI thread nor as a DataService job (a job waiting
// in an event loop of its own would let the data thread's other jobs run inside it).
// Progress and the result come back to this object's thread by queued signals.
class TemplateSyncRunner : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        // Replaces the stored API settings and the token (the demo and tests: the simulator).
        std::optional<ApiSettings> apiOverride;
        QString accessToken; // used with the stored settings
        int pageSize = TemplateSync::DefaultPageSize;
    };

    TemplateSyncRunner(const DatabaseConfig &config, const Clock &clock, QObject *parent = nullptr);
    ~TemplateSyncRunner() override; // cancels a running sync (nothing is stored) and joins its thread

    // False when a sync is running already. finished() follows every accepted start.
    bool start(const Request &request);
    // finished() then reports the sync as cancelled; nothing is stored.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void progressed(int templatesSoFar, int pages);
    void finished(const herald::TemplateSyncResult &result);

private:
    void onFinished(const TemplateSyncResult &result);
    void stopThread();

    DatabaseConfig m_config;
    const Clock &m_clock;
    QThread *m_thread = nullptr;
    TemplateSyncSession *m_session = nullptr; // lives on m_thread until it is joined
};

} // namespace herald::ui
