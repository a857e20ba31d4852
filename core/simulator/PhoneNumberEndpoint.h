#pragma once

#include "simulator/SimAnswer.h"
#include "simulator/SimRequest.h"

namespace herald {

struct SimulatorConfig;

// GET /{version}/{phone-number-id}?fields=…: the number's identity and health as Graph answers
// it (verified_name, display_phone_number, quality_rating, messaging_limit_tier, status,
// throughput), from the simulator's configuration; `fields` picks, id is always included.
class PhoneNumberEndpoint
{
public:
    static SimAnswer handle(const SimulatorConfig &config, const SimRequest &request);
};

} // namespace herald
