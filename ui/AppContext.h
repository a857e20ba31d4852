#pragma once

#include "cloudapi/ApiSettings.h"
#include "db/DatabaseConfig.h"

#include <QString>

#include <chrono>
#include <optional>

namespace herald {
class Clock;
}

namespace herald::ui {

class Credentials;

// What a console window is started with; tests and the demo fill it differently.
struct AppContext
{
    DatabaseConfig database;
    const Clock *clock = nullptr;       // the system clock unless a test moves time
    Credentials *credentials = nullptr; // where the access token comes from
    // The demo (and tests) send to a simulator instead of the stored API settings.
    std::optional<ApiSettings> apiOverride;
    // Who sends: how often this console says it is alive, and how long another sender may be
    // silent before its campaigns are taken over.
    std::chrono::milliseconds heartbeatInterval{2000};
    std::chrono::milliseconds senderStaleness{10000};
    std::chrono::milliseconds pollInterval{500};
    // Running campaigns with no live sender are taken over (with a notice).
    bool takeOverOrphans = true;
    // The retention setting is applied this long after start (the window first), then every day.
    std::chrono::milliseconds retentionDelay{5000};
    std::chrono::milliseconds retentionEvery{std::chrono::hours(24)};
};

} // namespace herald::ui
