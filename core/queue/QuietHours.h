#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

namespace herald {

// A campaign's sending window in each recipient's local time, e.g. 09:00–20:00 on weekdays.
// Stored in the campaign's settings under "quietHours":
//   {"from": "09:00", "until": "20:00", "weekdaysOnly": true,
//    "zones": {"US": "America/Chicago"}, "fallbackZone": "UTC"}
// A recipient's zone is the zone of the country of their number (send_queue.region): the
// campaign's own choice for that country ("zones") when it has one, else the country's main
// zone (mainZone()). Rows whose country is unknown ('') use fallbackZone.
//
// The window is [from, until) of one local day; a window across midnight is refused
// (validate()). Weekdays are Monday to Friday of the recipient's local date.
struct QuietHours
{
    Q_DECLARE_TR_FUNCTIONS(QuietHours)

public:
    static constexpr auto SettingsKey = "quietHours";

    bool enabled = false;
    QTime from{9, 0};
    QTime until{20, 0};
    bool weekdaysOnly = false;
    QMap<QString, QString> zones; // region (ISO 3166 alpha-2, upper case) → IANA zone id
    QString fallbackZone = QStringLiteral("UTC");

    // Absent or malformed: disabled. validate() says what is wrong with a parsed value.
    static QuietHours fromSettings(const QJsonObject &campaignSettings);
    // Writes (enabled) or removes (disabled) the "quietHours" key, leaving the rest as it is.
    void writeTo(QJsonObject &campaignSettings) const;
    // Empty when usable; otherwise one sentence per problem.
    QStringList validate() const;

    // The zone a recipient of `region` is in for this campaign.
    QTimeZone zoneFor(const QString &region) const;
    // Whether `utc` lies inside the window for a recipient of `region`.
    bool isOpen(const QString &region, const QDateTime &utc) const;
    // When the window that is open at `utc` closes (UTC); invalid when it is not open.
    QDateTime closing(const QString &region, const QDateTime &utc) const;
    // The next moment (UTC) at or after `utc` when the window opens for `region`: `utc` itself
    // when it is open now.
    QDateTime nextOpening(const QString &region, const QDateTime &utc) const;

    // The country's main zone, deterministic: a fixed choice for the countries that span
    // several zones (the zone of the most people: US → America/New_York, BR → America/Sao_Paulo,
    // RU → Europe/Moscow, …), else the first zone Qt lists for the territory. UTC when Qt knows
    // none for the region.
    static QTimeZone mainZone(const QString &region);
    // "09:00" ↔ QTime; invalid on bad text.
    static QTime parseTime(const QString &text);
};

} // namespace herald
