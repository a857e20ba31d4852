#include "queue/CampaignStatus.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace herald {

QString CampaignStatusMachine::toString(CampaignStatus s)
{
    switch (s) {
    case CampaignStatus::Draft:
        return u"draft"_s;
    case CampaignStatus::Scheduled:
        return u"scheduled"_s;
    case CampaignStatus::Running:
        return u"running"_s;
    case CampaignStatus::Paused:
        return u"paused"_s;
    case CampaignStatus::Completed:
        return u"completed"_s;
    case CampaignStatus::Cancelled:
        return u"cancelled"_s;
    case CampaignStatus::Stopped:
        return u"stopped"_s;
    }
    return {};
}

QString CampaignStatusMachine::displayName(CampaignStatus s)
{
    switch (s) {
    case CampaignStatus::Draft:
        return QCoreApplication::translate("CampaignStatus", "Draft");
    case CampaignStatus::Scheduled:
        return QCoreApplication::translate("CampaignStatus", "Scheduled");
    case CampaignStatus::Running:
        return QCoreApplication::translate("CampaignStatus", "Running");
    case CampaignStatus::Paused:
        return QCoreApplication::translate("CampaignStatus", "Paused");
    case CampaignStatus::Completed:
        return QCoreApplication::translate("CampaignStatus", "Completed");
    case CampaignStatus::Cancelled:
        return QCoreApplication::translate("CampaignStatus", "Cancelled");
    case CampaignStatus::Stopped:
        return QCoreApplication::translate("CampaignStatus", "Stopped");
    }
    return {};
}

QList<CampaignStatus> CampaignStatusMachine::all()
{
    return {CampaignStatus::Draft,  CampaignStatus::Scheduled, CampaignStatus::Running,
            CampaignStatus::Paused, CampaignStatus::Completed, CampaignStatus::Cancelled,
            CampaignStatus::Stopped};
}

std::optional<CampaignStatus> CampaignStatusMachine::fromString(const QString &s)
{
    for (CampaignStatus c : all()) {
        if (toString(c) == s) {
            return c;
        }
    }
    return std::nullopt;
}

bool CampaignStatusMachine::canTransition(CampaignStatus from, CampaignStatus to)
{
    using S = CampaignStatus;
    switch (from) {
    case S::Draft:
        return to == S::Scheduled || to == S::Running || to == S::Cancelled;
    case S::Scheduled:
        return to == S::Draft || to == S::Running || to == S::Cancelled;
    case S::Running:
        return to == S::Paused || to == S::Completed || to == S::Cancelled || to == S::Stopped;
    case S::Paused:
        return to == S::Running || to == S::Completed || to == S::Cancelled || to == S::Stopped;
    case S::Stopped:
        return to == S::Running || to == S::Paused || to == S::Cancelled;
    case S::Completed:
        // Only a resend of failed messages reopens a completed campaign (paused, waiting for
        // the user to start it); the store checks that something is queued again.
        return to == S::Paused;
    case S::Cancelled:
        return false;
    }
    return false;
}

QString CampaignStatusMachine::inSentence(CampaignStatus s)
{
    switch (s) {
    case CampaignStatus::Draft:
        return QCoreApplication::translate("CampaignStatus", "draft", "status inside a sentence");
    case CampaignStatus::Scheduled:
        return QCoreApplication::translate("CampaignStatus", "scheduled", "status inside a sentence");
    case CampaignStatus::Running:
        return QCoreApplication::translate("CampaignStatus", "running", "status inside a sentence");
    case CampaignStatus::Paused:
        return QCoreApplication::translate("CampaignStatus", "paused", "status inside a sentence");
    case CampaignStatus::Completed:
        return QCoreApplication::translate("CampaignStatus", "completed", "status inside a sentence");
    case CampaignStatus::Cancelled:
        return QCoreApplication::translate("CampaignStatus", "cancelled", "status inside a sentence");
    case CampaignStatus::Stopped:
        return QCoreApplication::translate("CampaignStatus", "stopped", "status inside a sentence");
    }
    return {};
}

QString CampaignStatusMachine::refusal(CampaignStatus from, CampaignStatus to)
{
    if (canTransition(from, to)) {
        return {};
    }
    if (from == to) {
        return QCoreApplication::translate("CampaignStatus", "the campaign is already %1")
            .arg(inSentence(from));
    }
    return QCoreApplication::translate("CampaignStatus", "a campaign cannot go from %1 to %2")
        .arg(inSentence(from), inSentence(to));
}

} // namespace herald
