#include "SignalWatcher.h"

#include <QSocketNotifier>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace herald::cli {

namespace {
#ifdef Q_OS_WIN
SignalWatcher *s_watcher = nullptr;

BOOL WINAPI consoleHandler(DWORD type)
{
    if ((type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT) && s_watcher) {
        QMetaObject::invokeMethod(
            s_watcher, [] { Q_EMIT s_watcher->interrupted(1); }, Qt::QueuedConnection);
        return TRUE;
    }
    return FALSE;
}
#else
// The self-pipe trick: a signal handler may only write(2); the notifier reads on the loop.
int s_pipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_pipe[1], &byte, 1);
}
#endif
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_WIN
    s_watcher = this;
    SetConsoleCtrlHandler(consoleHandler, TRUE);
#else
    if (::pipe(s_pipe) == 0) {
        ::fcntl(s_pipe[0], F_SETFL, O_NONBLOCK);
        ::fcntl(s_pipe[1], F_SETFL, O_NONBLOCK);
        m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::drain);
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
    }
#endif
}

SignalWatcher::~SignalWatcher()
{
#ifdef Q_OS_WIN
    SetConsoleCtrlHandler(consoleHandler, FALSE);
    s_watcher = nullptr;
#else
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    if (s_pipe[0] >= 0) {
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
        s_pipe[0] = s_pipe[1] = -1;
    }
#endif
}

void SignalWatcher::drain()
{
#ifndef Q_OS_WIN
    char buffer[16];
    while (::read(s_pipe[0], buffer, sizeof buffer) > 0) {
        Q_EMIT interrupted(++m_count);
    }
#endif
}

} // namespace herald::cli
