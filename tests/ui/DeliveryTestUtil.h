#pragma once

// Campaigns whose messages were sent and the status callbacks Meta would send about them, for
// the console's delivery-tracking tests: the rows go through QueueEngine and the callbacks
// through DeliveryWriter, the paths the sender and the receiver take.

#include "../queue/QueueTestUtil.h"
#include "webhook/DeliveryWriter.h"

#include <QStringList>

namespace herald::test {

// One status callback for the business number `phoneNumberId`; a failure carries `code`.
inline StatusUpdate callback(const QString &wamid, DeliveryStatus status, const QDateTime &at,
                             const QString &phoneNumberId, int code = 131049)
{
    StatusUpdate u;
    u.wamid = wamid;
    u.status = status;
    u.timestamp = at.toUTC();
    u.recipientId = QStringLiteral("4915100000000");
    u.phoneNumberId = phoneNumberId;
    if (status == DeliveryStatus::Failed) {
        u.errors << WebhookError{code, QStringLiteral("Not delivered"), QString(), QStringLiteral("late")};
    }
    return u;
}

// A running campaign on `phoneNumberId` with `sent` messages accepted (wamids "<name>.<i>"),
// `failed` refused with 131026 and `pending` not sent yet.
inline Campaign sentCampaign(Database &db, const Clock &clock, const QString &name,
                             const QString &phoneNumberId, int sent, int failed, int pending)
{
    CampaignStore store(db, clock);
    const Campaign c =
        store.create({name, QStringLiteral("order_update"), QStringLiteral("en_US"), phoneNumberId, {}});
    QueueEngine engine(db, clock);
    engine.enqueue(c.id, makeRecipients(sent + failed + pending));
    store.transition(c.id, CampaignStatus::Running);
    const QList<ClaimedMessage> claims = engine.claim(c.id, QStringLiteral("w1"), sent + failed);
    QList<Outcome> outcomes;
    for (int i = 0; i < claims.size(); ++i) {
        outcomes << (i < sent ? Outcome::sent(claims.at(i), QStringLiteral("%1.%2").arg(name).arg(i))
                              : Outcome::failed(claims.at(i), QStringLiteral("131026"),
                                                QStringLiteral("Message undeliverable"), 131026));
    }
    engine.record(outcomes);
    return store.byId(c.id);
}

inline QString wamidOf(const Campaign &c, int i)
{
    return QStringLiteral("%1.%2").arg(c.name).arg(i);
}

} // namespace herald::test
