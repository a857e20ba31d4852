#include "SampleData.h"

#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "optout/OptOutStore.h"
#include "queue/CampaignStore.h"
#include "queue/DailySummary.h"
#include "queue/NumberPool.h"
#include "queue/QueueEngine.h"
#include "settings/SettingKeys.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/DemoCampaign.h"
#include "webhook/DeliveryWriter.h"

#include <QRandomGenerator>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald::screenshots {

namespace {
QList<Recipient> contacts(int count, int first)
{
    static const QStringList names = {u"Anna Schmidt"_s, u"Lukas Weber"_s,  u"Mia Fischer"_s,
                                      u"Ben Wagner"_s,   u"Emma Becker"_s,  u"Paul Hoffmann"_s,
                                      u"Lea Koch"_s,     u"Jonas Richter"_s};
    QList<Recipient> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i) {
        Recipient r;
        r.phone = u"+49151%1"_s.arg(20000000 + first + i);
        r.name = names.at((first + i) % names.size());
        r.params =
            QJsonObject{{u"body.1"_s, r.name.section(u' ', 0, 0)}, {u"body.2"_s, u"A%1"_s.arg(40000 + i)}};
        r.sourceLine = i + 2;
        list << r;
    }
    return list;
}

// Sends `share` of the campaign over `minutes`, a minute at a time, at the pace of a real run;
// failures in the proportions a marketing list meets.
void sendOver(Database &db, ManualClock &clock, const QString &id, double share, int minutes)
{
    QueueEngine engine(db, clock);
    const Campaign c = CampaignStore(db, clock).byId(id);
    const qint64 toSend = qint64(double(c.totalContacts) * share);
    const qint64 perMinute = std::max<qint64>(1, toSend / minutes);
    QRandomGenerator rng(7);
    qint64 done = 0;
    for (int m = 0; m < minutes && done < toSend; ++m) {
        // A ramp-up, a dip and a steady middle, as real throughput looks; the last minute sends
        // whatever is left of the share.
        const double shape = m < 2 ? 0.5 + 0.25 * m : (m == minutes / 3 ? 0.6 : 1.1);
        qint64 budget = m == minutes - 1
                            ? toSend - done
                            : std::min<qint64>(toSend - done, qint64(double(perMinute) * shape) + 1);
        while (budget > 0) {
            const QList<ClaimedMessage> batch =
                engine.claim(id, u"sample"_s, int(std::min<qint64>(budget, 200)));
            if (batch.isEmpty()) {
                break;
            }
            QList<Outcome> outcomes;
            for (const ClaimedMessage &msg : batch) {
                const quint32 roll = rng.bounded(1000u);
                if (roll < 9) {
                    outcomes << Outcome::failed(msg, u"131026"_s, u"Message undeliverable."_s, 131026,
                                                u"AQx7sTn2B"_s);
                } else if (roll < 12) {
                    outcomes << Outcome::failed(
                        msg, u"131049"_s,
                        u"This message was not delivered to maintain healthy ecosystem "
                        "engagement."_s,
                        131049, u"Bz81kLp0"_s);
                } else if (roll < 14) {
                    Outcome o = Outcome::failed(msg, u"131050"_s, u"User has stopped marketing messages."_s,
                                                131050, u"Cr55mQw9"_s);
                    o.optOut = true;
                    o.phone = msg.phone;
                    outcomes << o;
                } else if (roll < 15) {
                    outcomes << Outcome::failed(
                        msg, FailureReason::NoResponse,
                        u"network error RemoteHostClosedError after the request was sent"_s);
                } else {
                    outcomes << Outcome::sent(msg, u"wamid.HBgLNDkxNTEy%1"_s.arg(msg.id));
                }
            }
            engine.record(outcomes);
            budget -= batch.size();
            done += batch.size();
        }
        clock.advanceMs(60'000);
    }
}

// The status callbacks Meta sends for a campaign's sent messages, through DeliveryWriter as the
// receiver applies them: most delivered, over half of those read, a few failed afterwards.
void deliver(Database &db, const Clock &clock, const QString &id, const QString &phoneNumberId)
{
    QList<StatusUpdate> callbacks;
    QRandomGenerator rng(11);
    QSqlQuery q = db.run(u"SELECT wamid, sent_at FROM send_queue WHERE campaign_id = ? AND status = 'sent' "
                         "ORDER BY id"_s,
                         {id});
    while (q.next()) {
        StatusUpdate u;
        u.wamid = q.value(0).toString();
        u.phoneNumberId = phoneNumberId;
        u.timestamp = Database::readTime(q.value(1)).addSecs(2);
        const quint32 roll = rng.bounded(1000u);
        if (roll < 12) {
            u.status = DeliveryStatus::Failed;
            const int code = roll < 8 ? 131049 : 131047;
            u.errors << WebhookError{code, u"Not delivered"_s, QString(), QString()};
        } else if (roll < 960) {
            u.status = roll < 600 ? DeliveryStatus::Read : DeliveryStatus::Delivered;
        } else {
            continue; // the phone is off: nothing heard yet
        }
        callbacks << u;
    }
    DeliveryWriter writer(db, clock);
    for (qsizetype i = 0; i < callbacks.size(); i += 2000) {
        writer.write(callbacks.mid(i, 2000));
    }
}
} // namespace

SampleIds fillSampleData(Database &db, const CloudApiSimulator &sim)
{
    AppSettings settings(db);
    settings.set(SettingKeys::ApiBase, sim.baseUrl().toString());
    settings.set(SettingKeys::PhoneNumberId, sim.config().phoneNumberId);
    settings.set(SettingKeys::WabaId, sim.config().wabaId);
    settings.set(SettingKeys::RateCeiling, u"80"_s);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    ManualClock clock(now.addDays(-1).addSecs(-3 * 3600));
    CampaignStore store(db, clock);
    SampleIds ids;
    const QJsonObject defaults = DemoCampaign::settings();

    // Yesterday: two campaigns sent to completion.
    for (int file = 29; file <= 30; ++file) {
        const Campaign c = store.create({u"FIN NEW DATA FILE %1"_s.arg(file), u"order_update"_s, u"en_US"_s,
                                         sim.config().phoneNumberId, defaults});
        QueueEngine(db, clock).enqueue(c.id, contacts(file == 29 ? 6200 : 9870, file * 100000));
        store.transition(c.id, CampaignStatus::Running);
        sendOver(db, clock, c.id, 1.0, file == 29 ? 9 : 14);
        QueueEngine(db, clock).claim(c.id, u"sample"_s, 1); // nothing left: completes
        clock.advanceMs(3 * 3600 * 1000);
    }
    // This morning: a completed one with every kind of failure.
    clock.set(now.addSecs(-5 * 3600));
    {
        const Campaign c = store.create(
            {u"FIN NEW DATA FILE 31"_s, u"order_update"_s, u"en_US"_s, sim.config().phoneNumberId, defaults});
        QueueEngine(db, clock).enqueue(c.id, contacts(10549, 3100000));
        store.transition(c.id, CampaignStatus::Running);
        sendOver(db, clock, c.id, 1.0, 22);
        QueueEngine(db, clock).claim(c.id, u"sample"_s, 1);
        ids.completed = c.id;
    }
    // Paused by Meta: the template's quality.
    clock.set(now.addSecs(-3 * 3600));
    {
        const Campaign c = store.create({u"Spring promo — Berlin"_s, u"order_update"_s, u"en_US"_s,
                                         sim.config().phoneNumberId, defaults});
        QueueEngine(db, clock).enqueue(c.id, contacts(4200, 5000000));
        store.transition(c.id, CampaignStatus::Running);
        sendOver(db, clock, c.id, 0.35, 8);
        store.transition(
            c.id, CampaignStatus::Paused,
            u"Meta paused the template because of low quality. (132015): The campaign is paused. "
            "Improve the template or wait until Meta unpauses it, then resume."_s);
        ids.paused = c.id;
    }
    // From three numbers: one of them blocked by Meta midway, its recipients waiting to be moved.
    clock.set(now.addSecs(-2 * 3600));
    {
        const QString blocked = u"106540352242924"_s;
        const Campaign c = store.create(
            {u"Black Friday — three numbers"_s, u"order_update"_s, u"en_US"_s, QString(), defaults});
        QueueEngine(db, clock).enqueue(c.id, contacts(9000, 6000000));
        NumberPool pool(db, clock);
        pool.set(c.id, {sim.config().phoneNumberId, u"106540352242923"_s, blocked});
        store.transition(c.id, CampaignStatus::Running);
        sendOver(db, clock, c.id, 0.55, 12);
        pool.takeOut(c.id, blocked, u"The account is temporarily blocked for policy violations. (368)"_s);
        store.transition(c.id, CampaignStatus::Paused, u"paused by the user"_s);
        ids.pooled = c.id;
    }
    // Running now: three quarters sent over the last half hour, left running for the window.
    clock.set(now.addSecs(-31 * 60));
    {
        const Campaign c = store.create(
            {u"FIN NEW DATA FILE 32"_s, u"order_update"_s, u"en_US"_s, sim.config().phoneNumberId, defaults});
        QueueEngine(db, clock).enqueue(c.id, contacts(31265, 3200000));
        store.transition(c.id, CampaignStatus::Running);
        sendOver(db, clock, c.id, 0.78, 30);
        ids.running = c.id;
    }
    // Delivery tracking: a webhook receiver reported on every campaign sent so far, its last
    // callback a moment ago.
    {
        const ManualClock receiver(now.addSecs(-20));
        QSqlQuery sent = db.run(u"SELECT id FROM campaigns WHERE total_sent > 0"_s);
        QStringList campaigns;
        while (sent.next()) {
            campaigns << sent.value(0).toString();
        }
        for (const QString &id : campaigns) {
            deliver(db, receiver, id, sim.config().phoneNumberId);
        }
    }
    store.create({u"Welcome series — December"_s, u"order_update"_s, u"en_US"_s, sim.config().phoneNumberId,
                  defaults});
    OptOutStore(db, clock).add(u"+4915120000042"_s, OptOutStore::Source::Manual, u"asked by phone"_s);
    DailySummary(db, clock).refresh(0);
    return ids;
}

} // namespace herald::screenshots
