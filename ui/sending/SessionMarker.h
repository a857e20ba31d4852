#pragma once

#include <QDateTime>
#include <QString>

namespace herald::ui {

// How the previous console on this database ended, so that one killed or crashed is noticed at
// the next start. A small file per database in the application-data folder says "running" while
// a console runs and records the clean exit when it closes; finding it still "running" means
// the last session ended without closing (a crash, a kill, a power cut).
//
// From that follows since when interrupted messages are this start's business: since the last
// clean exit, or since the crashed session started; with no record at all (the first start on
// this database), only what this start finds in flight.
class SessionMarker
{
public:
    // Reads the previous record, then records this session as running.
    SessionMarker(const QString &databaseKey, const QString &senderId, const QDateTime &now);

    QDateTime reportSince() const { return m_since; }
    bool previousEndedCleanly() const { return m_previousClean; }
    const QString &path() const { return m_path; }

    // Records the clean exit; the next start reports nothing from before it.
    void endCleanly(const QDateTime &now);

    static QString pathFor(const QString &databaseKey);

private:
    QString m_path;
    QString m_senderId;
    QDateTime m_startedAt;
    QDateTime m_since;
    bool m_previousClean = true;
};

} // namespace herald::ui
