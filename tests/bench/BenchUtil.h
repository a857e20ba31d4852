#pragma once

// Small helpers shared by the benchmark programs: wall and CPU time, peak memory, and
// key=value output that docs/BENCHMARKS.md quotes.

#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <random>
#include <string>

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

// Digits in groups of 2 to 4 joined by `sep`, as people type phone numbers; shared by the
// generators of bench_import and bench_phone_validate so both measure the same shapes.
inline std::string group(const std::string &digits, char sep, std::mt19937_64 &rng)
{
    std::string out;
    std::uniform_int_distribution<int> len(2, 4);
    size_t i = 0;
    while (i < digits.size()) {
        const size_t n = std::min(digits.size() - i, size_t(len(rng)));
        if (!out.empty()) {
            out.push_back(sep);
        }
        out.append(digits, i, n);
        i += n;
    }
    return out;
}

} // namespace herald::bench
