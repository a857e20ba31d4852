#include "log/CoreDumps.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace herald {

bool keepSecretsOutOfCoreDumps()
{
    if (qEnvironmentVariableIntValue("HERALD_ALLOW_CORE_DUMPS") == 1) {
        return true;
    }
    bool ok = true;
#if defined(Q_OS_UNIX)
    const rlimit none{0, 0};
    ok = setrlimit(RLIMIT_CORE, &none) == 0;
#endif
#if defined(Q_OS_LINUX)
    // A core_pattern that pipes to a handler (systemd-coredump, apport) ignores RLIMIT_CORE;
    // a process that is not dumpable gets no core at all.
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
}

} // namespace herald
