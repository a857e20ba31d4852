#pragma once

namespace herald {

// OpenSSL frees its global tables from an exit handler. Qt's threads are detached: one that
// used TLS (a sender's, a network manager's) may still be ending when main() returns, and its
// thread-local clean-up then races with that handler over the same memory; the process aborts
// on its way out ("malloc_consolidate(): invalid chunk size"), its work done but its exit
// status a crash. Called first thing by every Herald program, before Qt loads OpenSSL: the
// handler is not registered and the operating system takes the memory back, as it does for
// everything else at exit. Where Qt's TLS is not the system's OpenSSL (Windows' and macOS'
// own TLS), there is nothing to do. Returns false when OpenSSL refused the setting.
bool keepTlsLibraryAliveAtExit();

} // namespace herald
