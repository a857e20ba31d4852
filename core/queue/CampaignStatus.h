#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace herald {

// The campaign lifecycle. Every status change goes through CampaignStatusMachine, which
// refuses transitions that make no sense (a cancelled campaign cannot resume, a draft
// cannot complete) with a message naming both states.
enum class CampaignStatus { Draft, Scheduled, Running, Paused, Completed, Cancelled, Stopped };

class CampaignStatusMachine
{
public:
    static QString toString(CampaignStatus s);    // as stored: "running"
    static QString displayName(CampaignStatus s); // for people, translated: "Running"
    // For people, inside a sentence ("… cannot go from cancelled to running"), translated.
    static QString inSentence(CampaignStatus s);
    static std::optional<CampaignStatus> fromString(const QString &s);
    static QList<CampaignStatus> all();

    static bool canTransition(CampaignStatus from, CampaignStatus to);
    // Empty when allowed, otherwise why not: "cannot go from cancelled to running".
    static QString refusal(CampaignStatus from, CampaignStatus to);
    // A terminal state accepts no further transition.
    static bool isTerminal(CampaignStatus s) { return s == CampaignStatus::Cancelled; }
};

} // namespace herald
