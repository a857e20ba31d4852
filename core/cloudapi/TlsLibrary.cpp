#include "cloudapi/TlsLibrary.h"

#ifdef HERALD_OPENSSL_EXIT
#include <openssl/crypto.h>
#endif

namespace herald {

bool keepTlsLibraryAliveAtExit()
{
#ifdef HERALD_OPENSSL_EXIT
    // The first initialisation decides whether the exit handler is registered; Qt's later one
    // (when it loads libssl for the first TLS connection) finds it done. Qt loads the same
    // libcrypto.so.3 that is linked here, so this is the instance Qt uses.
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
#else
    return true;
#endif
}

} // namespace herald
