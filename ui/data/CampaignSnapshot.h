#pragma once

#include "queue/CampaignStatus.h"
#include "sender/SenderPresence.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald::ui {

// One campaign as the console shows it: what the database holds, with a rate and ETA worked out
// from how its counters moved over the last seconds, whoever sends it.
struct CampaignRow
{
    QString id;
    QString name;
    QString templateName;
    QString templateLanguage;
    QString phoneNumberId;
    CampaignStatus status = CampaignStatus::Draft;
    QString statusReason;
    qint64 total = 0;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 pending = 0; // total - sent - failed: the counters are the truth
    // What Meta's status callbacks said of the sent messages (Counters keep them exact): read
    // counts as delivered too; a late failure leaves its message sent.
    qint64 delivered = 0;
    qint64 read = 0;
    qint64 failedAfterSend = 0;
    // Delivery tracking is configured for the campaign's business number when a webhook
    // receiver has reported a callback for it (webhook_sources); then lastCallbackAt is valid.
    bool deliveryTracked = false;
    QDateTime lastCallbackAt; // UTC, the receiver's last callback for the number
    // Running, tracked, and no callback for CallbacksQuietAfterMs since the later of the last
    // callback and the start (decided on the data thread, by its clock).
    bool callbacksQuiet = false;
    static constexpr qint64 CallbacksQuietAfterMs = 10 * 60 * 1000;
    double rate = 0;        // messages finished per second, over the last ~10 s
    qint64 etaSeconds = -1; // -1: unknown or not sending
    QDateTime createdAt;
    QDateTime scheduledAt; // UTC; set while scheduled
    bool due = false;      // scheduled, and its time has come (as of the snapshot)
    QDateTime startTime;
    QDateTime endTime;
    QDateTime updatedAt;
    QJsonObject settings;
    std::optional<SenderInfo> sender; // who holds it (live or not), if anybody

    double progress() const { return total > 0 ? double(sent + failed) / double(total) : 0.0; }
    // delivered, read or failedAfterSend as a share of sent (0 when nothing was sent).
    double ofSent(qint64 n) const { return sent > 0 ? double(n) / double(sent) : 0.0; }
    bool sameFigures(const CampaignRow &o) const;
};

// A process that sends (a console, herald-cli run, a worker) as the console lists it.
struct SenderRow
{
    SenderInfo info;
    QStringList campaigns; // the names of the campaigns it holds

    // What the Senders page shows is the same (a heartbeat alone changes nothing there).
    bool sameListing(const SenderRow &o) const
    {
        return info.id == o.info.id && info.live == o.info.live && campaigns == o.campaigns &&
               info.label.name == o.info.label.name && qRound(info.rate * 10) == qRound(o.info.rate * 10);
    }
};

// Every campaign, newest first, and every process that sends, as one immutable value handed
// from the data thread to the models.
struct CampaignsSnapshot
{
    QList<CampaignRow> rows;
    QDateTime takenAt;        // UTC
    qint64 pollMs = 0;        // how long the poll took on the data thread
    QList<SenderRow> senders; // oldest first
};

} // namespace herald::ui

Q_DECLARE_METATYPE(herald::ui::CampaignsSnapshot)
