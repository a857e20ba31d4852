#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <deque>

namespace herald {

// What the simulator saw for one recipient. "accepted" counts 200 answers carrying a wamid,
// decided by the simulator: an accepted send whose answer was then lost (client gone,
// simulator stopped) still counts, exactly as Meta would have it.
struct RecipientLog
{
    int received = 0; // send requests with valid credentials naming this recipient
    int accepted = 0;
    QByteArray lastPayload;
    QString lastOutcome; // see RequestLog::outcome*()
    QString lastWamid;
    QStringList numbers; // the business phone number of each send request, in order

    bool operator==(const RecipientLog &) const = default;
};

struct RequestLogTotals
{
    qint64 requests = 0;     // every HTTP request, any path, any credentials
    qint64 sendRequests = 0; // POST …/messages with valid credentials
    qint64 accepted = 0;
    qint64 closedAfterAccept = 0; // accepted, then the connection closed without an answer
    // The most send requests received in any sliding one-second window (t - 1 s, t]: what a
    // per-second throughput limit such as Meta's sees of a client's pace.
    qint64 peakSendsPerSecond = 0;
    // The same, counting only the send requests from one business phone number: what that
    // number's own ceiling sees.
    QHash<QString, qint64> peakSendsPerSecondByNumber;
    qint64 templateListings = 0; // GET …/message_templates answered with a page
    // Faults and refusals that are not an answer to a recipient's send: see RequestLog::event*().
    QMap<QString, qint64> events;
    QMap<QString, qint64> byOutcome;
    QList<qint64> requestsByInstance;        // index = server instance (thread)
    QHash<QString, qint64> acceptedByNumber; // business phone number id → accepted sends
};

// Thread-safe record of everything the simulator answered, for tests and the CLI summary.
// One mutex and a hash: each request costs two short critical sections, which is far below
// the cost of parsing the HTTP request itself.
//
// Recipients are keyed by their digits, so "+4915…" and "4915…" are the same person.
// Outcome keys: "accepted", "graph.<code>" (e.g. "graph.130429"), "html", "timeout", "reset".
class RequestLog
{
public:
    explicit RequestLog(int instances = 1);

    static QString recipientKey(QStringView to);
    static QString outcomeAccepted() { return QStringLiteral("accepted"); }
    static QString outcomeGraph(int code) { return QStringLiteral("graph.") + QString::number(code); }
    static QString outcomeHtml() { return QStringLiteral("html"); }
    static QString outcomeTimeout() { return QStringLiteral("timeout"); }
    static QString outcomeReset() { return QStringLiteral("reset"); }
    // Events: answers spoiled after acceptance, and what the connection guard did.
    static QString eventTruncated() { return QStringLiteral("truncated body"); }
    static QString eventMalformed() { return QStringLiteral("malformed json"); }
    static QString eventOversized() { return QStringLiteral("oversized body"); }
    static QString eventResetBeforeRead() { return QStringLiteral("reset before read"); }
    static QString eventSilentConnection() { return QStringLiteral("silent connection"); }
    static QString eventRequestTooLarge() { return QStringLiteral("413"); }
    static QString eventHeadersTooLarge() { return QStringLiteral("431"); }
    static QString eventTooManyConnections() { return QStringLiteral("too many connections"); }

    // Server side. recordSend returns how many sends to this recipient came before (0 for the
    // first); receivedNs (steady clock) feeds the peak one-second window.
    void countRequest(int instance);
    int recordSend(const QString &key, const QByteArray &payload, qint64 receivedNs = 0,
                   const QString &fromNumber = {});
    void recordUnattributedSend(qint64 receivedNs = 0); // a send naming no usable recipient
    // Returns, for an accepted outcome (a wamid), its ordinal among all accepted sends (1, 2, …).
    qint64 recordOutcome(const QString &key, const QString &outcome, const QString &wamid = {},
                         const QString &fromNumber = {});
    qint64 acceptedFrom(const QString &fromNumber) const;
    void countClosedAfterAccept();
    void countEvent(const QString &event);
    qint64 eventCount(const QString &event) const;
    void countTemplateListing();

    // Queries; all return copies taken under the lock.
    RecipientLog recipient(QStringView to) const;
    int receivedFor(QStringView to) const { return recipient(to).received; }
    int acceptedFor(QStringView to) const { return recipient(to).accepted; }
    QHash<QString, RecipientLog> recipients() const;
    RequestLogTotals totals() const;
    qint64 outcomeCount(const QString &outcome) const;

    void clear();
    void setInstanceCount(int instances); // clears the per-instance counters

private:
    // Under m_mutex: adds a send time to a sliding second; returns how many sends it now holds.
    static qint64 noteSendTime(std::deque<qint64> &window, qint64 receivedNs);
    void noteSendTime(qint64 receivedNs, const QString &fromNumber);

    mutable QMutex m_mutex;
    std::deque<qint64> m_lastSecond; // send times within a second of the latest, in order
    QHash<QString, std::deque<qint64>> m_lastSecondByNumber;
    QHash<QString, RecipientLog> m_recipients;
    RequestLogTotals m_totals;
};

} // namespace herald
