#pragma once

#include <QString>

namespace herald {

// Opens listening sockets on 127.0.0.1 with SO_REUSEPORT, so several single-threaded HTTP
// servers can accept on one port and the kernel spreads connections between them. QTcpServer
// cannot set the option before bind(), hence the raw socket, handed over with
// QTcpServer::setSocketDescriptor().
class ReusePortListener
{
public:
    // Returns the descriptor, or -1 with *error set. port 0 picks a free port; read it back
    // with boundPort() and open the siblings on it.
    static qintptr open(quint16 port, QString *error);
    static quint16 boundPort(qintptr descriptor);
    static void close(qintptr descriptor);
};

} // namespace herald
