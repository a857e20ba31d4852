#pragma once

#include "simulator/SimAnswer.h"
#include "simulator/SimRequest.h"

namespace herald {

class SimulatorState;
struct SimulatorConfig;

// Turns a request into an answer: counts it, checks the token, routes by path and gives the
// answer its latency. Pure logic over SimulatorState, callable from any server thread.
//
// Paths: POST /{version}/{phone-number-id}/messages, GET /{version}/{waba-id}/message_templates.
// A token is accepted as "Authorization: Bearer <token>" (or "OAuth <token>") or as the
// access_token query item, as Graph does. Every failure is a Graph error body:
// token → 401/190; unknown path or version → 400/2500; wrong object id or method → 400/100
// (GraphMethodException, subcode 33).
class SimulatorRouter
{
public:
    explicit SimulatorRouter(SimulatorState &state);

    SimAnswer handle(const SimRequest &request);

private:
    SimAnswer route(const SimRequest &request, const SimulatorConfig &config);

    SimulatorState &m_state;
};

} // namespace herald
