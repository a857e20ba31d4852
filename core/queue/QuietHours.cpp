#include "queue/QuietHours.h"

#include <QHash>
#include <QJsonValue>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
// Countries spanning several zones: the zone where most of their people live. Qt lists a
// territory's zones alphabetically, which would put Brazil on Fernando de Noronha's time and
// the United States on Adak's.
const QHash<QString, QByteArray> &populousZones()
{
    static const QHash<QString, QByteArray> zones = {
        {u"AR"_s, "America/Argentina/Buenos_Aires"},
        {u"AU"_s, "Australia/Sydney"},
        {u"BR"_s, "America/Sao_Paulo"},
        {u"CA"_s, "America/Toronto"},
        {u"CD"_s, "Africa/Kinshasa"},
        {u"CL"_s, "America/Santiago"},
        {u"CN"_s, "Asia/Shanghai"},
        {u"DE"_s, "Europe/Berlin"},
        {u"EC"_s, "America/Guayaquil"},
        {u"ES"_s, "Europe/Madrid"},
        {u"FM"_s, "Pacific/Pohnpei"},
        {u"GL"_s, "America/Nuuk"},
        {u"ID"_s, "Asia/Jakarta"},
        {u"KI"_s, "Pacific/Tarawa"},
        {u"KZ"_s, "Asia/Almaty"},
        {u"MN"_s, "Asia/Ulaanbaatar"},
        {u"MX"_s, "America/Mexico_City"},
        {u"MY"_s, "Asia/Kuala_Lumpur"},
        {u"NZ"_s, "Pacific/Auckland"},
        {u"PF"_s, "Pacific/Tahiti"},
        {u"PG"_s, "Pacific/Port_Moresby"},
        {u"PT"_s, "Europe/Lisbon"},
        {u"RU"_s, "Europe/Moscow"},
        {u"UA"_s, "Europe/Kyiv"},
        {u"US"_s, "America/New_York"},
        {u"UZ"_s, "Asia/Tashkent"},
    };
    return zones;
}

// Older tz data spells a few zones differently.
const QHash<QByteArray, QByteArray> &formerNames()
{
    static const QHash<QByteArray, QByteArray> names = {
        {"Europe/Kyiv", "Europe/Kiev"},
        {"America/Nuuk", "America/Godthab"},
    };
    return names;
}

QTimeZone zoneById(const QByteArray &id)
{
    static QMutex mutex;
    static QHash<QByteArray, QTimeZone> cache;
    QMutexLocker lock(&mutex);
    if (const auto it = cache.constFind(id); it != cache.cend()) {
        return *it;
    }
    QTimeZone zone(id);
    if (!zone.isValid() && formerNames().contains(id)) {
        zone = QTimeZone(formerNames().value(id));
    }
    cache.insert(id, zone);
    return zone;
}

bool isWeekday(const QDate &d)
{
    return d.dayOfWeek() <= 5;
}
} // namespace

QTime QuietHours::parseTime(const QString &text)
{
    return QTime::fromString(text.trimmed(), u"HH:mm"_s);
}

QuietHours QuietHours::fromSettings(const QJsonObject &campaignSettings)
{
    QuietHours q;
    const QJsonValue v = campaignSettings.value(QLatin1StringView(SettingsKey));
    if (!v.isObject()) {
        return q;
    }
    const QJsonObject o = v.toObject();
    q.enabled = true;
    q.from = parseTime(o.value("from"_L1).toString());
    q.until = parseTime(o.value("until"_L1).toString());
    q.weekdaysOnly = o.value("weekdaysOnly"_L1).toBool(false);
    const QJsonObject zones = o.value("zones"_L1).toObject();
    for (auto it = zones.begin(); it != zones.end(); ++it) {
        q.zones.insert(it.key().toUpper(), it.value().toString());
    }
    q.fallbackZone = o.value("fallbackZone"_L1).toString(u"UTC"_s);
    return q;
}

void QuietHours::writeTo(QJsonObject &campaignSettings) const
{
    const QString key = QString::fromLatin1(SettingsKey);
    if (!enabled) {
        campaignSettings.remove(key);
        return;
    }
    QJsonObject zoneObject;
    for (auto it = zones.cbegin(); it != zones.cend(); ++it) {
        zoneObject.insert(it.key(), it.value());
    }
    QJsonObject o{{u"from"_s, from.toString(u"HH:mm"_s)},
                  {u"until"_s, until.toString(u"HH:mm"_s)},
                  {u"weekdaysOnly"_s, weekdaysOnly}};
    if (!zoneObject.isEmpty()) {
        o.insert(u"zones"_s, zoneObject);
    }
    if (fallbackZone != "UTC"_L1) {
        o.insert(u"fallbackZone"_s, fallbackZone);
    }
    campaignSettings.insert(key, o);
}

QStringList QuietHours::validate() const
{
    QStringList problems;
    if (!enabled) {
        return problems;
    }
    if (!from.isValid() || !until.isValid()) {
        problems << tr(
            "The quiet-hours window needs a start and an end written as HH:MM, e.g. 09:00 and 20:00.");
    } else if (from >= until) {
        problems << tr("The quiet-hours window must end after it starts on the same day (%1–%2 does not); "
                       "windows across midnight are not supported.")
                        .arg(from.toString(u"HH:mm"_s), until.toString(u"HH:mm"_s));
    }
    for (auto it = zones.cbegin(); it != zones.cend(); ++it) {
        if (!zoneById(it.value().toUtf8()).isValid()) {
            problems << tr("The time zone \"%1\" chosen for %2 is unknown; use an IANA name such as "
                           "America/Chicago.")
                            .arg(it.value(), it.key());
        }
    }
    if (!zoneById(fallbackZone.toUtf8()).isValid()) {
        problems << tr("The fallback time zone \"%1\" is unknown.").arg(fallbackZone);
    }
    return problems;
}

QTimeZone QuietHours::mainZone(const QString &region)
{
    const QString upper = region.toUpper();
    if (const auto it = populousZones().constFind(upper); it != populousZones().cend()) {
        const QTimeZone zone = zoneById(*it);
        if (zone.isValid()) {
            return zone;
        }
    }
    const QLocale::Territory territory = QLocale::codeToTerritory(upper);
    if (territory != QLocale::AnyTerritory) {
        const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds(territory);
        for (const QByteArray &id : ids) {
            const QTimeZone zone = zoneById(id);
            if (zone.isValid()) {
                return zone;
            }
        }
    }
    return QTimeZone::utc();
}

QTimeZone QuietHours::zoneFor(const QString &region) const
{
    if (region.isEmpty()) {
        const QTimeZone zone = zoneById(fallbackZone.toUtf8());
        return zone.isValid() ? zone : QTimeZone::utc();
    }
    if (const auto it = zones.constFind(region); it != zones.cend()) {
        const QTimeZone zone = zoneById(it->toUtf8());
        if (zone.isValid()) {
            return zone;
        }
    }
    return mainZone(region);
}

bool QuietHours::isOpen(const QString &region, const QDateTime &utc) const
{
    if (!enabled) {
        return true;
    }
    const QDateTime local = utc.toTimeZone(zoneFor(region));
    if (weekdaysOnly && !isWeekday(local.date())) {
        return false;
    }
    const QTime t = local.time();
    return t >= from && t < until;
}

QDateTime QuietHours::closing(const QString &region, const QDateTime &utc) const
{
    if (!enabled || !isOpen(region, utc)) {
        return {};
    }
    const QTimeZone zone = zoneFor(region);
    return QDateTime(utc.toTimeZone(zone).date(), until, zone).toUTC();
}

QDateTime QuietHours::nextOpening(const QString &region, const QDateTime &utc) const
{
    if (isOpen(region, utc)) {
        return utc.toUTC();
    }
    const QTimeZone zone = zoneFor(region);
    const QDate today = utc.toTimeZone(zone).date();
    // A week and a day covers every weekend and a DST shift.
    for (int day = 0; day <= 8; ++day) {
        const QDate d = today.addDays(day);
        if (weekdaysOnly && !isWeekday(d)) {
            continue;
        }
        // A start inside a DST gap is moved forward by Qt, still the first open moment.
        const QDateTime opening = QDateTime(d, from, zone).toUTC();
        if (opening > utc) {
            return opening;
        }
    }
    return {};
}

} // namespace herald
