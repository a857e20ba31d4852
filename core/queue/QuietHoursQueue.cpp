#include "queue/QuietHoursQueue.h"

#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/RecipientRegions.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

std::optional<QStringList> QuietHoursQueue::openRegions(Database &db, const QString &campaignId,
                                                        const QuietHours &quietHours, const QDateTime &now)
{
    if (!quietHours.enabled) {
        return std::nullopt;
    }
    const QStringList regions = RecipientRegions::waiting(db, campaignId);
    QStringList open;
    for (const QString &r : regions) {
        if (quietHours.isOpen(r, now)) {
            open << r;
        }
    }
    if (open.size() == regions.size()) {
        return std::nullopt;
    }
    // The window closing first is served first, so that it is not missed for another's sake.
    std::stable_sort(open.begin(), open.end(), [&](const QString &a, const QString &b) {
        return quietHours.closing(a, now) < quietHours.closing(b, now);
    });
    return open;
}

void QuietHoursQueue::apply(Database &db, const Clock &clock, const QString &campaignId,
                            const QuietHours &quietHours)
{
    const QStringList problems = quietHours.validate();
    if (!problems.isEmpty()) {
        throw DbError(DbError::Kind::Refused, problems.join(u' '));
    }
    {
        Transaction tx(db);
        CampaignStore store(db, clock);
        QJsonObject settings = store.byId(campaignId).settings;
        quietHours.writeTo(settings);
        store.updateSettings(campaignId, settings);
        tx.commit();
    }
    if (quietHours.enabled) {
        RecipientRegions::fill(db, campaignId);
    }
}

WindowWait QuietHoursQueue::wait(Database &db, const QString &campaignId, const QDateTime &now)
{
    const QVariant settings = db.scalar(u"SELECT settings FROM campaigns WHERE id = ?"_s, {campaignId});
    const QJsonObject o = QJsonDocument::fromJson(settings.toString().toUtf8()).object();
    return wait(db, campaignId, QuietHours::fromSettings(o), now);
}

WindowWait QuietHoursQueue::wait(Database &db, const QString &campaignId, const QuietHours &quietHours,
                                 const QDateTime &now)
{
    WindowWait w;
    if (!quietHours.enabled) {
        return w;
    }
    for (const QString &r : RecipientRegions::waiting(db, campaignId)) {
        if (quietHours.isOpen(r, now)) {
            continue;
        }
        const qint64 n = db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND region = ? "
                                   "AND status IN ('ready', 'processing') AND status = 'ready'"_s,
                                   {campaignId, r})
                             .toLongLong();
        if (n == 0) {
            continue; // only rows in flight: they are not waiting
        }
        w.waiting += n;
        w.closed << r;
        const QDateTime opening = quietHours.nextOpening(r, now);
        if (opening.isValid() && (!w.nextOpening.isValid() || opening < w.nextOpening)) {
            w.nextOpening = opening;
            w.nextRegion = r;
        }
    }
    return w;
}

} // namespace herald
