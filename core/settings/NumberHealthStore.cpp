#include "settings/NumberHealthStore.h"

#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "queue/Campaign.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"

#include <QLocale>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

const QString kColumns = u"phone_number_id, verified_name, display_phone_number, quality_rating, "
                         u"messaging_limit_tier, status, throughput_level, error, checked_at"_s;

NumberHealth fromRow(const QSqlQuery &q)
{
    NumberHealth h;
    h.id = q.value(0).toString();
    h.verifiedName = q.value(1).toString();
    h.displayPhoneNumber = q.value(2).toString();
    h.qualityRating = q.value(3).toString();
    h.messagingLimitTier = q.value(4).toString();
    h.status = q.value(5).toString();
    h.throughputLevel = q.value(6).toString();
    h.error = q.value(7).toString();
    h.checkedAt = Database::readTime(q.value(8));
    return h;
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

NumberHealthStore::NumberHealthStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QStringList NumberHealthStore::configuredNumbers() const
{
    QStringList ids;
    for (const PhoneNumber &n : PhoneNumberStore(m_db, m_clock).list()) {
        ids << n.id;
    }
    const QString defaultId = AppSettings(m_db).value(SettingKeys::PhoneNumberId, QString()).trimmed();
    if (!defaultId.isEmpty() && !ids.contains(defaultId)) {
        ids.prepend(defaultId);
    }
    return ids;
}

void NumberHealthStore::save(const QList<NumberHealth> &results)
{
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        u"INSERT INTO number_health ("_s + kColumns +
        u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (phone_number_id) DO UPDATE SET "
        "verified_name = excluded.verified_name, display_phone_number = excluded.display_phone_number, "
        "quality_rating = excluded.quality_rating, messaging_limit_tier = excluded.messaging_limit_tier, "
        "status = excluded.status, throughput_level = excluded.throughput_level, error = excluded.error, "
        "checked_at = excluded.checked_at"_s);
    for (const NumberHealth &h : results) {
        Database::exec(q, {h.id, Database::textOrNull(h.verifiedName),
                           Database::textOrNull(h.displayPhoneNumber), Database::textOrNull(h.qualityRating),
                           Database::textOrNull(h.messagingLimitTier), Database::textOrNull(h.status),
                           Database::textOrNull(h.throughputLevel), Database::textOrNull(h.error),
                           m_db.timeValue(h.checkedAt.isValid() ? h.checkedAt : m_clock.now())});
    }
    tx.commit();
}

std::optional<NumberHealth> NumberHealthStore::find(const QString &phoneNumberId) const
{
    QSqlQuery q = m_db.run(u"SELECT "_s + kColumns + u" FROM number_health WHERE phone_number_id = ?"_s,
                           {phoneNumberId});
    if (!q.next()) {
        return std::nullopt;
    }
    return fromRow(q);
}

QList<NumberHealth> NumberHealthStore::all() const
{
    QList<NumberHealth> out;
    QSqlQuery q = m_db.run(u"SELECT "_s + kColumns + u" FROM number_health ORDER BY phone_number_id"_s);
    while (q.next()) {
        out << fromRow(q);
    }
    return out;
}

QStringList NumberHealthStore::warnings(const Campaign &campaign, const QString &phoneNumberId) const
{
    QStringList out;
    // One read serves both this number and the portfolio's limit below.
    const QList<NumberHealth> stored = all();
    const auto h = std::find_if(stored.cbegin(), stored.cend(),
                                [&](const NumberHealth &n) { return n.id == phoneNumberId; });
    if (h == stored.cend()) {
        return out;
    }
    if (!h->ok()) {
        out << tr("The health of phone number %1 could not be read from Meta, so its quality rating and "
                  "messaging limit were not checked: %2")
                   .arg(phoneNumberId, h->error);
        return out;
    }
    if (h->qualityRating == "YELLOW"_L1 || h->qualityRating == "RED"_L1) {
        out << tr("Phone number %1 has a %2 quality rating: recipients have been blocking or reporting its "
                  "messages. Sending more marketing now can lower its messaging limit or get it restricted.")
                   .arg(phoneNumberId,
                        h->qualityRating == "RED"_L1 ? tr("low (RED)") : tr("medium (YELLOW)"));
    }
    if (!h->status.isEmpty() && h->status != "CONNECTED"_L1) {
        out << tr("Meta reports phone number %1 as %2, not CONNECTED: messages from it may be refused.")
                   .arg(phoneNumberId, h->status);
    }

    // The portfolio's limit: the highest tier any number reports (all share it), unless one is
    // unlimited.
    std::optional<qint64> limit;
    bool unlimited = false;
    QString tier;
    for (const NumberHealth &n : stored) {
        if (!n.ok() || n.messagingLimitTier.isEmpty()) {
            continue;
        }
        if (n.messagingLimitTier == "TIER_UNLIMITED"_L1) {
            unlimited = true;
        } else if (const std::optional<qint64> l = NumberHealth::tierLimit(n.messagingLimitTier);
                   l && (!limit || *l > *limit)) {
            limit = l;
            tier = n.messagingLimitTier;
        }
    }
    if (unlimited || !limit) {
        return out;
    }
    const QVariant since = m_db.timeValue(m_clock.now().addSecs(-24 * 3600));
    const qint64 messaged =
        m_db.scalar(u"SELECT count(DISTINCT phone) FROM send_queue WHERE sent_at >= ?"_s, {since})
            .toLongLong();
    const qint64 remaining = std::max<qint64>(0, *limit - messaged);
    const QString pendingRows =
        u"FROM send_queue q WHERE q.campaign_id = ? AND q.status IN ('ready', 'processing')"_s;
    const qint64 pending =
        m_db.scalar(u"SELECT count(DISTINCT q.phone) "_s + pendingRows, {campaign.id}).toLongLong();
    if (pending <= remaining) {
        return out; // the cheap bound settles it
    }
    // People messaged in the last 24 hours do not count again. IN, not a correlated NOT EXISTS:
    // both databases build the recent set once instead of searching it per recipient.
    const qint64 again =
        m_db.scalar(u"SELECT count(DISTINCT q.phone) "_s + pendingRows +
                        u" AND q.phone IN (SELECT phone FROM send_queue WHERE sent_at >= ?)"_s,
                    {campaign.id, since})
            .toLongLong();
    const qint64 newPeople = pending - again;
    if (newPeople > remaining) {
        out << tr("\"%1\" would reach %2 people not messaged in the last 24 hours, but the messaging limit "
                  "(%3: %4 people per 24 hours, for the whole business) leaves about %5 today (%6 already "
                  "reached). Meta refuses the messages past the limit; send the rest tomorrow, or split the "
                  "campaign.")
                   .arg(campaign.name, number(newPeople), tier, number(*limit), number(remaining),
                        number(messaged));
    }
    return out;
}

} // namespace herald
