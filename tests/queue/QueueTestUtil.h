#pragma once

#include "TestDatabase.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"

#include <QSqlQuery>
#include <QTest>

namespace herald::test {

inline QList<Recipient> makeRecipients(int count, int firstNumber = 0)
{
    QList<Recipient> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i) {
        Recipient r;
        r.phone = QStringLiteral("+4915%1").arg(100000000 + firstNumber + i);
        r.params = QJsonObject{{QStringLiteral("body.1"), QStringLiteral("Contact %1").arg(firstNumber + i)}};
        r.sourceLine = firstNumber + i + 2;
        list << r;
    }
    return list;
}

inline Campaign makeCampaign(Database &db, const Clock &clock, const QString &name, int recipients)
{
    CampaignStore store(db, clock);
    const Campaign c = store.create({name, QStringLiteral("order_update"), QStringLiteral("en_US"), {}, {}});
    if (recipients > 0) {
        QueueEngine(db, clock).enqueue(c.id, makeRecipients(recipients));
    }
    return store.byId(c.id);
}

// Stored counters must equal a recount from send_queue: invariant 1 (the delivery counters too).
inline bool countersMatch(Database &db, const Clock &clock, const QString &campaignId, QString *why = nullptr)
{
    const Campaign c = CampaignStore(db, clock).byId(campaignId);
    const CounterValues r = Counters::recount(db, campaignId);
    const bool ok = c.totalContacts == r.contacts && c.totalSent == r.sent && c.totalFailed == r.failed &&
                    c.totalDelivered == r.delivered && c.totalRead == r.read &&
                    c.totalFailedAfterSend == r.failedAfterSend;
    if (!ok && why) {
        *why =
            QStringLiteral("stored %1/%2/%3 delivered %4 read %5 late %6, recounted %7/%8/%9 delivered %10 "
                           "read %11 late %12")
                .arg(c.totalContacts)
                .arg(c.totalSent)
                .arg(c.totalFailed)
                .arg(c.totalDelivered)
                .arg(c.totalRead)
                .arg(c.totalFailedAfterSend)
                .arg(r.contacts)
                .arg(r.sent)
                .arg(r.failed)
                .arg(r.delivered)
                .arg(r.read)
                .arg(r.failedAfterSend);
    }
    return ok;
}

} // namespace herald::test
