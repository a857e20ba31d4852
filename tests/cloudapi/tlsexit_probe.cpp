// A program that loads OpenSSL the way Herald's senders do (Qt's TLS, on a thread of its own)
// and then says, from the very last exit handler, whether OpenSSL cleaned itself up at exit.
// `tlsexit_probe herald` starts the way Herald's programs do (keepTlsLibraryAliveAtExit());
// `tlsexit_probe plain` does not. Exit code: 0 when OpenSSL is still intact at the end, 3 when
// its exit handler ran, 2 when Qt has no TLS here.
#include "cloudapi/TlsLibrary.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QThread>

#include <cstdlib>
#include <cstring>
#include <openssl/crypto.h>

namespace {
void lastExitHandler()
{
    // Registered before OpenSSL registers its own, so it runs after it. Once OPENSSL_cleanup()
    // has run, OpenSSL refuses to initialise again.
    std::_Exit(OPENSSL_init_crypto(0, nullptr) == 1 ? 0 : 3);
}
} // namespace

int main(int argc, char *argv[])
{
    std::atexit(lastExitHandler);
    if (argc > 1 && std::strcmp(argv[1], "herald") == 0 && !herald::keepTlsLibraryAliveAtExit()) {
        return 4;
    }
    QCoreApplication app(argc, argv);
    bool tls = false;
    QThread *thread = QThread::create([&tls] { tls = QSslSocket::supportsSsl(); });
    thread->start();
    thread->wait();
    delete thread;
    return tls ? 0 : 2;
}
