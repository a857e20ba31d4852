#include "widgets/Formats.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString Formats::count(qint64 n)
{
    return QLocale().toString(n);
}

QString Formats::percent(double fraction)
{
    return tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', fraction >= 1.0 ? 0 : 1));
}

QString Formats::rate(double perSecond)
{
    if (perSecond <= 0.0) {
        return u"—"_s;
    }
    return tr("%1/s").arg(QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0));
}

QString Formats::duration(qint64 seconds)
{
    if (seconds < 60) {
        return tr("%1 s").arg(seconds);
    }
    const qint64 minutes = seconds / 60;
    if (minutes < 60) {
        return tr("%1 min").arg(minutes);
    }
    const qint64 hours = minutes / 60;
    if (hours < 48) {
        return minutes % 60 ? tr("%1 h %2 min").arg(hours).arg(minutes % 60) : tr("%1 h").arg(hours);
    }
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString Formats::eta(qint64 seconds)
{
    return seconds < 0 ? u"—"_s : duration(seconds);
}

QString Formats::time(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString Formats::dayTime(const QDateTime &utc)
{
    if (!utc.isValid()) {
        return {};
    }
    const QDateTime local = utc.toLocalTime();
    if (local.date() == QDate::currentDate()) {
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    }
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace herald::ui
