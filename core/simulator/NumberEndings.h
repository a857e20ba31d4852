#pragma once

#include "simulator/SimGraphError.h"

#include <QString>

#include <optional>

namespace herald {

// Deterministic outcomes by the recipient's last seven digits (on unless
// SimulatorConfig::numberEndingsEnabled is false). The rule: "999" followed by the last four
// digits of the Graph error code. Seven digits make a clash with random test data unlikely
// (about 2 numbers in a million match any rule). Example: +1 555 999 1026 → 131026.
//
//   ending   outcome                                         HTTP
//   9991026  131026 message undeliverable                    400
//   9991047  131047 re-engagement (24 h window closed)       400
//   9991048  131048 spam rate limit hit                      400
//   9991049  131049 per-user marketing limit                 400
//   9991050  131050 user stopped marketing messages          400
//   9991056  131056 pair rate limit hit                      400
//   9991057  131057 account in maintenance mode              400
//   9991031  131031 business account locked                  403
//   9991000  131000 something went wrong                     500
//   9990429  130429 throughput reached                       400
//   9992000  132000 parameter count mismatch                 400
//   9992001  132001 template does not exist in language      404
//   9992015  132015 template paused                          400
//   9992016  132016 template disabled                        400
//   9995000  135000 generic user error                       400
//   9990190  190    access token expired (subcode 463)       401
//   9990368  368    temporarily blocked for policy violation 403
//   9990004  4      application request limit reached        400
//   9990007  80007  WABA rate limit                          400
//   9990002  2      service temporarily unavailable          503
//   9990502  —      HTML error page (not JSON)               502
//   9990998  —      no answer: the request is held until the client gives up
//   9990999  —      connection reset after the request was read
class NumberEndings
{
public:
    enum class Action { SimGraphError, Html, Timeout, Reset };

    struct Rule
    {
        Action action = Action::SimGraphError;
        SimGraphError error; // for Action::SimGraphError
    };

    // recipientKey: digits only. templateName/language fill the 132001 details.
    static std::optional<Rule> match(const QString &recipientKey, const QString &templateName = {},
                                     const QString &language = {});
};

} // namespace herald
