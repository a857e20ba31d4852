#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

// One message template as the simulator's catalogue serves it (the fields Graph returns for
// GET /{waba-id}/message_templates). components is kept as Graph JSON so any component a
// test needs can be described without a parallel C++ model.
struct SimTemplate
{
    QString id;
    QString name;
    QString language;
    QString status;   // APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …
    QString category; // MARKETING, UTILITY, AUTHENTICATION
    QString previousCategory;
    QString parameterFormat; // POSITIONAL or NAMED
    QJsonArray components;

    bool operator==(const SimTemplate &) const = default;
};

// "After the N-th listing, template X's category becomes Y": a listing is a request for the
// first page (no after/before cursor), so a client walking the pages of one listing never
// sees the catalogue change under its feet; the change is visible from listing N+1 on.
struct CategoryChange
{
    int afterListings = 1;
    QString templateName;
    QString language; // empty: every language of templateName
    QString newCategory = QStringLiteral("MARKETING");

    bool operator==(const CategoryChange &) const = default;
};

// Every knob of the Cloud API simulator. Thread count is read by start() only; everything
// else may be changed while running through CloudApiSimulator::setConfig().
//
// Latency: answers are delayed by a lognormal distribution with median latencyMs and 99th
// percentile latencyP99Ms; latencyP99Ms <= latencyMs means a fixed delay of latencyMs.
// Lognormal because real API latencies have a long right tail and never go below zero.
//
// Injected faults are drawn from a hash of (seed, recipient, attempt number for that
// recipient), not from a shared generator: the k-th request to a number gets the same outcome
// on every run with the same seed, however the requests are spread over threads and
// connections. Latency jitter uses (seed, arrival order), which only the order can change.
// One of the account's numbers starts refusing every message after it had this many accepted:
// Graph code 368 (blocked for policy violations) or 131048 (spam rate limit) by default.
struct NumberFault
{
    QString phoneNumberId;
    int afterAccepted = 0;
    int code = 368;

    bool operator==(const NumberFault &) const = default;
};

struct SimulatorConfig
{
    // Identity of the simulated account.
    QString accessToken = QStringLiteral("herald-demo-token");
    QString apiVersion = QStringLiteral("v23.0"); // empty: accept any vNN.N
    QString phoneNumberId = QStringLiteral("106540352242922");
    QString wabaId = QStringLiteral("102290129340398");
    // More phone numbers of the same account: each sends messages and answers its health like
    // phoneNumberId. numberFaults make one of them refuse after a while.
    QStringList extraPhoneNumberIds;
    QList<NumberFault> numberFaults;
    // What GET /{version}/{phone-number-id} answers about the number's health.
    QString verifiedName = QStringLiteral("Herald Demo Shop");
    QString displayPhoneNumber = QStringLiteral("+1 555-010-4242");
    QString qualityRating = QStringLiteral("GREEN");         // GREEN | YELLOW | RED | NA
    QString messagingLimitTier = QStringLiteral("TIER_10K"); // TIER_50 … TIER_UNLIMITED
    QString numberStatus = QStringLiteral("CONNECTED");      // CONNECTED | FLAGGED | RESTRICTED | …
    QString throughputLevel = QStringLiteral("STANDARD");    // STANDARD (80/s) | HIGH (up to 1,000/s)
    // Answer that GET with Graph's permission error (code 10, HTTP 403), as for a token without
    // the whatsapp_business_management permission.
    bool healthRefused = false;

    int threads = 2; // QHttpServer instances sharing the port (SO_REUSEPORT)

    int latencyMs = 0;
    int latencyP99Ms = 0;

    int throughputPerSecond = 0; // 130429 above this many accepted sends per sliding second; 0 = off
    bool pairLimitEnabled = false;
    int pairLimitMs = 6000; // 131056 when the same number is sent to again within this window
    // Every N-th accepted send (counted over the whole run) is accepted — logged with its wamid,
    // exactly as Meta would count it — and then its connection is closed without a byte of the
    // answer: the fault that makes an HTTP client that resends silently deliver twice. 0 = off.
    int closeAfterAcceptEvery = 0;

    bool numberEndingsEnabled = true; // deterministic outcomes by number ending (see NumberEndings.h)
    bool checkTemplates = false;      // 132001/132015/132016/132000 against the catalogue

    // Injected faults: probabilities per send request, drawn in this order; their sum must be <= 1.
    double resetRate = 0.0;       // abort the connection after reading the request
    double timeoutRate = 0.0;     // accept the request and never answer
    double error500Rate = 0.0;    // HTTP 500, Graph code 2
    double error503Rate = 0.0;    // HTTP 503, Graph code 2
    double htmlErrorRate = 0.0;   // HTTP 502 with an HTML page (not JSON)
    double error131000Rate = 0.0; // HTTP 500, Graph code 131000
    // Faults after acceptance: the send is accepted (logged with its wamid, as Meta would count
    // it) and its answer is spoiled. Probabilities per accepted send; their sum must be <= 1.
    double truncatedBodyRate = 0.0; // 200 whose body stops halfway; the connection then closes
    double malformedJsonRate = 0.0; // 200, application/json, a complete body that is not JSON
    double oversizedBodyRate = 0.0; // 200 whose JSON body is padded to oversizedBodyBytes
    int oversizedBodyBytes = 2 * 1024 * 1024;
    quint64 seed = 1;

    // Faults of the connection itself, decided on the socket before any request is parsed.
    // Every N-th request (counted over the whole run) is met with a reset (RST) before the
    // server reads a byte of it: nothing is logged, nothing accepted. 0 = off.
    int resetBeforeReadEvery = 0;
    // Every N-th accepted TCP connection is kept open and never read from or answered. 0 = off.
    int silentConnectionEvery = 0;

    // Input limits. A request whose body is larger than maxRequestBytes is refused with 413
    // before its body is read, and one whose header block is larger than 64 KiB with 431; the
    // connection is then closed. Beyond maxConnections open connections, a new one is answered
    // 503 and closed at once.
    int maxRequestBytes = 1024 * 1024;
    int maxConnections = 1024;

    // Status webhooks (StatusCallbacks.h): every accepted send is followed by its delivery
    // reports, POSTed to statusWebhookUrl as Meta does and signed with webhookAppSecret.
    QString statusWebhookUrl; // empty: no callbacks
    QByteArray webhookAppSecret;
    bool webhookWrongSecret = false; // sign with another secret: a receiver must refuse them all
    int deliveredAfterMs = 800;      // sent → delivered (or a late failure)
    int readAfterMs = 3000;          // sent → read
    double readShare = 0.6;          // of the delivered messages
    double lateFailureShare = 0.0;   // of the accepted sends: 131049 or 131047, never delivered
    double duplicateShare = 0.0;     // of the callbacks: POSTed twice
    int reorderMs = 0;               // each callback goes out up to this much late: later ones overtake
    int webhookBatch = 10;           // statuses per POST at most
    int webhookRetryMs = 1000;       // first pause before a refused POST is sent again (then doubled)

    QList<SimTemplate> templates = defaultTemplates();
    QList<CategoryChange> categoryChanges;

    bool validate(QString *error) const;
    // phoneNumberId or one of extraPhoneNumberIds.
    bool isAccountNumber(const QString &id) const
    {
        return id == phoneNumberId || extraPhoneNumberIds.contains(id);
    }
    const NumberFault *faultOf(const QString &phoneNumberId) const;

    // A small catalogue covering each status a sender must handle, positional and named
    // parameters, media headers and URL buttons; 9 templates, so paging with limit=2 has 5 pages.
    static QList<SimTemplate> defaultTemplates();
};

} // namespace herald
