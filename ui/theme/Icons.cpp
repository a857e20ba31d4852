#include "theme/Icons.h"

#include "theme/TintedSvgIconEngine.h"

#include <QAction>
#include <QHash>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString Icons::path(Icon icon)
{
    QString name;
    switch (icon) {
    case NewCampaign:
        name = u"new-campaign"_s;
        break;
    case Start:
        name = u"start"_s;
        break;
    case Pause:
        name = u"pause"_s;
        break;
    case Resume:
        name = u"resume"_s;
        break;
    case Toggle:
        name = u"toggle"_s;
        break;
    case Cancel:
        name = u"cancel"_s;
        break;
    case Resend:
        name = u"resend"_s;
        break;
    case Duplicate:
        name = u"duplicate"_s;
        break;
    case EditDraft:
        name = u"edit-draft"_s;
        break;
    case DeleteDraft:
        name = u"delete-draft"_s;
        break;
    case Unschedule:
        name = u"unschedule"_s;
        break;
    case AddContacts:
        name = u"add-contacts"_s;
        break;
    case Repair:
        name = u"repair"_s;
        break;
    case Export:
        name = u"export"_s;
        break;
    case SyncTemplates:
        name = u"sync-templates"_s;
        break;
    case Settings:
        name = u"settings"_s;
        break;
    case Refresh:
        name = u"refresh"_s;
        break;
    case Quit:
        name = u"quit"_s;
        break;
    case About:
        name = u"about"_s;
        break;
    case Campaigns:
        name = u"campaigns"_s;
        break;
    case Templates:
        name = u"templates"_s;
        break;
    case DailySummary:
        name = u"daily-summary"_s;
        break;
    case OptOuts:
        name = u"opt-outs"_s;
        break;
    case Senders:
        name = u"senders"_s;
        break;
    case UserGuide:
        name = u"user-guide"_s;
        break;
    case Shortcuts:
        name = u"shortcuts"_s;
        break;
    case LogFolder:
        name = u"log-folder"_s;
        break;
    case IconCount:
        break;
    }
    return u":/icons/actions/"_s + name + u".svg"_s;
}

QString Icons::path(StatusColors::Status status)
{
    using S = StatusColors::Status;
    QString name;
    switch (status) {
    case S::Sent:
        name = u"sent"_s;
        break;
    case S::Completed:
        name = u"completed"_s;
        break;
    case S::Failed:
        name = u"failed"_s;
        break;
    case S::Paused:
        name = u"paused"_s;
        break;
    case S::Running:
        name = u"running"_s;
        break;
    case S::Scheduled:
        name = u"scheduled"_s;
        break;
    case S::Draft:
        name = u"draft"_s;
        break;
    case S::Stopped:
        name = u"stopped"_s;
        break;
    case S::Cancelled:
        name = u"cancelled"_s;
        break;
    case S::Pending:
        name = u"pending"_s;
        break;
    case S::Information:
        name = u"information"_s;
        break;
    case S::Warning:
        name = u"warning"_s;
        break;
    }
    return u":/icons/status/"_s + name + u".svg"_s;
}

QIcon Icons::get(Icon icon)
{
    // One icon per kind for the whole run: each chooses its colour when painted.
    static QHash<int, QIcon> made;
    auto it = made.find(icon);
    if (it == made.end()) {
        it = made.insert(icon, QIcon(new TintedSvgIconEngine(path(icon), TintedSvgIconEngine::textTint())));
    }
    return *it;
}

QIcon Icons::status(StatusColors::Status status)
{
    static QHash<int, QIcon> made; // asked for by every visible table row
    auto it = made.find(int(status));
    if (it == made.end()) {
        const auto tint = [status](QIcon::Mode) {
            return StatusColors::color(status);
        };
        it = made.insert(int(status), QIcon(new TintedSvgIconEngine(path(status), tint)));
    }
    return *it;
}

QIcon Icons::campaignStatus(CampaignStatus status)
{
    using S = StatusColors::Status;
    switch (status) {
    case CampaignStatus::Draft:
        return Icons::status(S::Draft);
    case CampaignStatus::Scheduled:
        return Icons::status(S::Scheduled);
    case CampaignStatus::Running:
        return Icons::status(S::Running);
    case CampaignStatus::Paused:
        return Icons::status(S::Paused);
    case CampaignStatus::Completed:
        return Icons::status(S::Completed);
    case CampaignStatus::Cancelled:
        return Icons::status(S::Cancelled);
    case CampaignStatus::Stopped:
        return Icons::status(S::Stopped);
    }
    return {};
}

QIcon Icons::messageStatus(const QString &stored)
{
    using S = StatusColors::Status;
    if (stored == "sent"_L1) {
        return Icons::status(S::Sent);
    }
    if (stored == "failed"_L1) {
        return Icons::status(S::Failed);
    }
    if (stored == "processing"_L1) {
        return Icons::status(S::Running);
    }
    if (stored == "ready"_L1) {
        return Icons::status(S::Pending);
    }
    return {};
}

QIcon Icons::app()
{
    // Its own colours: the same on light and dark panels.
    return QIcon(new TintedSvgIconEngine(u":/icons/app/herald.svg"_s, {}));
}

} // namespace herald::ui

namespace herald::ui {

QIcon Icons::page(int index)
{
    static constexpr Icon pages[] = {Campaigns, Templates, DailySummary, OptOuts, Senders};
    return index >= 0 && index < int(std::size(pages)) ? get(pages[index]) : QIcon();
}

void Icons::decorate(QWidget *window)
{
    const struct
    {
        const char *objectName;
        Icon icon;
    } named[] = {
        {"actionUserGuide", UserGuide},
        {"actionKeyboardShortcuts", Shortcuts},
        {"actionShowLogFolder", LogFolder},
    };
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (!action->icon().isNull()) {
            continue;
        }
        for (const auto &n : named) {
            if (action->objectName() == QLatin1StringView(n.objectName)) {
                action->setIcon(get(n.icon));
            }
        }
    }
}

} // namespace herald::ui
