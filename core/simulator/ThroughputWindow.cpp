#include "simulator/ThroughputWindow.h"

#include <QMutexLocker>

namespace herald {

namespace {
constexpr qint64 kWindowNs = 1'000'000'000;
}

bool ThroughputWindow::tryAdmit(int cap, qint64 nowNs)
{
    if (cap <= 0)
        return true;
    QMutexLocker lock(&m_mutex);
    const auto size = static_cast<std::size_t>(cap);
    if (m_ring.size() != size) {
        // A changed cap starts a fresh window rather than reinterpreting the old ring.
        m_ring.assign(size, 0);
        m_next = 0;
        m_count = 0;
    }
    if (m_count == size && nowNs - m_ring[m_next] < kWindowNs)
        return false;
    m_ring[m_next] = nowNs;
    m_next = (m_next + 1) % size;
    if (m_count < size)
        ++m_count;
    return true;
}

void ThroughputWindow::reset()
{
    QMutexLocker lock(&m_mutex);
    m_ring.clear();
    m_next = 0;
    m_count = 0;
}

} // namespace herald
