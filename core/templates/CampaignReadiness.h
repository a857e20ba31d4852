#pragma once

#include "cloudapi/ParameterMapping.h"
#include "templates/TemplateRecord.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace herald {

class Clock;
class Database;
struct Campaign;

// The verdict on whether a campaign may start, and what the sender needs if it may.
struct ReadinessReport
{
    QStringList refusals; // each one alone forbids starting; precise, with counts
    QStringList warnings; // the user must be told before starting (category changed)

    std::optional<TemplateRecord> templ; // the synced template, when found
    TemplateSlots templateSlots;         // what the sender fills per message
    QJsonObject defaults;                // campaign settings' "defaults"
    qint64 contacts = 0;                 // rows still to be sent (status ready)

    // One line per key the template needs.
    struct KeyCoverage
    {
        QString key;        // "body.1", "header.1", "button.0"
        qint64 missing = 0; // ready rows without a value for it
        bool hasDefault = false;
    };
    QList<KeyCoverage> coverage;

    bool ok() const { return refusals.isEmpty(); }
};

// Checks a campaign before it starts: its template must be synced and APPROVED, sendable by
// Herald, and every variable it needs must have a value for every queued contact, from the
// contact's own parameters or from the campaign's defaults (settings["defaults"]). Keys the
// template does not use are fine: contacts carry other columns too.
class CampaignReadiness
{
    Q_DECLARE_TR_FUNCTIONS(CampaignReadiness)

public:
    // A category change younger than this is shown before a campaign starts.
    static constexpr int CategoryWarningDays = 30;

    CampaignReadiness(Database &db, const Clock &clock);

    ReadinessReport check(const Campaign &campaign) const;

private:
    // Ready rows of the campaign, and per key how many of them lack a value; one query.
    QList<qint64> countMissing(const QString &campaignId, const QStringList &keys, qint64 *total) const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
