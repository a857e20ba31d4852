#include "widgets/HealthText.h"

#include "widgets/Formats.h"

#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString HealthText::brief(const NumberHealth *h)
{
    if (!h) {
        return tr("Not checked");
    }
    if (!h->ok()) {
        return tr("Not read");
    }
    const std::optional<qint64> limit = NumberHealth::tierLimit(h->messagingLimitTier);
    const QString limitText =
        limit ? tr("%1 people/24 h").arg(QLocale().toString(*limit))
              : (h->messagingLimitTier == "TIER_UNLIMITED"_L1 ? tr("unlimited") : h->messagingLimitTier);
    QStringList parts{h->qualityRating, limitText, h->status};
    parts.removeAll(QString());
    return parts.join(u", "_s);
}

QString HealthText::details(const NumberHealth *h)
{
    if (!h) {
        return tr(
            "Not checked yet: Check health in Settings ▸ Phone numbers or herald-cli numbers health asks "
            "Meta, and a campaign's start asks about its number.");
    }
    const QString what =
        h->ok()
            ? tr("%1 (%2), throughput %3.").arg(h->verifiedName, h->displayPhoneNumber, h->throughputLevel)
            : h->error;
    return QString(what + u' ' + tr("Checked %1.").arg(Formats::dayTime(h->checkedAt)));
}

bool HealthText::needsAttention(const NumberHealth &h)
{
    return !h.ok() || (!h.qualityRating.isEmpty() && h.qualityRating != "GREEN"_L1) ||
           (!h.status.isEmpty() && h.status != "CONNECTED"_L1);
}

} // namespace herald::ui
