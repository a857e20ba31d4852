#pragma once

#include "webhook/WebhookTypes.h"

#include <QList>
#include <QString>

namespace herald {

class Database;

// Status callbacks that matched no queue row yet, in webhook_events: the row may still be in
// flight (its send's answer not recorded), its claim may have moved on, or the id may be
// unknown. Nothing a callback says is dropped; DeliveryWriter::retryParked applies them once
// their row is there.
class ParkedEvents
{
public:
    struct Parked
    {
        qint64 id = 0;
        StatusUpdate update;
    };

    explicit ParkedEvents(Database &db);

    // In the caller's transaction.
    void park(const StatusUpdate &update, const QString &reason, const QDateTime &now);
    // Unresolved callbacks that could match now: a sent row has their wamid, or the row their
    // callback data names is one reconciliation may take (failed or back to ready for "no
    // response" or "interrupted", same claim). Oldest event first, at most `limit`.
    QList<Parked> resolvable(int limit);
    void resolve(qint64 id, const QDateTime &now);
    void setReason(qint64 id, const QString &reason);
    // Unresolved callbacks (all kinds).
    qint64 unresolvedCount();

private:
    Database &m_db;
};

} // namespace herald
