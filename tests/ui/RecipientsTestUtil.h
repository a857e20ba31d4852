#pragma once

// A campaign with recipients in every state for the failures and recipients tests.

#include "../queue/QueueTestUtil.h"
#include "data/CampaignSnapshot.h"
#include "queue/Counters.h"

#include <QSqlQuery>

namespace herald::test {

// A campaign of `rows` recipients queued between two imports into another campaign: every 4th
// sent, every 9th failed (131026 or "no response"), the rest waiting.
struct RecipientsFixture
{
    QString campaignId;
    QString otherId;
    QList<qint64> ids;       // every row of the campaign, in id order
    QList<qint64> failedIds; // its failed rows
    QList<qint64> noResponse;
    qint64 sent = 0;

    RecipientsFixture(Database &db, int rows)
    {
        using namespace Qt::StringLiterals;
        ManualClock clock;
        CampaignStore store(db, clock);
        QueueEngine engine(db, clock);
        otherId = store
                      .create({QStringLiteral("Other"),
                               QStringLiteral("order_update"),
                               QStringLiteral("en_US"),
                               {},
                               {}})
                      .id;
        campaignId =
            store
                .create(
                    {QStringLiteral("Big"), QStringLiteral("order_update"), QStringLiteral("en_US"), {}, {}})
                .id;
        engine.enqueue(otherId, makeRecipients(300));
        engine.enqueue(campaignId, makeRecipients(rows, 1000));
        engine.enqueue(otherId, makeRecipients(300, 300));
        const QVariant now = db.timeValue(clock.now());
        db.run(u"UPDATE send_queue SET status = 'sent', wamid = 'wamid.' || id, sent_at = ? "
               "WHERE campaign_id = ? AND id % 4 = 0"_s,
               {now, campaignId});
        db.run(u"UPDATE send_queue SET status = 'failed', wamid = NULL, sent_at = NULL, failed_at = ?, "
               "error_reason = CASE WHEN id % 2 = 0 THEN '131026' ELSE 'no response' END, "
               "error_code = CASE WHEN id % 2 = 0 THEN 131026 END WHERE campaign_id = ? AND id % 9 = 0"_s,
               {now, campaignId});
        db.run(QStringLiteral(
                   "UPDATE send_queue SET status = 'failed', error_reason = '131026' WHERE campaign_id = ?"),
               {otherId});
        QSqlQuery q = db.run(u"SELECT id, status, COALESCE(error_reason, '') FROM send_queue "
                             "WHERE campaign_id = ? ORDER BY id"_s,
                             {campaignId});
        while (q.next()) {
            ids << q.value(0).toLongLong();
            sent += q.value(1).toString() == QStringLiteral("sent") ? 1 : 0;
            if (q.value(1).toString() == QStringLiteral("failed")) {
                failedIds << q.value(0).toLongLong();
                if (q.value(2).toString() == QStringLiteral("no response")) {
                    noResponse << q.value(0).toLongLong();
                }
            }
        }
        // The counters as the sender would have kept them, so that the window shows them.
        Counters::set(db, campaignId, Counters::recount(db, campaignId), clock);
        Counters::set(db, otherId, Counters::recount(db, otherId), clock);
    }

    // The campaign as the window's feed would show it.
    ui::CampaignRow row() const
    {
        ui::CampaignRow r;
        r.id = campaignId;
        r.name = QStringLiteral("Big");
        r.templateName = QStringLiteral("order_update");
        r.templateLanguage = QStringLiteral("en_US");
        r.total = ids.size();
        r.sent = sent;
        r.failed = failedIds.size();
        r.pending = r.total - r.sent - r.failed;
        return r;
    }
};

} // namespace herald::test
