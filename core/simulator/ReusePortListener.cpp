#include "simulator/ReusePortListener.h"

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace herald {

using namespace Qt::StringLiterals;

#ifdef Q_OS_UNIX

namespace {

constexpr int kBacklog = 1024;

QString systemError(const char *what)
{
    return u"%1: %2"_s.arg(QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

qintptr ReusePortListener::open(quint16 port, QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        if (error)
            *error = systemError("socket");
        return -1;
    }
    const int on = 1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr =
        htonl(0x7f000001u); // 127.0.0.1 only: the simulator is never reachable from outside
    const char *failed = nullptr;
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0)
        failed = "SO_REUSEADDR";
    else if (::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
        failed = "SO_REUSEPORT";
    else if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0)
        failed = "bind 127.0.0.1";
    else if (::listen(fd, kBacklog) != 0)
        failed = "listen";
    if (failed) {
        if (error)
            *error = systemError(failed);
        ::close(fd);
        return -1;
    }
    return fd;
}

quint16 ReusePortListener::boundPort(qintptr descriptor)
{
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(int(descriptor), reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return 0;
    return ntohs(addr.sin_port);
}

void ReusePortListener::close(qintptr descriptor)
{
    if (descriptor >= 0)
        ::close(int(descriptor));
}

#else

qintptr ReusePortListener::open(quint16, QString *error)
{
    if (error)
        *error = u"SO_REUSEPORT listeners need a Unix system"_s;
    return -1;
}

quint16 ReusePortListener::boundPort(qintptr)
{
    return 0;
}

void ReusePortListener::close(qintptr) {}

#endif

} // namespace herald
