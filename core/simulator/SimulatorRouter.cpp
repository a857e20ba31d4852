#include "simulator/SimulatorRouter.h"

#include "simulator/MessageEndpoint.h"
#include "simulator/PhoneNumberEndpoint.h"
#include "simulator/SimRandom.h"
#include "simulator/SimulatorState.h"
#include "simulator/TemplateEndpoint.h"

#include <QRegularExpression>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

constexpr double kMaxLatencyMs = 600000.0;

std::optional<SimGraphError> checkToken(const SimulatorConfig &config, const SimRequest &request)
{
    QByteArray token;
    const QByteArray &auth = request.authorization;
    const qsizetype space = auth.indexOf(' ');
    if (space > 0) {
        const QByteArray scheme = auth.left(space).toLower();
        if (scheme == "bearer" || scheme == "oauth")
            token = auth.mid(space + 1).trimmed();
    }
    if (token.isEmpty())
        token = request.query.queryItemValue(u"access_token"_s, QUrl::FullyDecoded).toUtf8();
    if (token.isEmpty())
        return SimGraphError::missingToken();
    if (token != config.accessToken.toUtf8())
        return SimGraphError::invalidToken();
    return std::nullopt;
}

qint64 latencyFor(const SimulatorConfig &config, quint64 key, quint64 attempt)
{
    if (config.latencyMs <= 0 && config.latencyP99Ms <= 0)
        return 0;
    if (config.latencyP99Ms <= config.latencyMs || config.latencyMs <= 0)
        return qMax(config.latencyMs, 0);
    const double u1 = SimRandom::unit(config.seed, key, attempt, SimRandom::LatencyA);
    const double u2 = SimRandom::unit(config.seed, key, attempt, SimRandom::LatencyB);
    const double ms = SimRandom::lognormal(config.latencyMs, config.latencyP99Ms, u1, u2);
    return qint64(qMin(ms, kMaxLatencyMs) + 0.5);
}

bool versionAccepted(const SimulatorConfig &config, QStringView version)
{
    if (!config.apiVersion.isEmpty())
        return version == config.apiVersion;
    static const QRegularExpression pattern(u"^v\\d+\\.\\d+$"_s);
    return pattern.match(version.toString()).hasMatch();
}

} // namespace

SimulatorRouter::SimulatorRouter(SimulatorState &state)
    : m_state(state)
{}

SimAnswer SimulatorRouter::handle(const SimRequest &request)
{
    m_state.log().countRequest(request.instance);
    const auto config = m_state.config();
    SimAnswer answer = route(request, *config);
    if (answer.action == SimAnswer::Action::Respond || answer.action == SimAnswer::Action::Close ||
        answer.action == SimAnswer::Action::Truncate) {
        answer.delayMs = latencyFor(*config, SimRandom::hash(request.path), m_state.nextSequence());
    }
    return answer;
}

SimAnswer SimulatorRouter::route(const SimRequest &request, const SimulatorConfig &config)
{
    if (auto tokenError = checkToken(config, request))
        return SimAnswer::error(*tokenError);

    const QList<QStringView> parts = QStringView(request.path).split(u'/', Qt::SkipEmptyParts);
    if (parts.size() < 2 || !versionAccepted(config, parts.at(0)))
        return SimAnswer::error(SimGraphError::unknownPath(request.path));
    const QString objectId = parts.at(1).toString();
    const QString method = QString::fromLatin1(request.methodName).toLower();
    if (parts.size() == 2 && config.isAccountNumber(objectId) && request.method == SimRequest::Method::Get)
        return config.healthRefused ? SimAnswer::error(SimGraphError::permissionDenied())
                                    : PhoneNumberEndpoint::handle(config, request);
    if (parts.size() != 3)
        return parts.size() == 2 ? SimAnswer::error(SimGraphError::unsupportedRequest(method, objectId))
                                 : SimAnswer::error(SimGraphError::unknownPath(request.path));

    const QStringView edge = parts.at(2);
    if (edge == u"messages") {
        if (!config.isAccountNumber(objectId) || request.method != SimRequest::Method::Post)
            return SimAnswer::error(SimGraphError::unsupportedRequest(method, objectId));
        return MessageEndpoint::handle(m_state, config, request, objectId);
    }
    if (edge == u"message_templates") {
        if (objectId != config.wabaId || request.method != SimRequest::Method::Get)
            return SimAnswer::error(SimGraphError::unsupportedRequest(method, objectId));
        return TemplateEndpoint::handle(m_state, config, request);
    }
    return SimAnswer::error(SimGraphError::unknownPath(u"/"_s + edge.toString()));
}

} // namespace herald
