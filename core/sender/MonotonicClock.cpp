#include "sender/MonotonicClock.h"

#include <chrono>

namespace herald {

namespace {
class SteadyClock final : public MonotonicClock
{
public:
    qint64 nowNs() const override
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
};
} // namespace

const MonotonicClock &MonotonicClock::system()
{
    static const SteadyClock clock;
    return clock;
}

} // namespace herald
