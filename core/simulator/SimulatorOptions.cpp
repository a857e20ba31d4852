#include "simulator/SimulatorOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace herald {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SimulatorOptions", text);
}

struct IntOption
{
    const char *name;
    int SimulatorConfig::*member;
    int min;
    int max;
};

struct RateOption
{
    const char *name;
    double SimulatorConfig::*member;
};

const IntOption kIntOptions[] = {
    {"threads", &SimulatorConfig::threads, 1, 64},
    {"latency-ms", &SimulatorConfig::latencyMs, 0, 600000},
    {"latency-p99-ms", &SimulatorConfig::latencyP99Ms, 0, 600000},
    {"throughput", &SimulatorConfig::throughputPerSecond, 0, 10000000},
    {"pair-limit-ms", &SimulatorConfig::pairLimitMs, 0, 86400000},
    {"close-after-accept-every", &SimulatorConfig::closeAfterAcceptEvery, 0, 100000000},
    {"reset-before-read-every", &SimulatorConfig::resetBeforeReadEvery, 0, 100000000},
    {"silent-connection-every", &SimulatorConfig::silentConnectionEvery, 0, 100000000},
    {"oversized-body-bytes", &SimulatorConfig::oversizedBodyBytes, 0, 256 * 1024 * 1024},
    {"max-request-bytes", &SimulatorConfig::maxRequestBytes, 1024, 1024 * 1024 * 1024},
    {"max-connections", &SimulatorConfig::maxConnections, 1, 1000000},
    {"delivered-after-ms", &SimulatorConfig::deliveredAfterMs, 0, 86400000},
    {"read-after-ms", &SimulatorConfig::readAfterMs, 0, 86400000},
    {"reorder-ms", &SimulatorConfig::reorderMs, 0, 86400000},
    {"webhook-batch", &SimulatorConfig::webhookBatch, 1, 1000},
    {"webhook-retry-ms", &SimulatorConfig::webhookRetryMs, 1, 3600000},
};

const RateOption kRateOptions[] = {
    {"reset-rate", &SimulatorConfig::resetRate},
    {"timeout-rate", &SimulatorConfig::timeoutRate},
    {"error-500-rate", &SimulatorConfig::error500Rate},
    {"error-503-rate", &SimulatorConfig::error503Rate},
    {"html-error-rate", &SimulatorConfig::htmlErrorRate},
    {"error-131000-rate", &SimulatorConfig::error131000Rate},
    {"truncated-body-rate", &SimulatorConfig::truncatedBodyRate},
    {"malformed-json-rate", &SimulatorConfig::malformedJsonRate},
    {"oversized-body-rate", &SimulatorConfig::oversizedBodyRate},
    {"read-share", &SimulatorConfig::readShare},
    {"late-failure-share", &SimulatorConfig::lateFailureShare},
    {"duplicate-share", &SimulatorConfig::duplicateShare},
};

QCommandLineOption valueOption(const char *name, const char *help, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), tr(help), tr(valueName));
}

SimTemplate templateFromJson(const QJsonObject &o)
{
    return SimTemplate{o.value("id"_L1).toString(),
                       o.value("name"_L1).toString(),
                       o.value("language"_L1).toString(),
                       o.value("status"_L1).toString(u"APPROVED"_s),
                       o.value("category"_L1).toString(u"UTILITY"_s),
                       o.value("previous_category"_L1).toString(),
                       o.value("parameter_format"_L1).toString(u"POSITIONAL"_s),
                       o.value("components"_L1).toArray()};
}

} // namespace

void SimulatorOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        valueOption("port", "Port on 127.0.0.1 to listen on; 0 picks a free one (default 0).", "port"),
        valueOption("threads", "HTTP server instances (threads) sharing the port (default 2).", "n"),
        valueOption("token",
                    "Access token clients must send as 'Authorization: Bearer' "
                    "(default herald-demo-token).",
                    "token"),
        valueOption("api-version", "Graph API version in the path, e.g. v23.0; empty accepts any.",
                    "version"),
        valueOption("phone-number-id", "Phone number id of POST /{version}/{id}/messages.", "id"),
        valueOption("waba-id", "WhatsApp Business Account id of GET /{version}/{id}/message_templates.",
                    "id"),
        valueOption("more-phone-number-ids",
                    "More phone numbers of the same account, comma-separated: each sends and answers its "
                    "health like --phone-number-id.",
                    "id,id"),
        valueOption("number-fault",
                    "ID:AFTER[:CODE]: the number ID refuses every send with Graph code CODE (368, or 131048) "
                    "once it had AFTER accepted. Repeatable.",
                    "spec"),
        valueOption("quality-rating",
                    "Quality rating GET /{version}/{phone-number-id} reports: GREEN, YELLOW, RED or NA.",
                    "rating"),
        valueOption("messaging-limit-tier",
                    "Messaging limit tier it reports, e.g. TIER_250, TIER_2K or TIER_UNLIMITED.", "tier"),
        valueOption("number-status", "Status it reports: CONNECTED, FLAGGED, RESTRICTED, …", "status"),
        valueOption("throughput-level", "Throughput level it reports: STANDARD or HIGH.", "level"),
        QCommandLineOption(u"health-refused"_s,
                           tr("Answer GET /{version}/{phone-number-id} with Graph's permission error (10).")),
        valueOption("latency-ms",
                    "Answer delay in ms; with --latency-p99-ms the median of a lognormal "
                    "distribution (default 0).",
                    "ms"),
        valueOption("latency-p99-ms",
                    "99th percentile of the answer delay in ms; at or below --latency-ms "
                    "the delay is fixed (default 0).",
                    "ms"),
        valueOption("throughput",
                    "Sends accepted per sliding second before error 130429; 0 is unlimited "
                    "(default 0; Meta's default is 80).",
                    "msg/s"),
        QCommandLineOption(
            u"pair-limit"_s,
            tr("Refuse with 131056 a send to a number that was sent to within --pair-limit-ms.")),
        valueOption("pair-limit-ms", "Window of the pair rate limit in ms (default 6000).", "ms"),
        QCommandLineOption(
            u"no-number-endings"_s,
            tr("Disable the deterministic outcomes by number ending (numbers ending in 999XXXX).")),
        QCommandLineOption(u"check-templates"_s,
                           tr("Check template name, language, status and body parameter "
                              "count against the catalogue (132001/132015/132016/132000).")),
        valueOption("close-after-accept-every",
                    "Accept every N-th send (it counts as delivered) and then close its connection "
                    "without answering (default 0: never).",
                    "n"),
        valueOption("reset-rate", "Probability of resetting the connection after reading a send.", "p"),
        valueOption("timeout-rate", "Probability of never answering a send (the client must time out).", "p"),
        valueOption("error-500-rate", "Probability of HTTP 500 with Graph code 2.", "p"),
        valueOption("error-503-rate", "Probability of HTTP 503 with Graph code 2.", "p"),
        valueOption("html-error-rate", "Probability of HTTP 502 with an HTML page instead of JSON.", "p"),
        valueOption("error-131000-rate", "Probability of HTTP 500 with Graph code 131000.", "p"),
        valueOption("truncated-body-rate",
                    "Probability of accepting a send and then cutting its answer's body halfway.", "p"),
        valueOption("malformed-json-rate",
                    "Probability of accepting a send and answering it with a body that is not JSON.", "p"),
        valueOption("oversized-body-rate",
                    "Probability of accepting a send and answering it with a body of --oversized-body-bytes.",
                    "p"),
        valueOption("oversized-body-bytes", "Size of an oversized answer's body (default 2 MiB).", "bytes"),
        valueOption("reset-before-read-every",
                    "Reset the connection before reading every N-th request (default 0: never).", "n"),
        valueOption("silent-connection-every",
                    "Accept every N-th connection and never read or answer it (default 0: never).", "n"),
        valueOption("max-request-bytes",
                    "Refuse request bodies larger than this with HTTP 413 (default 1 MiB).", "bytes"),
        valueOption("max-connections",
                    "Answer new connections beyond this many open ones with HTTP 503 (default 1024).", "n"),
        valueOption("seed", "Seed of the injected faults and latency jitter (default 1).", "n"),
        valueOption("status-webhook-url",
                    "POST each accepted send's status callbacks (sent, delivered or a late failure, read) "
                    "to this URL, signed with the app secret in HERALD_APP_SECRET.",
                    "url"),
        QCommandLineOption(
            u"webhook-wrong-secret"_s,
            tr("Sign the status callbacks with a wrong secret (a receiver must refuse them).")),
        valueOption("delivered-after-ms", "Time from sent to delivered (default 800).", "ms"),
        valueOption("read-after-ms", "Time from sent to read (default 3000).", "ms"),
        valueOption("read-share", "Share of delivered messages that are read (default 0.6).", "p"),
        valueOption("late-failure-share",
                    "Share of accepted sends that fail later with 131049 or 131047 (default 0).", "p"),
        valueOption("duplicate-share", "Share of status callbacks sent twice (default 0).", "p"),
        valueOption("reorder-ms",
                    "Send each callback up to this much late, so that later ones overtake it (default 0).",
                    "ms"),
        valueOption("webhook-batch", "Statuses per callback POST at most (default 10).", "n"),
        valueOption("webhook-retry-ms",
                    "Pause before a refused callback POST is sent again, doubled each time up to 30 s "
                    "(default 1000; 8 tries).",
                    "ms"),
        valueOption("templates",
                    "JSON file with the template catalogue: Graph's listing ({\"data\":[...]}) "
                    "or an array of templates.",
                    "file"),
        valueOption("category-change",
                    "Scripted re-categorisation NAME[@LANG]:AFTER[:CATEGORY]: from listing "
                    "AFTER+1 on, the template's category becomes CATEGORY (default MARKETING) "
                    "with previous_category set. Repeatable.",
                    "spec"),
    });
}

bool SimulatorOptions::fromParser(const QCommandLineParser &parser, SimulatorConfig *config, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    SimulatorConfig c = *config;
    for (const IntOption &o : kIntOptions) {
        const QString name = QString::fromLatin1(o.name);
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        const int v = parser.value(name).toInt(&ok);
        if (!ok || v < o.min || v > o.max)
            return fail(tr("--%1 must be an integer from %2 to %3").arg(name).arg(o.min).arg(o.max));
        c.*o.member = v;
    }
    for (const RateOption &o : kRateOptions) {
        const QString name = QString::fromLatin1(o.name);
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        const double v = parser.value(name).toDouble(&ok);
        if (!ok || v < 0.0 || v > 1.0)
            return fail(tr("--%1 must be a probability from 0 to 1").arg(name));
        c.*o.member = v;
    }
    if (parser.isSet(u"token"_s))
        c.accessToken = parser.value(u"token"_s);
    if (parser.isSet(u"api-version"_s))
        c.apiVersion = parser.value(u"api-version"_s);
    if (parser.isSet(u"phone-number-id"_s))
        c.phoneNumberId = parser.value(u"phone-number-id"_s);
    if (parser.isSet(u"waba-id"_s))
        c.wabaId = parser.value(u"waba-id"_s);
    if (parser.isSet(u"more-phone-number-ids"_s)) {
        c.extraPhoneNumberIds.clear();
        for (const QString &id : parser.value(u"more-phone-number-ids"_s).split(u',', Qt::SkipEmptyParts))
            c.extraPhoneNumberIds << id.trimmed();
    }
    for (const QString &spec : parser.values(u"number-fault"_s)) {
        const QStringList parts = spec.split(u':');
        bool afterOk = false;
        bool codeOk = true;
        NumberFault f;
        f.phoneNumberId = parts.value(0).trimmed();
        f.afterAccepted = parts.value(1).toInt(&afterOk);
        if (parts.size() == 3)
            f.code = parts.value(2).toInt(&codeOk);
        if (f.phoneNumberId.isEmpty() || parts.size() < 2 || parts.size() > 3 || !afterOk ||
            f.afterAccepted < 0 || !codeOk || (f.code != 368 && f.code != 131048))
            return fail(
                tr("--number-fault \"%1\" must be ID:AFTER[:CODE] with CODE 368 or 131048").arg(spec));
        c.numberFaults << f;
    }
    const auto oneOf = [&](const QString &name, const QStringList &allowed, QString *out) {
        if (!parser.isSet(name))
            return true;
        const QString v = parser.value(name).trimmed().toUpper();
        if (!allowed.isEmpty() && !allowed.contains(v))
            return false;
        *out = v;
        return true;
    };
    if (!oneOf(u"quality-rating"_s, {u"GREEN"_s, u"YELLOW"_s, u"RED"_s, u"NA"_s}, &c.qualityRating))
        return fail(tr("--quality-rating must be GREEN, YELLOW, RED or NA"));
    if (!oneOf(u"messaging-limit-tier"_s, {}, &c.messagingLimitTier) ||
        !(c.messagingLimitTier == "TIER_UNLIMITED"_L1 || c.messagingLimitTier.startsWith("TIER_"_L1)))
        return fail(tr("--messaging-limit-tier must be TIER_50 … TIER_100K or TIER_UNLIMITED"));
    if (!oneOf(u"number-status"_s, {}, &c.numberStatus) || c.numberStatus.isEmpty())
        return fail(tr("--number-status must not be empty"));
    if (!oneOf(u"throughput-level"_s, {u"STANDARD"_s, u"HIGH"_s}, &c.throughputLevel))
        return fail(tr("--throughput-level must be STANDARD or HIGH"));
    if (parser.isSet(u"health-refused"_s))
        c.healthRefused = true;
    if (parser.isSet(u"pair-limit"_s))
        c.pairLimitEnabled = true;
    if (parser.isSet(u"no-number-endings"_s))
        c.numberEndingsEnabled = false;
    if (parser.isSet(u"check-templates"_s))
        c.checkTemplates = true;
    if (parser.isSet(u"status-webhook-url"_s)) {
        c.statusWebhookUrl = parser.value(u"status-webhook-url"_s);
        // The same variable the receiver reads: never a command-line argument.
        c.webhookAppSecret = qgetenv("HERALD_APP_SECRET");
        if (c.webhookAppSecret.isEmpty())
            return fail(tr("--status-webhook-url needs the app secret in HERALD_APP_SECRET"));
    }
    if (parser.isSet(u"webhook-wrong-secret"_s))
        c.webhookWrongSecret = true;
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        c.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return fail(tr("--seed must be a non-negative integer"));
    }
    if (parser.isSet(u"templates"_s) && !loadTemplates(parser.value(u"templates"_s), &c.templates, error))
        return false;
    const QStringList changes = parser.values(u"category-change"_s);
    for (const QString &spec : changes) {
        CategoryChange change;
        if (!parseCategoryChange(spec, &change))
            return fail(tr("--category-change expects NAME[@LANG]:AFTER[:CATEGORY], not '%1'").arg(spec));
        c.categoryChanges.append(change);
    }
    if (!c.validate(error))
        return false;
    *config = c;
    return true;
}

bool SimulatorOptions::port(const QCommandLineParser &parser, quint16 *port, QString *error)
{
    *port = 0;
    if (!parser.isSet(u"port"_s))
        return true;
    bool ok = false;
    const uint v = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || v > 65535) {
        if (error)
            *error = tr("--port must be a number from 0 to 65535");
        return false;
    }
    *port = quint16(v);
    return true;
}

bool SimulatorOptions::fromArguments(const QStringList &arguments, SimulatorConfig *config, quint16 *port,
                                     QString *error)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    addTo(parser);
    if (!parser.parse(arguments)) {
        if (error)
            *error = parser.errorText();
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        if (error)
            *error = parser.helpText();
        return false;
    }
    return SimulatorOptions::port(parser, port, error) && fromParser(parser, config, error);
}

bool SimulatorOptions::loadTemplates(const QString &path, QList<SimTemplate> *templates, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value("data"_L1).toArray();
    if (parseError.error != QJsonParseError::NoError || items.isEmpty()) {
        if (error)
            *error = tr("%1 holds no templates (expected {\"data\":[...]} or an array)").arg(path);
        return false;
    }
    QList<SimTemplate> out;
    for (const QJsonValue &v : items) {
        SimTemplate t = templateFromJson(v.toObject());
        if (t.name.isEmpty() || t.language.isEmpty()) {
            if (error)
                *error = tr("%1: every template needs a name and a language").arg(path);
            return false;
        }
        if (t.id.isEmpty())
            t.id = QString::number(1000000000000000LL + out.size());
        out.append(t);
    }
    *templates = out;
    return true;
}

bool SimulatorOptions::parseCategoryChange(const QString &spec, CategoryChange *change)
{
    const QStringList parts = spec.split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return false;
    CategoryChange c;
    const QStringList nameLang = parts.at(0).split(u'@');
    c.templateName = nameLang.at(0).trimmed();
    if (nameLang.size() > 1)
        c.language = nameLang.at(1).trimmed();
    bool ok = false;
    c.afterListings = parts.at(1).toInt(&ok);
    if (!ok || c.afterListings < 0 || c.templateName.isEmpty())
        return false;
    if (parts.size() == 3)
        c.newCategory = parts.at(2).trimmed().toUpper();
    if (c.newCategory.isEmpty())
        return false;
    *change = c;
    return true;
}

} // namespace herald
