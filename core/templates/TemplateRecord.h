#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QString>

namespace herald {

// One message template as synced from Meta and stored in `templates`.
struct TemplateRecord
{
    qint64 id = 0; // 0 until stored
    QString name;
    QString language; // Meta's code: en_US, de, pt_BR, …
    QString status;   // APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …
    QString category; // MARKETING, UTILITY, AUTHENTICATION
    // Set by the database trigger when an update changes the category; never written by Herald.
    QString previousCategory;
    QDateTime categoryChangedAt;
    QJsonArray components;   // Meta's components, unchanged
    QString parameterFormat; // POSITIONAL or NAMED; empty when Meta did not say
    QDateTime updatedAt;

    bool isApproved() const { return status == QLatin1StringView("APPROVED"); }
    // "order_update (en_US)", how the user sees a template in messages.
    QString displayName() const { return name + QLatin1StringView(" (") + language + u')'; }
};

} // namespace herald
