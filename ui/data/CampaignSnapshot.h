#pragma once

#include "queue/CampaignStatus.h"
#include "sender/SenderPresence.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

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
    qint64 pending = 0;     // total - sent - failed: the counters are the truth
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
    bool sameFigures(const CampaignRow &o) const;
};

// Every campaign, newest first, as one immutable value handed from the data thread to the
// models.
struct CampaignsSnapshot
{
    QList<CampaignRow> rows;
    QDateTime takenAt; // UTC
    qint64 pollMs = 0; // how long the poll took on the data thread
};

} // namespace herald::ui

Q_DECLARE_METATYPE(herald::ui::CampaignsSnapshot)
