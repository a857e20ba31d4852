#pragma once

#include "cloudapi/ApiSettings.h"
#include "cloudapi/NumberHealth.h"
#include "data/ThreadTaskRunner.h"
#include "db/DatabaseConfig.h"

#include <chrono>
#include <optional>

namespace herald {
class Clock;
}

namespace herald::ui {

// How a health check ended: what Graph said about each number (stored in number_health, each
// read or with its own error), or why none could be asked.
struct NumberHealthRun
{
    QList<NumberHealth> results;
    QString error; // nothing was asked: no number, no token, the database

    bool ok() const { return error.isEmpty(); }
    int unread() const; // results with an error of their own
};

// Asks Graph API about the health of phone numbers (NumberHealthCheck) as a ThreadTask and
// stores the answers (NumberHealthStore), as `herald-cli numbers health` does: for Settings'
// "Check health" and before the console starts a campaign, which SendPlanner's warnings then
// read. A number Graph could not be asked about is stored with the reason, never a failure.
class NumberHealthRunner : public ThreadTaskRunner
{
    Q_OBJECT

public:
    struct Request
    {
        // Replaces the stored API settings and the token (the demo and tests: the simulator).
        std::optional<ApiSettings> apiOverride;
        QString accessToken; // used with the stored settings
        // The number this campaign sends from; without one, phoneNumberIds; without those,
        // every configured number (NumberHealthStore::configuredNumbers).
        QString campaignId;
        QStringList phoneNumberIds;
        // Each request at most this long (0: the API settings' timeout): before a start the
        // check is a few seconds at most, like `herald-cli run`'s.
        std::chrono::milliseconds timeout{0};
    };

    NumberHealthRunner(const DatabaseConfig &config, const Clock &clock, QObject *parent = nullptr);

    // False when a check is running already. finished() follows every accepted start.
    bool start(const Request &request);

Q_SIGNALS:
    void finished(const herald::ui::NumberHealthRun &run);

private:
    DatabaseConfig m_config;
    const Clock &m_clock;
};

} // namespace herald::ui

Q_DECLARE_METATYPE(herald::ui::NumberHealthRun)
