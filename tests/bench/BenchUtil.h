#pragma once

// Small helpers shared by the benchmark programs: wall and CPU time, peak memory, and
// key=value output that docs/BENCHMARKS.md quotes.

#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTextStream>

#include <ctime>

namespace herald::bench {

inline double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Peak resident memory of this process in MiB (VmHWM), 0 where /proc is absent.
inline double peakRssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return 0;
}

class Stopwatch
{
public:
    Stopwatch()
        : m_cpu0(cpuSeconds())
    {
        m_wall.start();
    }
    double wallSeconds() const { return double(m_wall.nsecsElapsed()) / 1e9; }
    double cpuSecondsUsed() const { return cpuSeconds() - m_cpu0; }

private:
    QElapsedTimer m_wall;
    double m_cpu0;
};

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

} // namespace herald::bench
