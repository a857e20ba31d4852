#include "SecretInput.h"

#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin));
#else
    return isatty(fileno(stdin));
#endif
}

// Keeps what is typed off the screen while alive (a terminal only).
class HiddenInput
{
public:
    HiddenInput()
    {
#ifdef Q_OS_WIN
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = GetConsoleMode(m_handle, &m_mode) && SetConsoleMode(m_handle, m_mode & ~ENABLE_ECHO_INPUT);
#else
        if (tcgetattr(fileno(stdin), &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = tcsetattr(fileno(stdin), TCSAFLUSH, &quiet) == 0;
        }
#endif
    }
    ~HiddenInput()
    {
        if (!m_active) {
            return;
        }
#ifdef Q_OS_WIN
        SetConsoleMode(m_handle, m_mode);
#else
        tcsetattr(fileno(stdin), TCSAFLUSH, &m_saved);
#endif
    }
    HiddenInput(const HiddenInput &) = delete;
    HiddenInput &operator=(const HiddenInput &) = delete;

private:
    bool m_active = false;
#ifdef Q_OS_WIN
    HANDLE m_handle = nullptr;
    DWORD m_mode = 0;
#else
    termios m_saved{};
#endif
};

} // namespace

QString readSecretLine(QTextStream &err, const QString &prompt)
{
    std::string line;
    if (stdinIsTerminal()) {
        err << prompt << Qt::flush;
        HiddenInput hidden;
        std::getline(std::cin, line);
        err << u'\n' << Qt::flush;
    } else {
        std::getline(std::cin, line);
    }
    return QString::fromStdString(line).trimmed();
}

} // namespace herald::cli
