#include "webhook/CallbackData.h"

#include <QList>
#include <QStringView>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
// Campaign ids are UUIDs; anything else could not name a campaign (and on PostgreSQL would
// make the look-up fail instead of find nothing).
bool isCampaignId(QStringView s)
{
    return s.size() == 36 && !QUuid::fromString(s).isNull();
}

// A positive decimal without sign or leading zero, small enough for qint64.
std::optional<qint64> positive(QStringView s)
{
    if (s.isEmpty() || s.size() > 18 || s[0] == u'0') {
        return std::nullopt;
    }
    qint64 v = 0;
    for (QChar c : s) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}
} // namespace

QString CallbackData::format(const QString &campaignId, qint64 rowId, qint64 claim)
{
    return u"h1:"_s + campaignId + u':' + QString::number(rowId) + u':' + QString::number(claim);
}

QString CallbackData::format() const
{
    return format(campaignId, rowId, claim);
}

std::optional<CallbackData> CallbackData::parse(const QString &text)
{
    if (text.size() > MaxLength || !text.startsWith("h1:"_L1)) {
        return std::nullopt;
    }
    const QList<QStringView> parts = QStringView(text).mid(3).split(u':');
    if (parts.size() != 3 || !isCampaignId(parts[0])) {
        return std::nullopt;
    }
    const auto row = positive(parts[1]);
    const auto claim = positive(parts[2]);
    if (!row || !claim) {
        return std::nullopt;
    }
    return CallbackData{QUuid::fromString(parts[0]).toString(QUuid::WithoutBraces), *row, *claim};
}

} // namespace herald
