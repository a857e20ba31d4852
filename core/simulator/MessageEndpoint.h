#pragma once

#include "simulator/SimAnswer.h"
#include "simulator/SimRequest.h"

namespace herald {

class SimulatorState;
struct SimulatorConfig;

// POST /{version}/{phone-number-id}/messages, after routing and the token check. Decides the
// outcome in this order: validation (100), a refusing number (NumberFault), injected faults, throughput cap
// (130429), number endings, catalogue check (132xxx), pair limit (131056), acceptance. It logs every
// decision.
class MessageEndpoint
{
public:
    // `fromNumber`: the business phone number the request was posted to.
    static SimAnswer handle(SimulatorState &state, const SimulatorConfig &config, const SimRequest &request,
                            const QString &fromNumber);
};

} // namespace herald
