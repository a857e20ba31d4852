#pragma once

#include <QMutex>

#include <vector>

namespace herald {

// Admits at most `cap` events in any sliding one-second window, shared by all server threads.
// It keeps the times of the last `cap` admissions in a ring: an event is admitted exactly when
// the oldest of them is more than a second old, so a check is O(1) whatever the cap.
class ThroughputWindow
{
public:
    // Returns false when admitting the event would exceed the cap; cap 0 admits everything.
    bool tryAdmit(int cap, qint64 nowNs);
    void reset();

private:
    QMutex m_mutex;
    std::vector<qint64> m_ring;
    std::size_t m_next = 0;
    std::size_t m_count = 0;
};

} // namespace herald
