#include "sending/SessionMarker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QDateTime readTime(const QJsonObject &o, const QString &key)
{
    return QDateTime::fromString(o.value(key).toString(), Qt::ISODateWithMs);
}

void write(const QString &path, const QJsonObject &o)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(o).toJson());
        f.commit();
    }
}
} // namespace

QString SessionMarker::pathFor(const QString &databaseKey)
{
    // The key is the database's display name (no password); hashed, since it may hold
    // characters a file name cannot.
    const QByteArray hash = QCryptographicHash::hash(databaseKey.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/sessions/"_s +
           QString::fromLatin1(hash.left(16)) + u".json"_s;
}

SessionMarker::SessionMarker(const QString &databaseKey, const QString &senderId, const QDateTime &now)
    : m_path(pathFor(databaseKey))
    , m_senderId(senderId)
    , m_startedAt(now.toUTC())
    , m_since(now.toUTC())
{
    QFile f(m_path);
    if (f.open(QIODevice::ReadOnly)) {
        const QJsonObject previous = QJsonDocument::fromJson(f.readAll()).object();
        const QDateTime cleanExit = readTime(previous, u"cleanExitAt"_s);
        const QDateTime started = readTime(previous, u"startedAt"_s);
        if (cleanExit.isValid()) {
            m_since = std::min(m_since, cleanExit);
        } else if (started.isValid()) {
            m_previousClean = false;
            m_since = std::min(m_since, started);
        }
    }
    write(m_path, QJsonObject{{u"database"_s, databaseKey},
                              {u"sender"_s, senderId},
                              {u"startedAt"_s, m_startedAt.toString(Qt::ISODateWithMs)}});
}

void SessionMarker::endCleanly(const QDateTime &now)
{
    QFile f(m_path);
    QJsonObject o;
    if (f.open(QIODevice::ReadOnly)) {
        o = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
    }
    // Another console on this database may have started since and owns the record now.
    if (o.value(u"sender"_s).toString() != m_senderId) {
        return;
    }
    o.insert(u"cleanExitAt"_s, now.toUTC().toString(Qt::ISODateWithMs));
    write(m_path, o);
}

} // namespace herald::ui
