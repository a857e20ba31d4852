#include "simulator/MessageEndpoint.h"

#include "simulator/NumberEndings.h"
#include "simulator/SendValidator.h"
#include "simulator/SimRandom.h"
#include "simulator/SimulatorState.h"

#include <QDateTime>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

struct Decider
{
    SimulatorState &state;
    const SimulatorConfig &config;
    const QString &key;

    SimAnswer fail(const SimGraphError &e) const
    {
        state.log().recordOutcome(key, RequestLog::outcomeGraph(e.code));
        return SimAnswer::error(e);
    }
    SimAnswer html() const
    {
        state.log().recordOutcome(key, RequestLog::outcomeHtml());
        return SimAnswer::html(502, SimGraphError::htmlErrorPage());
    }
    SimAnswer hold() const
    {
        state.log().recordOutcome(key, RequestLog::outcomeTimeout());
        return SimAnswer::hold();
    }
    SimAnswer reset() const
    {
        state.log().recordOutcome(key, RequestLog::outcomeReset());
        return SimAnswer::reset();
    }
};

std::optional<SimAnswer> injectedFault(const Decider &d, double u)
{
    const SimulatorConfig &c = d.config;
    double edge = c.resetRate;
    if (u < edge)
        return d.reset();
    if (u < (edge += c.timeoutRate))
        return d.hold();
    if (u < (edge += c.error500Rate))
        return d.fail(SimGraphError::unexpected500());
    if (u < (edge += c.error503Rate))
        return d.fail(SimGraphError::unavailable503());
    if (u < (edge += c.htmlErrorRate))
        return d.html();
    if (u < (edge += c.error131000Rate))
        return d.fail(SimGraphError::somethingWentWrong());
    return std::nullopt;
}

std::optional<SimAnswer> catalogueCheck(const Decider &d, const SendValidator::Result &send)
{
    if (!d.config.checkTemplates || send.type != "template"_L1)
        return std::nullopt;
    const auto found = d.state.catalogue().find(send.templateName, send.languageCode);
    if (!found)
        return d.fail(SimGraphError::templateMissing(send.templateName, send.languageCode));
    const QString &status = found->tmpl.status;
    if (status == "PAUSED"_L1)
        return d.fail(SimGraphError::templatePaused());
    if (status == "DISABLED"_L1)
        return d.fail(SimGraphError::templateDisabled());
    if (status != "APPROVED"_L1)
        return d.fail(SimGraphError::templateMissing(send.templateName, send.languageCode));
    if (send.bodyParameters != found->bodyPlaceholders)
        return d.fail(SimGraphError::parameterCountMismatch(send.bodyParameters, found->bodyPlaceholders));
    return std::nullopt;
}

QByteArray successBody(const QString &to, const QString &waId, const QString &wamid)
{
    // Built by hand: this is the hot path, and `to` was validated as '+'/digits only.
    QByteArray body;
    body.reserve(200);
    body.append(R"({"messaging_product":"whatsapp","contacts":[{"input":")")
        .append(to.toLatin1())
        .append(R"(","wa_id":")")
        .append(waId.toLatin1())
        .append(R"("}],"messages":[{"id":")")
        .append(wamid.toLatin1())
        .append(R"(","message_status":"accepted"}]})");
    return body;
}

// An accepted send whose answer goes wrong on the way: what a client meets from a proxy that
// cuts a body, a server that writes garbage, or one that answers far more than asked.
std::optional<SimAnswer> spoiledAnswer(SimulatorState &state, const SimulatorConfig &c, double u,
                                       const QByteArray &body)
{
    double edge = c.truncatedBodyRate;
    if (u < edge) {
        state.log().countEvent(RequestLog::eventTruncated());
        return SimAnswer::truncated(200, body);
    }
    if (u < (edge += c.malformedJsonRate)) {
        state.log().countEvent(RequestLog::eventMalformed());
        // Complete and well framed, but not JSON: keys without quotes, a trailing comma.
        QByteArray garbled = body;
        garbled.replace("\"messages\"", "messages").replace("}]}", "},]}");
        return SimAnswer::json(200, garbled);
    }
    if (u < (edge += c.oversizedBodyRate)) {
        state.log().countEvent(RequestLog::eventOversized());
        // Still valid JSON with the wamid in it: a client that read it all would call it a success.
        QByteArray big = body;
        big.chop(1);
        big.append(R"(,"padding":")");
        const qsizetype room = qMax<qsizetype>(0, c.oversizedBodyBytes - big.size() - 2);
        big.append(QByteArray(room, 'x')).append("\"}");
        return SimAnswer::json(200, big);
    }
    return std::nullopt;
}

} // namespace

SimAnswer MessageEndpoint::handle(SimulatorState &state, const SimulatorConfig &config,
                                  const SimRequest &request, const QString &fromNumber)
{
    const SendValidator::Result send = SendValidator::check(request.body);
    const QString &key = send.recipientKey;
    const Decider d{state, config, key};
    if (key.isEmpty()) {
        state.log().recordUnattributedSend(request.receivedNs);
        return d.fail(send.error.value_or(SimGraphError::invalidParameter(u"Invalid parameter"_s)));
    }
    const int attempt = state.log().recordSend(key, request.body, request.receivedNs, fromNumber);
    if (send.error)
        return d.fail(*send.error);
    if (const NumberFault *f = config.faultOf(fromNumber);
        f && state.log().acceptedFrom(fromNumber) >= f->afterAccepted)
        return d.fail(SimGraphError::numberRefused(f->code));

    const quint64 keyHash = SimRandom::hash(key);
    if (auto fault =
            injectedFault(d, SimRandom::unit(config.seed, keyHash, quint64(attempt), SimRandom::Fault)))
        return *fault;

    if (!state.throughput().tryAdmit(config.throughputPerSecond, request.receivedNs))
        return d.fail(SimGraphError::throughputReached());

    if (config.numberEndingsEnabled) {
        if (const auto rule = NumberEndings::match(key, send.templateName, send.languageCode)) {
            switch (rule->action) {
            case NumberEndings::Action::SimGraphError:
                return d.fail(rule->error);
            case NumberEndings::Action::Html:
                return d.html();
            case NumberEndings::Action::Timeout:
                return d.hold();
            case NumberEndings::Action::Reset:
                return d.reset();
            }
        }
    }

    if (auto refused = catalogueCheck(d, send))
        return *refused;

    if (config.pairLimitEnabled && !state.pairLimiter().tryAdmit(key, config.pairLimitMs, request.receivedNs))
        return d.fail(SimGraphError::pairRateLimit());

    const QString wamid = state.nextWamid(key);
    const qint64 ordinal = state.log().recordOutcome(key, RequestLog::outcomeAccepted(), wamid, fromNumber);
    if (!config.statusWebhookUrl.isEmpty()) {
        // Accepted is delivered as far as Meta is concerned, whatever happens to the answer.
        state.statusInbox().push(
            {key, wamid, send.bizOpaqueCallbackData, QDateTime::currentMSecsSinceEpoch()});
    }
    if (config.closeAfterAcceptEvery > 0 && ordinal % config.closeAfterAcceptEvery == 0) {
        state.log().countClosedAfterAccept();
        return SimAnswer::closeWithoutAnswer();
    }
    QByteArray body = successBody(send.to, key, wamid);
    const double spoil = SimRandom::unit(config.seed, keyHash, quint64(attempt), SimRandom::Spoil);
    if (auto spoiled = spoiledAnswer(state, config, spoil, body))
        return *spoiled;
    return SimAnswer::json(200, std::move(body));
}

} // namespace herald
