#pragma once

#include "queue/CampaignStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace herald {

// A campaign as stored, with its counters and the number of messages still queued.
struct Campaign
{
    QString id; // UUID text
    QString name;
    QString templateName;
    QString templateLanguage;
    QString phoneNumberId;
    CampaignStatus status = CampaignStatus::Draft;
    QString statusReason; // why it is paused or stopped, for the banner and the CLI
    qint64 totalContacts = 0;
    qint64 totalSent = 0;
    qint64 totalFailed = 0;
    qint64 pending = 0; // ready + processing, counted from send_queue
    // From Meta's status webhooks: a read message counts as delivered too; a late failure
    // leaves its message sent (Meta accepted it) and counts here.
    qint64 totalDelivered = 0;
    qint64 totalRead = 0;
    qint64 totalFailedAfterSend = 0;
    QJsonObject settings;
    QDateTime createdAt;
    QDateTime scheduledAt;
    QDateTime startTime;
    QDateTime endTime;
    QDateTime updatedAt;
};

struct NewCampaign
{
    QString name;
    QString templateName;
    QString templateLanguage;
    QString phoneNumberId;
    QJsonObject settings;
};

} // namespace herald
