#pragma once

#include "cloudapi/ApiSettings.h"
#include "data/ThreadTaskRunner.h"
#include "db/DatabaseConfig.h"
#include "templates/TemplateSync.h"

#include <optional>

namespace herald {
class Clock;
}

namespace herald::ui {

// Runs a template sync (TemplateSync: Graph's template list, then one transaction) as a
// ThreadTask: the sync waits on the network for as long as Meta takes. Progress and the result
// come back to this object's thread by queued signals.
class TemplateSyncRunner : public ThreadTaskRunner
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

    // False when a sync is running already. finished() follows every accepted start; after
    // cancel() it reports the sync as cancelled, and nothing is stored.
    bool start(const Request &request);

Q_SIGNALS:
    void progressed(int templatesSoFar, int pages);
    void finished(const herald::TemplateSyncResult &result);

private:
    DatabaseConfig m_config;
    const Clock &m_clock;
};

} // namespace herald::ui
