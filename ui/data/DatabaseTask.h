#pragma once

#include "cloudapi/ApiSettings.h"
#include "data/ThreadTaskRunner.h"
#include "db/AppSettings.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "settings/SettingKeys.h"

#include <chrono>
#include <memory>

namespace herald {
class Clock;
}

namespace herald::ui {

// A ThreadTask that asks Graph API and writes what it learns: a connection of its own, the
// request it was started with (its `apiOverride` and `accessToken`), and its runner to report to.
template <typename Runner, typename Request>
class DatabaseTask : public ThreadTask
{
public:
    DatabaseTask(DatabaseConfig config, const Clock &clock, Request request, Runner *runner)
        : m_config(std::move(config))
        , m_clock(clock)
        , m_request(std::move(request))
        , m_runner(runner)
    {}

protected:
    // Opens the task's connection and reads the connection to Graph API: the request's override,
    // else the stored settings with the request's token. Throws DbError.
    ApiSettings openAndReadApi(const QString &connectionName)
    {
        m_db = std::make_unique<Database>(m_config, connectionName);
        // A sender or an import may hold SQLite's write lock for a while; the task waits.
        m_db->setBusyTimeout(std::chrono::seconds(30));
        if (m_request.apiOverride) {
            return *m_request.apiOverride;
        }
        ApiSettings api = SettingKeys::apiSettings(AppSettings(*m_db));
        api.setAccessToken(m_request.accessToken);
        return api;
    }

    // Posted to the runner, on its thread; dropped if it is gone by then.
    void report(std::function<void(Runner *)> f) { ThreadTaskRunner::report(m_runner, std::move(f)); }

    Database &db() { return *m_db; }
    const Clock &clock() const { return m_clock; }
    const Request &request() const { return m_request; }

private:
    DatabaseConfig m_config;
    const Clock &m_clock;
    Request m_request;
    Runner *m_runner;
    std::unique_ptr<Database> m_db;
};

} // namespace herald::ui
