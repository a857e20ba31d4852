#include "Format.h"

#include "queue/Campaign.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {
const QLocale &tableLocale()
{
    // QLocale::c() omits group separators by default; tables want them.
    static const QLocale locale = [] {
        QLocale c = QLocale::c();
        c.setNumberOptions(QLocale::DefaultNumberOptions);
        return c;
    }();
    return locale;
}

const QString kNone = u"-"_s;
} // namespace

QString Format::number(qint64 value)
{
    return tableLocale().toString(value);
}

QString Format::decimal(double value, int places)
{
    return tableLocale().toString(value, 'f', places);
}

QString Format::percent(qint64 done, qint64 total)
{
    if (total <= 0) {
        return kNone;
    }
    const double share = 100.0 * static_cast<double>(done) / static_cast<double>(total);
    return tableLocale().toString(share, 'f', 1) + u'%';
}

QString Format::tableTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : kNone;
}

QJsonValue Format::jsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QJsonValue Format::jsonText(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject Format::campaignJson(const Campaign &c)
{
    return QJsonObject{
        {u"id"_s, c.id},
        {u"name"_s, c.name},
        {u"status"_s, CampaignStatusMachine::toString(c.status)},
        {u"status_reason"_s, jsonText(c.statusReason)},
        {u"template"_s, c.templateName},
        {u"language"_s, c.templateLanguage},
        {u"total_contacts"_s, c.totalContacts},
        {u"total_sent"_s, c.totalSent},
        {u"total_failed"_s, c.totalFailed},
        {u"pending"_s, c.pending},
        {u"total_delivered"_s, c.totalDelivered},
        {u"total_read"_s, c.totalRead},
        {u"total_failed_after_send"_s, c.totalFailedAfterSend},
        {u"created_at"_s, jsonTime(c.createdAt)},
        {u"start_time"_s, jsonTime(c.startTime)},
        {u"end_time"_s, jsonTime(c.endTime)},
        {u"scheduled_at"_s, jsonTime(c.scheduledAt)},
    };
}

} // namespace herald::cli
