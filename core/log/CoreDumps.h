#pragma once

namespace herald {

// A core dump is a copy of the process's memory, and Herald's memory holds the access token
// (and a PostgreSQL password) from the moment it reads them: a crash would leave them in a
// `core` file, in systemd-coredump's store or in a crash reporter's upload. Called first thing
// by every Herald program: no core dump is written (RLIMIT_CORE 0) and, on Linux, the process
// is not dumpable, so it leaves no core whatever the core_pattern says and other processes of
// the same user cannot attach to it or read its memory. HERALD_ALLOW_CORE_DUMPS=1 keeps them
// for a developer who needs one (and accepts that it may hold the token).
// Returns false when the system refused (the program runs on).
bool keepSecretsOutOfCoreDumps();

} // namespace herald
