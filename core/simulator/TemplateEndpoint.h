#pragma once

#include "simulator/SimAnswer.h"
#include "simulator/SimRequest.h"

namespace herald {

class SimulatorState;
struct SimulatorConfig;

// GET /{version}/{waba-id}/message_templates with Graph's cursor paging: `limit` (default 25),
// `after`/`before` cursors, `fields` (comma list; id is always included) and `name` filter.
// Cursors are Graph-style opaque strings; paging.next/previous are absolute URLs that keep
// every other query item of the request.
class TemplateEndpoint
{
public:
    static SimAnswer handle(SimulatorState &state, const SimulatorConfig &config, const SimRequest &request);

    static QString encodeCursor(int index);
    static int decodeCursor(const QString &cursor); // -1 when not a cursor of ours
};

} // namespace herald
