#include "sender/WorkerIdentity.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QSysInfo>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QMutex s_liveMutex;
QHash<QString, int> s_live; // id → how many registrations (several campaigns share a process's id)
} // namespace

void WorkerIdentity::registerLive(const QString &workerId)
{
    QMutexLocker lock(&s_liveMutex);
    ++s_live[workerId];
}

void WorkerIdentity::unregisterLive(const QString &workerId)
{
    QMutexLocker lock(&s_liveMutex);
    if (auto it = s_live.find(workerId); it != s_live.end() && --*it <= 0) {
        s_live.erase(it);
    }
}

QString WorkerIdentity::makeId()
{
    return u"%1/%2/%3"_s.arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
}

QString WorkerIdentity::hostOf(const QString &workerId)
{
    return workerId.section(u'/', 0, 0);
}

qint64 WorkerIdentity::pidOf(const QString &workerId)
{
    if (workerId.count(u'/') != 2) {
        return 0;
    }
    return workerId.section(u'/', 1, 1).toLongLong();
}

bool WorkerIdentity::isProcessAlive(qint64 pid)
{
    if (pid <= 0) {
        return false;
    }
#ifdef Q_OS_WIN
    HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!h) {
        return false;
    }
    DWORD code = 0;
    const bool alive = GetExitCodeProcess(h, &code) && code == STILL_ACTIVE;
    CloseHandle(h);
    return alive;
#else
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#endif
}

bool WorkerIdentity::isDeadLocalWorker(const QString &workerId)
{
    const qint64 pid = pidOf(workerId);
    if (pid <= 0 || hostOf(workerId) != QSysInfo::machineHostName()) {
        return false;
    }
    if (pid == QCoreApplication::applicationPid()) {
        QMutexLocker lock(&s_liveMutex);
        return !s_live.contains(workerId);
    }
    return !isProcessAlive(pid);
}

} // namespace herald
